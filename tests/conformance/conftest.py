"""The W3C SPARQL 1.1 conformance suites over procgraph's HTTP endpoint (see harness.py).

Skipped when ``../shared/w3c-rdf-tests`` is absent (a user's clone). Known deviations are
listed, each with its reason, in ``expected_failures.txt``; they run as strict xfails, so one
that starts passing must be removed from the list. The totals per suite are printed at the end.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conformance import manifest

EXPECTED_FAILURES = Path(__file__).with_name("expected_failures.txt")


@pytest.fixture(scope="module")
def endpoint(request):
    """One procgraph server per suite module, with the options its ``endpoint_options()`` gives (if any)."""
    from tests.conformance import harness

    options = getattr(request.module, "endpoint_options", dict)()
    server = harness.Endpoint(**options)
    yield server
    server.close()


def expected_failures() -> dict[str, str]:
    """Test id -> reason, from :data:`EXPECTED_FAILURES` (``id  reason``; ``#`` starts a comment)."""
    found = {}
    for line in EXPECTED_FAILURES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            test_id, _, reason = line.partition(" ")
            found[test_id] = reason.strip() or "(no reason given)"
    return found


def params(cases: list[manifest.Case]) -> list:
    """pytest parameters for ``cases``: one per manifest entry, xfail when listed."""
    if not manifest.available():
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(reason=f"W3C test suites not found at {manifest.ROOT}"),
                id="w3c-suites-absent",
            )
        ]
    listed = expected_failures()
    out = []
    for case in cases:
        marks = [pytest.mark.xfail(reason=listed[case.id], strict=True)] if case.id in listed else []
        out.append(pytest.param(case, marks=marks, id=case.id))
    return out


_TOTALS: dict[str, Counter] = {}


def pytest_runtest_logreport(report):
    if "tests/conformance/" not in report.nodeid.replace("\\", "/") or "[" not in report.nodeid:
        return
    if report.when != "call" and not (report.when == "setup" and report.outcome != "passed"):
        return
    suite = report.nodeid.split("::")[0].rsplit("/", 1)[-1].removeprefix("test_").removesuffix(".py")
    if hasattr(report, "wasxfail"):
        outcome = "expected failures" if report.outcome == "skipped" else "failed"
    else:
        outcome = report.outcome
    _TOTALS.setdefault(suite, Counter())[outcome] += 1


def pytest_terminal_summary(terminalreporter):
    if not _TOTALS:
        return
    write = terminalreporter.write_line
    write("")
    write("W3C SPARQL 1.1 conformance (procgraph's HTTP endpoint)")
    write(f"{'suite':22} {'passed':>7} {'expected failures':>18} {'failed':>7} {'skipped':>8}")
    for suite, counts in sorted(_TOTALS.items()):
        write(
            f"{suite:22} {counts['passed']:7} {counts['expected failures']:18} {counts['failed']:7} "
            f"{counts['skipped']:8}"
        )
