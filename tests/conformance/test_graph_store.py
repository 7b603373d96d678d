"""W3C SPARQL 1.1 Graph Store HTTP Protocol tests (direct and indirect graph identification)."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(("graph-store-protocol",), "graph-store")


@pytest.mark.parametrize("case", params(CASES))
def test_graph_store(endpoint, case):
    harness.run_http(endpoint, case)
