"""schemathesis against the app's OpenAPI description (``/api/openapi.json``): no request gets a 5xx.

Every documented operation (the named queries, risks by theme, search, links, themes) is
called with about 20 generated requests (valid and invalid parameter values, odd strings,
unknown ids) on a server over a small procgraph store. Bounded so the run stays well under a
minute.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from procgraph.server import Settings

from .conftest import serve_in_thread

EXAMPLES_PER_OPERATION = 20


@pytest.fixture(scope="module")
def fuzz_server(built_store):
    with serve_in_thread(Settings(store_path=built_store, timeout_s=5, workers=2, cache_entries=0)) as running:
        yield running


def test_no_generated_request_gets_a_server_error(fuzz_server):
    schema = schemathesis.openapi.from_url(fuzz_server.url + "/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    errors, calls = [], []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            response = case.call(base_url=fuzz_server.url, timeout=30)
            calls.append(response.status_code)
            if response.status_code >= 500:
                errors.append((case.as_curl_command(), response.status_code, response.text[:300]))

        call()
    assert len(operations) >= 12 and len(calls) >= 10 * len(operations)
    assert not errors


def test_the_schema_lists_every_named_query(fuzz_server):
    from procgraph.queries import named_queries

    paths = httpx.get(fuzz_server.url + "/api/openapi.json", timeout=30).json()["paths"]
    assert {f"/api/queries/{name}" for name in named_queries()} <= set(paths)
