"""Good and bad fixture per shape: the good dataset conforms, each bad one (a SPARQL update of
the good one, in fixtures/bad/<Shape>.ru) fails that shape, and the fast path gives exactly
pySHACL's results on every one of them."""

from __future__ import annotations

import pytest

from procgraph.validate import validate_store
from procgraph.validate.engine import run_checks
from procgraph.validate.reference import pyshacl_results

from .conftest import BAD, fixture_store

BAD_FILES = sorted(BAD.glob("*.ru"))


def test_good_fixture_conforms_with_no_result(checks):
    store = fixture_store()
    assert run_checks(store, checks) == []
    report = validate_store(store, checks=checks)
    assert report.conforms and report.overall == 1.0
    assert [e.id for e in report.complete] == ["99.0", "99.1", "99.1.1"]


@pytest.mark.parametrize("update", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_fixture_fails_its_shape(update, checks):
    results = run_checks(fixture_store(update), checks)
    assert update.stem in {r.shape.rsplit("#", 1)[-1] for r in results}


@pytest.mark.parametrize("update", [None] + BAD_FILES, ids=["good"] + [p.stem for p in BAD_FILES])
def test_fast_path_equals_pyshacl(update, checks):
    store = fixture_store(update)
    fast = run_checks(store, checks)
    reference, _ = pyshacl_results(store)
    assert fast == reference
