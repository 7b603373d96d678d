"""W3C SPARQL 1.1 query evaluation (every query suite but SERVICE and entailment), CSV/TSV/JSON results."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(manifest.QUERY_DIRS, "query")


def endpoint_options() -> dict:
    """The suite's server holds every test's data from the start (see conftest.endpoint)."""
    return {"preload": harness.query_data(CASES)}


@pytest.mark.parametrize("case", params(CASES))
def test_query(endpoint, case):
    harness.run_query_evaluation(endpoint, case)
