"""W3C SPARQL 1.1 Protocol tests (query and update), each request run as the manifest gives it."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(("protocol",), "protocol")


@pytest.mark.parametrize("case", params(CASES))
def test_protocol(endpoint, case):
    harness.run_http(endpoint, case)
