"""W3C SPARQL 1.1 query evaluation (every query suite but SERVICE and entailment), CSV/TSV/JSON results."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(manifest.QUERY_DIRS, "query")


@pytest.fixture(scope="module")
def endpoint():
    server = harness.Endpoint(preload=harness.query_data(CASES))
    yield server
    server.close()


@pytest.mark.parametrize("case", params(CASES))
def test_query(endpoint, case):
    harness.run_query_evaluation(endpoint, case)
