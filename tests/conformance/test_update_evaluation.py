"""W3C SPARQL 1.1 update evaluation.

The server runs with ``union_default_graph=False``: these tests are written for an update's
WHERE over the stored default graph (procgraph's default evaluates it over the union of all
graphs, as its queries do; see docs/endpoint.md).
"""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(manifest.UPDATE_DIRS, "update")


def endpoint_options() -> dict:
    """These tests assume an update's WHERE sees only the stored default graph (see conftest.endpoint)."""
    return {"union_default_graph": False}


@pytest.mark.parametrize("case", params(CASES))
def test_update(endpoint, case):
    harness.run_update_evaluation(endpoint, case)
