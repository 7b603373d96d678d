"""W3C SPARQL 1.1 Service Description tests."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(("service-description",), "service-description")


@pytest.mark.parametrize("case", params(CASES))
def test_service_description(endpoint, case):
    harness.run_service_description(endpoint, case)
