"""HEAD is answered like GET without the body, on a real server over HTTP."""

from __future__ import annotations

import pytest

QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"


@pytest.mark.parametrize(
    "path, params",
    [("/sparql", {"query": QUERY}), ("/sparql", {}), ("/api/queries", {}), ("/static/pages/site.css", {}), ("/", {})],
)
def test_head_gives_the_status_and_headers_of_get_and_no_body(client, path, params):
    get = client.get(path, params=params)
    head = client.head(path, params=params)
    assert get.status_code == head.status_code == 200
    assert head.content == b"" and len(get.content) > 0
    assert head.headers["content-type"] == get.headers["content-type"]
    assert int(head.headers["content-length"]) == len(get.content)


def test_head_of_a_bad_query_is_the_same_error_as_get(client):
    head = client.head("/sparql", params={"query": "SELECT nonsense"})
    assert head.status_code == client.get("/sparql", params={"query": "SELECT nonsense"}).status_code == 400
    assert head.content == b""


def test_head_where_only_post_is_allowed_is_still_405(client):
    assert client.head("/sparql/update").status_code == 405
