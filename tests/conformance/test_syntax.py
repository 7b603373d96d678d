"""W3C SPARQL 1.1 syntax tests, query and update, positive and negative (from every suite)."""

from __future__ import annotations

import pytest

from tests.conformance import harness, manifest
from tests.conformance.conftest import params

CASES = manifest.cases_in(manifest.SYNTAX_DIRS + manifest.QUERY_DIRS + manifest.UPDATE_DIRS, "syntax")


@pytest.mark.parametrize("case", params(CASES))
def test_syntax(endpoint, case):
    harness.run_syntax(endpoint, case)
