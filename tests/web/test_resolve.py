"""Element and item IRIs on the server: content negotiation, downloads, redirects, errors, language cookie."""

from __future__ import annotations

import json

import httpx
import pyoxigraph as ox
import pytest
import rdflib

from procgraph.export import rcm_csv
from procgraph.graph import rcm

ELEMENT = "https://w3id.org/procgraph/pcf/20613"  # 8.1.2.1
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=60) as c:
        yield c


def test_browser_gets_html(client):
    r = client.get("/pcf/20613", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="rcm-table"' in r.text
    assert "Accept" in r.headers["vary"]


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_client_gets_rdf(client, accept, fmt):
    r = client.get("/pcf/20613", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert "content-disposition" not in r.headers  # negotiated, not a download
    graph = rdflib.Graph().parse(data=r.content, format=fmt)
    node = rdflib.URIRef(ELEMENT)
    assert (node, rdflib.URIRef("https://w3id.org/procgraph/ontology#hierarchyId"), rdflib.Literal("8.1.2.1")) in graph
    inferred_only = rdflib.URIRef("https://w3id.org/procgraph/ontology#riskOf")
    assert not list(graph.triples((None, inferred_only, None)))  # the asserted description only


def test_description_keeps_theme_evidence(client):
    graph = rdflib.Graph().parse(
        data=client.get("/std/gbpm-8/20613/risk/2", headers={"Accept": "text/turtle"}).content, format="turtle"
    )
    statements = list(graph.subjects(rdflib.RDF.type, rdflib.RDF.Statement))
    assert statements, "the reified tag with its evidence travels with the item"
    assert all(
        graph.value(s, rdflib.RDF.subject) == rdflib.URIRef("https://w3id.org/procgraph/std/gbpm-8/20613/risk/2")
        for s in statements
    )


def test_downloads_have_file_names(client):
    for fmt, name in (
        ("ttl", "pcf-20613-8.1.2.1.ttl"),
        ("jsonld", "pcf-20613-8.1.2.1.jsonld"),
        ("csv", "rcm-pcf-20613-8.1.2.1.csv"),
    ):
        r = client.get("/pcf/20613", params={"format": fmt})
        assert r.status_code == 200
        assert r.headers["content-disposition"] == f'attachment; filename="{name}"'
    json.loads(client.get("/pcf/20613", params={"format": "jsonld"}).content)


def test_csv_matches_export(client, web_store):
    """The element's CSV is byte for byte what 'procgraph export -f rcm-csv --element' writes for it."""
    store = ox.Store.read_only(str(web_store))
    header, rows = rcm.matrix(store, "8.1.2.1")
    response = client.get("/pcf/20613", params={"format": "csv"})
    assert response.content == rcm_csv(header, rows)
    assert response.content.decode("utf-8-sig").startswith("Element ID,")  # header on line 1, no notice lines
    assert response.headers["link"] == '</notice>; rel="license"'  # the notice is linked instead
    notice = client.get("/notice")
    assert notice.status_code == 200 and "ALL RIGHTS RESERVED" in notice.text


def test_hierarchy_id_redirects(client):
    r = client.get("/pcf/8.1.2.1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/pcf/20613"
    r = client.get("/go", params={"id": "20645"}, follow_redirects=False)
    assert r.headers["location"] == "/pcf/20645"


def test_item_iri(client):
    r = client.get("/std/gbpm-8/20613/risk/2", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200 and "blockquote" in r.text
    r = client.get("/std/gbpm-8/20613/risk/2", headers={"Accept": "application/ld+json"})
    graph = rdflib.Graph().parse(data=r.content, format="json-ld")
    assert (
        rdflib.URIRef("https://w3id.org/procgraph/std/gbpm-8/20613/risk/2"),
        rdflib.URIRef("https://w3id.org/procgraph/ontology#position"),
        rdflib.Literal(2),
    ) in graph


@pytest.mark.parametrize(
    "path",
    [
        "/pcf/99999",
        "/pcf/9.9.9",
        "/std/gbpm-8/20613/risk/99",
        "/std/gbpm-8/20613/bogus/1",
        "/themes/no-such-theme",
        "/go?id=nothing",
    ],
)
def test_unknown_things_are_404_pages(client, path):
    r = client.get(path, headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "en"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text and 'href="/"' in r.text


def test_unacceptable_type_is_406(client):
    r = client.get("/pcf/20613", headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_language_choice(client, web_server):
    assert 'lang="zh-Hant"' in client.get("/", headers={"Accept-Language": "zh-TW,en;q=0.5"}).text
    assert 'lang="en"' in client.get("/", headers={"Accept-Language": "en-GB"}).text
    assert '<html lang="zh-Hans">' in client.get("/", headers={"Accept-Language": "fr"}).text
    r = client.get("/", params={"lang": "en"}, headers={"Accept-Language": "zh-CN"})
    assert r.cookies.get("pg_lang") == "en"
    with httpx.Client(base_url=web_server.url, cookies={"pg_lang": "en"}, timeout=60) as remembered:
        assert '<html lang="en">' in remembered.get("/tree", headers={"Accept-Language": "zh-CN"}).text


def test_pages_have_no_external_resources(client):
    for path in ("/", "/tree", "/pcf/20613", "/completeness", "/themes/communication", "/search?q=training"):
        body = client.get(path).text
        for marker in ('src="http', 'href="http', "@import", "cdn"):
            assert marker not in body.replace('href="https://w3id.org', ""), (path, marker)


def test_backend_failure_is_an_html_page_for_browsers(web_store):
    """A page whose queries pass the deadline says so in HTML; a client asking for RDF gets the plain 503."""
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    app = create_app(Settings(store_path=web_store, workers=1, timeout_s=0.001))
    with TestClient(app) as c:
        r = c.get("/pcf/20613", headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "en"})
        assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
        assert "Reading the data failed" in r.text
        r = c.get("/pcf/20613", headers={"Accept": "text/turtle"})
        assert r.status_code == 503 and r.headers["content-type"].startswith("text/plain")
