"""procgraph in front of a real Oxigraph server (PyPI ``oxigraph``) started on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from procgraph.cli import main
from procgraph.server import Settings
from procgraph.store.remote import RemoteStore

from .conftest import EX, GRAPH_A, TOKEN, serve

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def loaded(oxigraph_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rdf")
    (folder / "a.ttl").write_text(
        f'<{EX}risk1> <{LABEL}> "沟通不畅"@zh-Hans , "poor communication"@en .\n', encoding="utf-8"
    )
    (folder / "b.nt").write_text(f'<{EX}risk2> <{LABEL}> "other" .\n', encoding="utf-8")
    assert main(["load", str(folder / "a.ttl"), "--graph", GRAPH_A, "--store-url", oxigraph_url + "/query"]) == 0
    assert main(["load", str(folder / "b.nt"), "--graph", EX + "graph/b", "--store-url", oxigraph_url + "/query"]) == 0
    return oxigraph_url


@pytest.fixture(scope="module")
def front(loaded):
    settings = Settings(store_url=loaded + "/query", timeout_s=5, max_rows=100, enable_update=True, update_token=TOKEN)
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def labels(response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(b["o"]["value"] for b in response.json()["results"]["bindings"])


def test_remote_store_client_speaks_both_protocols(loaded):
    store = RemoteStore(loaded + "/query")
    try:
        assert store.contains_named_graph(__import__("pyoxigraph").NamedNode(GRAPH_A))
        assert len(list(store.graph_triples(GRAPH_A))) == 2
        assert store.graph_triples(EX + "graph/none") is None
    finally:
        store.close()


def test_queries_are_answered_by_the_remote_store(front):
    query = f"SELECT ?o {{ ?s <{LABEL}> ?o }}"
    assert labels(front.get("/sparql", params={"query": query})) == ["other", "poor communication", "沟通不畅"]
    assert labels(front.get("/sparql", params={"query": query, "default-graph-uri": GRAPH_A})) == [
        "poor communication",
        "沟通不畅",
    ]
    turtle = front.get("/sparql", params={"query": f"CONSTRUCT WHERE {{ ?s <{LABEL}> ?o }}"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    csv = front.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines()[0] == "o"


def test_remote_errors_and_refusals(front):
    syntax = front.get("/sparql", params={"query": "SELECT ?x WHERE { ?x }"})
    assert syntax.status_code == 400
    service = front.get("/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"})
    assert service.status_code == 400 and "SERVICE" in service.text
    missing = front.get("/sparql", params={"query": "SELECT * FROM <http://elsewhere.example/g> { ?s ?p ?o }"})
    assert missing.status_code == 200  # an unknown graph is empty, never fetched (issue 13)
    assert missing.headers["x-procgraph-empty-graphs"] == "<http://elsewhere.example/g>"


def test_updates_and_graph_store_go_to_the_remote_store(front):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = EX + "graph/remote-new"
    put = front.put(
        "/graph-store",
        params={"graph": graph},
        content=f'<{EX}n> <{LABEL}> "new" .'.encode(),
        headers={"Content-Type": "text/turtle", **auth},
    )
    assert put.status_code == 201, put.text
    assert labels(
        front.get("/sparql", params={"query": f"SELECT ?o {{ ?s <{LABEL}> ?o }}", "default-graph-uri": graph})
    ) == ["new"]
    update = front.post("/sparql/update", data={"update": f"DROP GRAPH <{graph}>"}, headers=auth)
    assert update.status_code == 204, update.text
    assert front.get("/graph-store", params={"graph": graph}).status_code == 404
