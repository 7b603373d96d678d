"""Issue 13: a form-encoded POST dropped ``default-graph-uri`` (and ``using-graph-uri`` on
updates) given in the URL: the query ran over the whole store, the INSERT ... WHERE inserted
nothing. They are honoured now, or refused with 400 when the body sets another dataset."""

from __future__ import annotations

import httpx
import pytest

from procgraph.server import Settings
from tests.integration.server.conftest import EX, GRAPH_A, GRAPH_B, TOKEN, make_store, serve

COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def client(tmp_path):
    settings = Settings(
        store_path=make_store(tmp_path / "store"), timeout_s=5, enable_update=True, update_token=TOKEN, workers=1
    )
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def n(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_form_post_honours_default_graph_uri_in_the_url(client):
    assert n(client.post("/sparql", params={"default-graph-uri": GRAPH_A}, data={"query": COUNT})) == 3
    assert n(client.post("/sparql", params={"named-graph-uri": GRAPH_A}, data={"query": COUNT})) == 0


def test_same_dataset_in_url_and_body_is_fine_a_different_one_is_400(client):
    same = client.post(
        "/sparql", params={"default-graph-uri": GRAPH_A}, data={"query": COUNT, "default-graph-uri": GRAPH_A}
    )
    assert n(same) == 3
    other = client.post(
        "/sparql", params={"default-graph-uri": GRAPH_A}, data={"query": COUNT, "default-graph-uri": GRAPH_B}
    )
    assert other.status_code == 400 and "differ" in other.text


@pytest.mark.parametrize("path", ["/sparql/update", "/sparql"])
def test_update_form_post_honours_using_graph_uri_in_the_url(client, path):
    copy = EX + "graph/copy"
    update = f"INSERT {{ GRAPH <{copy}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    response = client.post(path, params={"using-graph-uri": GRAPH_A}, data={"update": update}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert n(client.get("/sparql", params={"query": COUNT, "default-graph-uri": copy})) == 3
    conflict = client.post(
        path, params={"using-graph-uri": GRAPH_A}, data={"update": update, "using-graph-uri": GRAPH_B}, headers=AUTH
    )
    assert conflict.status_code == 400
