"""Issue 13: ``FROM <relative>`` (with or without BASE) was refused as "not a valid graph IRI"
while ``GRAPH <relative>`` resolved; FROM now resolves the same way."""

from __future__ import annotations

import httpx
import pyoxigraph as ox

from procgraph.server import Settings
from tests.integration.server.conftest import make_store, n, serve

BASE = "http://example.org/data/"


def test_from_relative_resolves_like_graph_relative(tmp_path):
    quads = [ox.Quad(n("s"), n("p"), ox.Literal("in g1"), ox.NamedNode(BASE + "g1"))]
    with (
        serve(Settings(store_path=make_store(tmp_path / "store", quads), workers=1, timeout_s=5)) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):

        def values(query):
            response = client.get("/sparql", params={"query": query})
            assert response.status_code == 200, response.text
            return [b["o"]["value"] for b in response.json()["results"]["bindings"]]

        assert values(f"BASE <{BASE}> SELECT ?o {{ GRAPH <g1> {{ ?s ?p ?o }} }}") == ["in g1"]
        assert values(f"BASE <{BASE}> SELECT ?o FROM <g1> {{ ?s ?p ?o }}") == ["in g1"]
        assert values(f"BASE <{BASE}> SELECT ?o FROM NAMED <g1> {{ GRAPH <g1> {{ ?s ?p ?o }} }}") == ["in g1"]
        assert values("BASE <http://example.org/> BASE <data/> SELECT ?o FROM <g1> { ?s ?p ?o }") == ["in g1"]
        # without BASE a relative FROM resolves against the endpoint's URL: an empty graph, not a 400
        response = client.get("/sparql", params={"query": "SELECT ?o FROM <g1> { ?s ?p ?o }"})
        assert response.status_code == 200
        assert response.headers["x-procgraph-empty-graphs"] == f"<{server.url}/g1>"
