"""Issue 13: a Graph Store Protocol POST with neither ?graph nor ?default answered 400; the
protocol (SPARQL 1.1 Graph Store HTTP Protocol, section 5.5) creates a new graph: 201 Created
with the new graph's IRI in ``Location``, which can then be read."""

from __future__ import annotations

import httpx

from procgraph.server import Settings
from tests.integration.server.conftest import TOKEN, make_store, serve

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> ."


def test_post_to_the_graph_store_creates_a_graph(tmp_path):
    settings = Settings(
        store_path=make_store(tmp_path / "store"), timeout_s=5, enable_update=True, update_token=TOKEN, workers=1
    )
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        response = client.post("/graph-store", content=DOC, headers={"Content-Type": "text/turtle", **AUTH})
        assert response.status_code == 201, response.text
        location = response.headers["location"]
        assert location.startswith(server.url + "/graph-store/")
        second = client.post("/graph-store", content=DOC, headers={"Content-Type": "text/turtle", **AUTH})
        assert second.headers["location"] != location
        # the new graph is there, by direct identification (its IRI is the URL) and indirectly
        direct = client.get(location, headers={"Accept": "application/n-triples"})
        assert direct.status_code == 200 and b"<http://example.org/o>" in direct.content
        indirect = client.get("/graph-store", params={"graph": location}, headers={"Accept": "application/n-triples"})
        assert indirect.content == direct.content
        assert client.delete(location, headers=AUTH).status_code == 204
        assert client.get(location).status_code == 404
        # other methods still need a graph
        put = client.put("/graph-store", content=DOC, headers={"Content-Type": "text/turtle", **AUTH})
        assert put.status_code == 400
