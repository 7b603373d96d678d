"""Issue 13: the union default graph was a multiset: a triple held in two graphs came back
twice (``COUNT(*)`` counted it twice). It is the RDF merge now, a set of triples; so is the
merge of several FROM / default-graph-uri graphs."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from procgraph.server import Settings
from tests.integration.server.conftest import GRAPH_A, GRAPH_B, TOKEN, make_store, n, serve

SHARED = (n("risk"), n("label"), ox.Literal("shared"))
QUADS = [
    ox.Quad(*SHARED, ox.NamedNode(GRAPH_A)),
    ox.Quad(*SHARED, ox.NamedNode(GRAPH_B)),
    ox.Quad(*SHARED, ox.DefaultGraph()),
    ox.Quad(n("other"), n("label"), ox.Literal("only in A"), ox.NamedNode(GRAPH_A)),
]
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


def count(client, query=COUNT, **params) -> int:
    response = client.get("/sparql", params={"query": query, **params})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module", params=["read-only", "updates"])
def client(request, tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("union-set") / "store", QUADS)
    extra = {"enable_update": True, "update_token": TOKEN} if request.param == "updates" else {}
    with (
        serve(Settings(store_path=store, workers=1, timeout_s=5, cache_entries=0, **extra)) as server,
        httpx.Client(base_url=server.url, timeout=30) as c,
    ):
        yield c


def test_a_triple_in_three_graphs_counts_once(client):
    assert count(client) == 2
    there_and_back = "SELECT (COUNT(*) AS ?n) { ?s <http://example.org/label>/^<http://example.org/label> ?o }"
    assert count(client, there_and_back) == 2
    # GRAPH still sees each named graph as it is
    assert count(client, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") == 3


def test_a_merge_of_named_graphs_is_a_set(client):
    assert count(client, **{"default-graph-uri": [GRAPH_A, GRAPH_B]}) == 2
    assert count(client, f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_A}> FROM <{GRAPH_B}> {{ ?s ?p ?o }}") == 2
    assert (
        count(
            client,
            f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_A}> FROM <{GRAPH_B}> FROM NAMED <{GRAPH_A}> "
            "{ GRAPH ?g { ?s ?p ?o } }",
        )
        == 2
    )
