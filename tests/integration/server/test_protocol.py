"""The SPARQL 1.1 Protocol on /sparql, spoken by real HTTP clients to a real uvicorn server."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from .conftest import EX, GRAPH_A, GRAPH_B

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LABELS = f"SELECT ?o WHERE {{ ?s <{LABEL}> ?o }} ORDER BY ?o"


def values(response) -> list[str]:
    data = response.json()
    return [b[data["head"]["vars"][0]]["value"] for b in data["results"]["bindings"]]


def test_get_post_form_and_post_direct_give_the_same_answer(client):
    get = client.get("/sparql", params={"query": LABELS})
    form = client.post("/sparql", data={"query": LABELS})
    direct = client.post("/sparql", content=LABELS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert get.status_code == form.status_code == direct.status_code == 200
    assert get.headers["content-type"].startswith("application/sparql-results+json")
    assert get.content == form.content == direct.content
    assert sorted(values(get)) == [
        "default graph",
        "poor communication",
        'text with "quotes", commas\tand tab',
        "沟通不畅",
    ]


def test_default_dataset_is_the_union_of_all_graphs(client):
    response = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    assert values(response) == ["65"]


def test_default_graph_uri_defines_the_default_graph_exactly(client):
    response = client.get("/sparql", params={"query": LABELS, "default-graph-uri": GRAPH_A})
    assert sorted(values(response)) == ["poor communication", "沟通不畅"]
    both = client.get(
        "/sparql", params=[("query", LABELS), ("default-graph-uri", GRAPH_A), ("default-graph-uri", GRAPH_B)]
    )
    assert len(values(both)) == 3


def test_named_graph_uri_alone_leaves_the_default_graph_empty(client):
    query = f"SELECT ?g ?o {{ {{ ?s <{LABEL}> ?o }} UNION {{ GRAPH ?g {{ ?s <{LABEL}> ?o }} }} }}"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": GRAPH_B})
    rows = response.json()["results"]["bindings"]
    assert [(r["g"]["value"], r["o"]["value"]) for r in rows] == [(GRAPH_B, 'text with "quotes", commas\tand tab')]


def test_protocol_dataset_overrides_from_in_the_query(client):
    query = f"SELECT ?o FROM <{GRAPH_B}> {{ ?s <{LABEL}> ?o }}"
    assert len(values(client.get("/sparql", params={"query": query}))) == 1
    assert sorted(values(client.get("/sparql", params={"query": query, "default-graph-uri": GRAPH_A}))) == [
        "poor communication",
        "沟通不畅",
    ]


def test_from_named_without_from_gives_an_empty_default_graph(client):
    query = f"SELECT ?o FROM NAMED <{GRAPH_A}> {{ ?s <{LABEL}> ?o }}"
    assert values(client.get("/sparql", params={"query": query})) == []


@pytest.mark.parametrize(
    "query, word",
    [
        ("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("select * { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE"),
    ],
)
def test_service_is_refused(client, query, word):
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.text.startswith(f"{word} at line 1")


def test_keywords_inside_strings_and_iris_are_not_refused(client):
    query = 'SELECT ?x { BIND("SERVICE and LOAD" AS ?x) FILTER(?x != <http://ex/SERVICE>) } # SERVICE'
    assert values(client.get("/sparql", params={"query": query})) == ["SERVICE and LOAD"]


def test_malformed_query_gives_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "not valid SPARQL" in response.text and "line 1, column" in response.text


@pytest.mark.parametrize(
    "accept, media",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(client, accept, media):
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_results_parse_back_to_the_same_terms(client, store_dir, fmt):
    """Our writers against pyoxigraph's parsers: every term survives (CSV keeps only the values)."""
    query = f"SELECT ?s ?o {{ ?s ?p ?o FILTER(?p != <{EX}index>) }} ORDER BY ?s ?o"
    response = client.get("/sparql", params={"query": query, "format": fmt})
    parser = {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[fmt]
    seen = str if fmt != "csv" else (lambda term: term.value)
    if fmt == "csv":  # lossy by design: values only, read with the csv module
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
        assert rows[0] == ["s", "o"]
        got = [tuple(row) for row in rows[1:]]
    else:
        got = [(seen(r["s"]), seen(r["o"])) for r in ox.parse_query_results(response.content, format=parser)]
    store = ox.Store.read_only(str(store_dir))
    expected = [(seen(r["s"]), seen(r["o"])) for r in store.query(query, use_default_graph_as_union=True)]
    assert got == expected and len(got) == 5


def test_ask_in_every_result_format(client):
    query = f"ASK {{ <{EX}risk1> ?p ?o }}"
    assert client.get("/sparql", params={"query": query}).json() == {"head": {}, "boolean": True}
    xml = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in xml.text
    assert client.get("/sparql", params={"query": query, "format": "csv"}).text == "_askResult\r\ntrue\r\n"


@pytest.mark.parametrize(
    "accept, rdf_format",
    [
        (None, ox.RdfFormat.TURTLE),
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("text/html;q=0.9, application/rdf+xml;q=0.5", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_formats_by_accept(client, accept, rdf_format):
    query = f"CONSTRUCT {{ ?s <{LABEL}> ?o }} WHERE {{ ?s <{LABEL}> ?o }}"
    headers = {"Accept": accept} if accept else {}
    response = client.post("/sparql", data={"query": query}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == rdf_format.media_type
    triples = {q.triple for q in ox.parse(response.content, format=rdf_format)}
    assert (
        len(triples) == 4
        and ox.Triple(ox.NamedNode(EX + "risk1"), ox.NamedNode(LABEL), ox.Literal("沟通不畅", language="zh-Hans"))
        in triples
    )


def test_describe_answers_a_graph(client):
    response = client.get(
        "/sparql", params={"query": f"DESCRIBE <{EX}risk1>"}, headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200 and response.text.count("\n") == 3


def test_406_when_nothing_acceptable(client):
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    construct = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "text/csv"}
    )
    assert construct.status_code == 406


def test_415_for_an_unsupported_body_type(client):
    response = client.post("/sparql", content=LABELS.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert client.post("/sparql", content=b"query=x").status_code == 415


def test_405_for_other_methods(client):
    response = client.put("/sparql", content=b"x")
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
    assert client.delete("/sparql").status_code == 405


def test_two_queries_in_one_request_are_refused(client):
    response = client.get("/sparql", params=[("query", LABELS), ("query", LABELS)])
    assert response.status_code == 400 and "exactly one" in response.text


def test_non_utf8_bodies_are_refused(client):
    latin = "SELECT ?x { BIND('é' AS ?x) }".encode("latin-1")
    assert (
        client.post("/sparql", content=latin, headers={"Content-Type": "application/sparql-query"}).status_code == 400
    )
    assert (
        client.post(
            "/sparql", content=latin, headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"}
        ).status_code
        == 415
    )


def test_update_over_get_is_refused(client):
    response = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 400 and "POST" in response.text


def test_row_limit_refuses_instead_of_truncating(client):
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert response.status_code == 400 and "more than 50" in response.text
    assert client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 50"}).status_code == 200
    construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert construct.status_code == 400 and "more than 50 triples" in construct.text


def test_request_body_limit(server, client):
    big = "SELECT * { ?s ?p ?o } #" + "x" * (server.settings.max_body_bytes + 1)
    response = client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_service_description_for_rdf_clients(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(
        q.predicate.value == sd + "supportedLanguage" and q.object.value == sd + "SPARQL11Query" for q in triples
    )
    assert not any(q.object.value == sd + "SPARQL11Update" for q in triples)
    assert client.get("/sparql").headers["content-type"].startswith("text/turtle")
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.text)


def test_browsers_get_the_query_page(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'src="/static/query.js"' in response.text and "http" not in response.text.split("<body")[0].replace(
        'content="width=device-width, initial-scale=1"', ""
    )
    assert client.get("/static/query.js").status_code == 200
    assert client.get("/static/query.css").status_code == 200


def test_download_links_format_parameter(client):
    response = client.get("/sparql", params={"query": LABELS, "format": "tsv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    construct = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
    assert (
        client.get("/sparql", params={"query": construct, "format": "turtle"})
        .headers["content-type"]
        .startswith("text/turtle")
    )
    assert (
        client.get("/sparql", params={"query": construct, "format": "xml"})
        .headers["content-type"]
        .startswith("application/rdf+xml")
    )
    # A format that does not fit the answer (SPARQLWrapper sends format=json for every form): Accept decides.
    ignored = client.get("/sparql", params={"query": LABELS, "format": "ttl"}, headers={"Accept": "text/csv"})
    assert ignored.headers["content-type"].startswith("text/csv")


def test_large_answers_arrive_whole(client):
    """Regression: an answer larger than the pipe's buffer was cut when the pipe was non-blocking."""
    query = (
        'SELECT ?s ?long { ?s ?p ?o BIND(REPLACE(REPLACE(STR(?s), ".", "0123456789"), ".", "0123456789")'
        " AS ?long) } LIMIT 50"
    )
    for _ in range(5):
        response = client.get("/sparql", params={"query": query, "format": "xml"})
        assert response.status_code == 200 and len(response.content) > 100_000


def test_relative_iris_in_queries_resolve_against_the_endpoint(server, client):
    response = client.get("/sparql", params={"query": "SELECT ?i { BIND(<x> AS ?i) }"})
    assert values(response) == [server.url + "/x"]
