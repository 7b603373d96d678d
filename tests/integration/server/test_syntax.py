"""Syntax errors read as one sentence with line and column (server/syntax.py), on /sparql too."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from procgraph.server.syntax import explain

MALFORMED = {
    "missing brace": ("SELECT * WHERE { ?s ?p ?o ", "line 1, column 16", "never closed"),
    "unknown prefix": ("PREFIX pg: <http://x/>\nSELECT * WHERE { ?s zz:p ?o }", "line 2, column 21", "zz:"),
    "bad IRI": ("SELECT * WHERE { ?s <http://exa mple/> ?o }", "line 1, column 21", "not a valid IRI"),
    "unterminated Chinese literal": ('SELECT * WHERE {\n  ?s ?p "沟通不畅 .\n}', "line 2, column 9", "never closed"),
    "stray closing brace": ("SELECT * { ?s ?p ?o } }", "line 1, column 23", "closes nothing"),
    "no query form": ("SELEC * WHERE { ?s ?p ?o }", "line 1, column 1", "SELECT, CONSTRUCT"),
    "bad LIMIT": ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "line 1, column 35", "a number"),
    "dots in a prefixed name": (
        "PREFIX pg: <http://x/>\nSELECT * { ?s pg:x-8.1.1.1 ?o }",
        "line 2, column 15",
        "<http://x/x-8.1.1.1>",
    ),
    "nothing after GROUP BY": ("SELECT * { ?s ?p ?o } GROUP BY", "line 1, column 31", "a variable"),
}


def pyoxigraph_message(text: str) -> str:
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query(text)
    return str(caught.value)


def assert_one_readable_sentence(message: str) -> None:
    assert re.search(r"line \d+, column \d+", message), message
    assert "\\u" not in message and "..=" not in message and "[_]" not in message, message
    assert not re.search(r"\['", message), message  # no character-class dumps
    assert "\n" not in message, message


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_queries_read_as_one_sentence(name):
    text, place, words = MALFORMED[name]
    message = explain(pyoxigraph_message(text), text)
    assert_one_readable_sentence(message)
    assert message.startswith("the query is not valid SPARQL 1.1: ")
    assert place in message and words in message, message


def test_raw_message_had_unicode_ranges_we_remove():
    text = "SELECT * { ?s ?p ?o } GROUP BY"
    assert "\\u{" in pyoxigraph_message(text)  # what pyoxigraph says, and why this module exists
    assert_one_readable_sentence(explain(pyoxigraph_message(text), text))


def test_an_update_sent_as_query_says_so():
    text = "INSERT DATA { <http://a> <http://b> 1 }"
    assert "begins an update" in explain(pyoxigraph_message(text), text)


def test_update_errors_use_the_same_sentences():
    text = 'INSERT DATA { <http://a> <http://b> "沟通 }'
    with pytest.raises(SyntaxError) as caught:
        ox.Store().update(text)
    message = explain(str(caught.value), text, "update")
    assert message.startswith("the update is not valid SPARQL 1.1 Update: the string")
    assert "line 1, column 37" in message


def test_a_message_of_another_shape_loses_its_class_dumps():
    assert explain("something odd ['a'..='z']", "SELECT") == "the query is not valid SPARQL 1.1: something odd"


@pytest.mark.parametrize("name", ["missing brace", "unknown prefix", "bad IRI", "unterminated Chinese literal"])
def test_the_endpoint_answers_400_with_the_sentence(client, name):
    text, place, words = MALFORMED[name]
    response = client.get("/sparql", params={"query": text})
    assert response.status_code == 400
    body = response.text.strip()
    assert_one_readable_sentence(body)
    assert place in body and words in body, body


def test_the_update_endpoint_places_errors_in_the_sent_text(tmp_path):
    import httpx

    from procgraph.server import Settings

    from .conftest import TOKEN, make_store, serve

    settings = Settings(store_path=make_store(tmp_path / "store"), enable_update=True, update_token=TOKEN, workers=1)
    text = "DELETE WHERE { ?s ?p ?o"
    with serve(settings) as running, httpx.Client(base_url=running.url, timeout=30) as c:
        response = c.post(
            "/sparql/update",
            content=text.encode(),
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 400
    assert "line 1, column 14" in response.text and "never closed" in response.text, response.text


W3C_SPARQL = Path(__file__).resolve().parents[4] / "shared" / "w3c-rdf-tests" / "sparql"


def test_every_w3c_query_pyoxigraph_rejects_reads_as_one_sentence():
    if not W3C_SPARQL.is_dir():
        pytest.skip("../shared/w3c-rdf-tests not present")
    checked = 0
    for path in sorted(W3C_SPARQL.rglob("*.r[qu]")):
        text = path.read_text(encoding="utf-8", errors="replace")
        kind = "update" if path.suffix == ".ru" else "query"
        try:
            (ox.Store().update if kind == "update" else ox.Store().query)(text)
            continue
        except SyntaxError as exc:
            message = explain(str(exc), text, kind)
        except Exception:  # noqa: BLE001 - an evaluation error, not a syntax error
            continue
        checked += 1
        assert re.search(r"line \d+, column \d+", message), (path.name, message)
        assert "\\u{" not in message and "['" not in message and "[_]" not in message, (path.name, message)
        assert "\n" not in message, (path.name, message)
    assert checked > 50
