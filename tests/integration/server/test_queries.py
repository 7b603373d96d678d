"""The example queries in ``queries/``: documented headers, valid SPARQL, listed on the page."""

from __future__ import annotations

import json
import re

import pytest

from procgraph.queries import read_header
from procgraph.resources import resource_dir
from procgraph.server.page import examples

QUERY_FILES = sorted(resource_dir("queries").glob("*.rq"))


def test_there_are_example_queries():
    assert len(QUERY_FILES) >= 3


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_header_names_title_parameters_and_example(path):
    example = read_header(path)
    for key in ("title", "title-zh", "description", "description-zh", "parameters", "example"):
        assert example.get(key), f"{path.name} has no '# {key}:' line"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_runs_on_the_endpoint(client, path):
    response = client.post("/sparql", data={"query": path.read_text(encoding="utf-8")})
    assert response.status_code == 200, response.text
    assert "head" in response.json()


def test_page_lists_every_example(client):
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    data = re.search(r'<script id="example-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    titles = [e["title"] for e in json.loads(data)]
    assert titles == [e["title"] for e in examples()] and len(titles) == len(QUERY_FILES)
    assert "PREFIX pg: &lt;https://w3id.org/procgraph/ontology#&gt;" in page
