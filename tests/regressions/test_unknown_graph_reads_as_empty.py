"""Issue 13: a graph the store does not hold was refused with 400 ("not in this store ... no
remote FROM"); SPARQL servers read it as an empty graph (200), and nothing is ever fetched."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest

from procgraph.server import Settings
from tests.integration.server.conftest import GRAPH_A, make_store, serve

HEADER = "X-Procgraph-Empty-Graphs"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = make_store(tmp_path_factory.mktemp("unknown-graph") / "store")
    with (
        serve(Settings(store_path=store, workers=1, timeout_s=5, cache_entries=0)) as server,
        httpx.Client(base_url=server.url, timeout=30) as c,
    ):
        yield c


@pytest.fixture()
def trap():
    """A listening socket standing for the unknown graph's server: nothing may connect to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.settimeout(0.5)
    hits = []

    def watch():
        try:
            hits.append(sock.accept())
        except OSError:
            pass

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/data.ttl", hits
    thread.join(1)
    sock.close()


def test_unknown_default_graph_uri_is_an_empty_graph(client, trap):
    unknown, hits = trap
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": unknown})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    assert response.headers[HEADER] == f"<{unknown}>"
    count = client.get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "default-graph-uri": unknown}
    )
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert hits == []


@pytest.mark.parametrize(
    "query", ["ASK FROM <{g}> {{}}", "ASK FROM NAMED <{g}> {{ }}", "SELECT * FROM <{g}> {{ ?s ?p ?o }}"]
)
def test_unknown_from_graph_is_an_empty_graph(client, trap, query):
    unknown, hits = trap
    response = client.get("/sparql", params={"query": query.format(g=unknown)})
    assert response.status_code == 200, response.text
    assert unknown in response.headers[HEADER]
    assert hits == []


def test_unknown_named_graph_uri_is_an_empty_named_graph(client, trap):
    unknown, hits = trap
    response = client.get(
        "/sparql", params={"query": "SELECT ?s { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": [unknown, GRAPH_A]}
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == 3  # graph A's triples, nothing else
    assert response.headers[HEADER] == f"<{unknown}>"
    assert hits == []


def test_held_graphs_get_no_header(client):
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": GRAPH_A})
    assert response.status_code == 200 and HEADER not in response.headers
