"""Issue 18: ``SELECT *`` answered its columns as o, p, s (sorted by name).

SPARQL 1.1 Query §18.2.1: ``*`` projects the in-scope variables in the order they first appear
in the query. Every result format, and the JSON API built on them, keeps that order.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

QUERY = "SELECT * WHERE { ?s ?p ?o . BIND(STRLEN(STR(?o)) AS ?len) } LIMIT 3"
ORDER = ["s", "p", "o", "len"]


def _columns(fmt: str, body: str) -> list[str]:
    if fmt == "json":
        import json

        return json.loads(body)["head"]["vars"]
    if fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return [v.get("name") for v in ET.fromstring(body).iter(f"{ns}variable")]
    if fmt == "csv":
        return next(csv.reader(io.StringIO(body)))
    return [v.lstrip("?") for v in body.splitlines()[0].split("\t")]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_star_keeps_the_order_of_appearance(sample_client, fmt):
    response = sample_client.get("/sparql", params={"query": QUERY, "format": fmt})
    assert response.status_code == 200, response.text
    assert _columns(fmt, response.text) == ORDER


def test_rows_follow_their_columns(sample_client):
    response = sample_client.get("/sparql", params={"query": QUERY, "format": "csv"})
    header, *rows = list(csv.reader(io.StringIO(response.text)))
    for row in rows:
        values = dict(zip(header, row))
        assert values["s"].startswith("http://example.org/") and int(values["len"]) == len(values["o"])


def test_an_explicit_projection_is_kept(sample_client):
    response = sample_client.get(
        "/sparql", params={"query": "SELECT ?o ?s WHERE { ?s ?p ?o } LIMIT 1", "format": "json"}
    )
    assert response.json()["head"]["vars"] == ["o", "s"]


def test_comments_strings_and_iris_do_not_count():
    from procgraph.queries.results import projection_order

    query = "PREFIX ex: <http://example.org/?zz> # ?c\nSELECT DISTINCT * { ?b ex:p \"?a\" . ?b ?p '''?q''' . ?a ?p ?b }"
    assert projection_order(query, ["a", "b", "p"]) == ["b", "p", "a"]


def test_the_api_lists_columns_in_query_order(bundled_client):
    """Each named query's ``columns`` on the API follow its SELECT clause."""
    import re

    from procgraph.queries import named_queries

    for query in named_queries().values():
        code = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
        found = re.search(r"^\s*SELECT\b(.*?)(?:\bWHERE\b|\{)", code, re.S | re.M)
        if found is None:
            continue
        clause = found.group(1)
        order = list(dict.fromkeys(re.findall(r"[?$](\w+)", clause)))
        response = bundled_client.get(f"/api/queries/{query.name}")
        assert response.status_code == 200, response.text
        columns = response.json()["columns"]
        assert columns == [v for v in order if v in columns], query.name
