"""The lock file CI installs from pins every dependency the project names, and nothing twice."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """The normalised distribution name of ``requirement`` (PEP 503: case and -_. folded)."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate((ROOT / "requirements-test.lock").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[^\s;]+", line), f"line {number} is not name==version: {line}"
        name, version = line.split("==")
        assert _name(name) not in pins, f"line {number}: {name} is pinned twice"
        pins[_name(name)] = version
    return pins


def test_every_dependency_and_test_extra_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = project["dependencies"] + project["optional-dependencies"]["test"]
    missing = sorted({_name(r) for r in named} - set(_pins()))
    assert missing == []


def test_ci_installs_with_the_lock():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c requirements-test.lock -e '.[test]'" in run
