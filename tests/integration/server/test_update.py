"""SPARQL Update and the Graph Store Protocol: off by default, on with a token."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from procgraph.namespaces import PG_IRI
from procgraph.server import Settings

from .conftest import EX, GRAPH_A, TOKEN, make_store, serve

AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


def count(client, **params) -> int:
    response = client.get("/sparql", params={"query": COUNT, **params})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def writable(tmp_path):
    with (
        serve(
            Settings(store_path=make_store(tmp_path / "store"), timeout_s=5, enable_update=True, update_token=TOKEN)
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        yield client


def test_updates_are_off_by_default(client):
    update = f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"
    for response in (
        client.post("/sparql/update", data={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        client.put("/graph-store", params={"graph": GRAPH_A}, content=b"", headers={"Content-Type": "text/turtle"}),
    ):
        assert response.status_code == 403 and "read-only" in response.text
    assert count(client) == 65


def test_update_needs_the_token(writable):
    update = f"INSERT DATA {{ <{EX}x> <{EX}p> 1 }}"
    missing = writable.post("/sparql/update", data={"update": update})
    wrong = writable.post("/sparql/update", data={"update": update}, headers={"Authorization": "Bearer nope"})
    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert count(writable) == 65


def test_update_is_applied_and_seen_by_later_queries(writable):
    update = f"INSERT DATA {{ GRAPH <{EX}graph/new> {{ <{EX}x> <{EX}p> 1 }} }}"
    response = writable.post("/sparql/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert [count(writable) for _ in range(3)] == [66] * 3
    direct = writable.post(
        "/sparql",
        content=f"DELETE DATA {{ GRAPH <{EX}graph/new> {{ <{EX}x> <{EX}p> 1 }} }}",
        headers={"Content-Type": "application/sparql-update", **AUTH},
    )
    assert direct.status_code == 204
    assert count(writable) == 65


def test_using_graph_uri_sets_the_update_dataset(writable):
    update = f"INSERT {{ GRAPH <{EX}graph/copy> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    response = writable.post("/sparql/update", data={"update": update, "using-graph-uri": GRAPH_A}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert count(writable, **{"default-graph-uri": EX + "graph/copy"}) == 3
    conflict = writable.post(
        "/sparql/update",
        headers=AUTH,
        data={"update": f"INSERT {{ ?s ?p ?o }} USING <{GRAPH_A}> WHERE {{ ?s ?p ?o }}", "using-graph-uri": GRAPH_A},
    )
    assert conflict.status_code == 400


def test_load_and_service_are_refused_in_updates(writable):
    for update in (
        "LOAD <http://127.0.0.1:1/data.ttl>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    ):
        response = writable.post("/sparql/update", data={"update": update}, headers=AUTH)
        assert response.status_code == 400 and "not allowed" in response.text


def test_malformed_update_is_400(writable):
    response = writable.post("/sparql/update", data={"update": "INSERT DATA { <x> }"}, headers=AUTH)
    assert response.status_code == 400 and "not valid SPARQL 1.1 Update" in response.text


def test_graph_store_protocol_round_trip(writable):
    graph = EX + "graph/gsp"
    turtle = f'<{EX}a> <{EX}p> "一"@zh , "two" .'.encode()
    assert writable.get("/graph-store", params={"graph": graph}).status_code == 404
    put = writable.put(
        "/graph-store", params={"graph": graph}, content=turtle, headers={"Content-Type": "text/turtle", **AUTH}
    )
    assert put.status_code == 201
    got = writable.get("/graph-store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and len(list(ox.parse(got.content, format=ox.RdfFormat.N_TRIPLES))) == 2
    post = writable.post(
        "/graph-store",
        params={"graph": graph},
        content=f"<{EX}b> <{EX}p> 3 .".encode(),
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert post.status_code == 204
    assert count(writable, **{"default-graph-uri": graph}) == 3
    replaced = writable.put(
        "/graph-store",
        params={"graph": graph},
        content=f"<{EX}c> <{EX}p> 4 .".encode(),
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert replaced.status_code == 204
    assert count(writable, **{"default-graph-uri": graph}) == 1
    assert writable.head("/graph-store", params={"graph": graph}).status_code == 200
    assert writable.delete("/graph-store", params={"graph": graph}, headers=AUTH).status_code == 204
    assert writable.delete("/graph-store", params={"graph": graph}, headers=AUTH).status_code == 404


def test_graph_store_rejects_bad_requests(writable):
    bad_syntax = writable.put(
        "/graph-store",
        params={"graph": EX + "g"},
        content=b"<a> <b> .",
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert bad_syntax.status_code == 400 and "cannot be parsed" in bad_syntax.text
    bad_type = writable.put(
        "/graph-store", params={"graph": EX + "g"}, content=b"x", headers={"Content-Type": "image/png", **AUTH}
    )
    assert bad_type.status_code == 415
    assert writable.get("/graph-store").status_code == 400
    assert writable.get("/graph-store", params={"default": ""}).status_code == 200


def test_relative_iris_resolve_against_the_endpoint(writable):
    update = (
        "INSERT DATA { GRAPH <http://example.org/base-test/> { <http://example.org/s> <http://example.org/p> <test> } }"
    )
    assert writable.post("/sparql/update", data={"update": update}, headers=AUTH).status_code == 204
    response = writable.get("/sparql", params={"query": "SELECT ?o { <http://example.org/s> ?p ?o }"})
    value = response.json()["results"]["bindings"][0]["o"]["value"]
    assert value == str(writable.base_url).rstrip("/") + "/sparql/test"


def _search(client, q: str) -> list[str]:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    return [hit["iri"] for hit in response.json()["results"]]


def test_search_sees_the_data_the_server_serves(writable):
    element = f"{EX}element/widget"
    assert _search(writable, "widget") == []
    update = f"""INSERT DATA {{ GRAPH <{EX}graph/new> {{
        <{element}> <{PG_IRI}hierarchyId> "99.1" ;
            <http://www.w3.org/2004/02/skos/core#prefLabel> "Govern widgets"@en }} }}"""
    assert writable.post("/sparql/update", data={"update": update}, headers=AUTH).status_code == 204
    assert _search(writable, "widget") == [element]  # the index follows the new snapshot
    assert _search(writable, "widget") == [element]
    drop = f"DROP GRAPH <{EX}graph/new>"
    assert writable.post("/sparql/update", data={"update": drop}, headers=AUTH).status_code == 204
    assert _search(writable, "widget") == []
