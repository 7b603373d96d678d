"""Issue 13: queries saw the union of all graphs, an update's WHERE only the stored default
graph, so on a built store (empty default graph) INSERT ... WHERE matched nothing and answered
204. An update without USING / WITH now evaluates its WHERE over the same union."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from procgraph.server import Settings
from tests.integration.server.conftest import EX, GRAPH_A, TOKEN, make_store, n, serve

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def count(client, query, **params) -> int:
    response = client.get("/sparql", params={"query": query, **params})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def client(tmp_path):
    # as a built store: every triple in a named graph, the stored default graph empty
    quads = [ox.Quad(n(f"r{i}"), ox.NamedNode(LABEL), ox.Literal(f"risk {i}"), ox.NamedNode(GRAPH_A)) for i in range(3)]
    settings = Settings(
        store_path=make_store(tmp_path / "store", quads), timeout_s=5, enable_update=True, update_token=TOKEN, workers=1
    )
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def update(client, text):
    response = client.post("/sparql/update", data={"update": text}, headers=AUTH)
    assert response.status_code == 204, response.text


def test_insert_where_matches_the_union_as_queries_do(client):
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ ?s <{LABEL}> ?o }}") == 3
    update(client, f"INSERT {{ GRAPH <{EX}graph/flags> {{ ?s a <{EX}Risk> }} }} WHERE {{ ?s <{LABEL}> ?o }}")
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ ?s a <{EX}Risk> }}") == 3


def test_template_without_graph_writes_the_stored_default_graph(client):
    update(client, f"INSERT {{ ?s a <{EX}Risk> }} WHERE {{ ?s <{LABEL}> ?o }}")
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ ?s a <{EX}Risk> }}") == 3
    # and a DELETE WHERE over the union removes them from the stored default graph again
    update(client, f"DELETE WHERE {{ ?s a <{EX}Risk> }}")
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ ?s a <{EX}Risk> }}") == 0
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ ?s <{LABEL}> ?o }}") == 3


def test_graph_patterns_and_several_operations_still_work(client):
    update(
        client,
        f"PREFIX ex: <{EX}> INSERT DATA {{ ex:x ex:p 1 }} ; "
        f"INSERT {{ GRAPH ex:g2 {{ ?s ex:q ?g }} }} WHERE {{ ?s ex:p 1 . GRAPH ?g {{ ?r ?l ?o }} }}",
    )
    assert count(client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{EX}g2> {{ ?s ?p ?o }} }}") == 1
    # nothing of the rewrite is left behind
    graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g { GRAPH ?g {} }"}).json()
    assert sorted(b["g"]["value"] for b in graphs["results"]["bindings"]) == [EX + "g2", GRAPH_A]
