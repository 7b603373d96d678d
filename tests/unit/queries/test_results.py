"""The SELECT writers of queries/results.py: the JSON one is written by hand for speed, so it is
checked byte for byte against json.dumps of the SPARQL 1.1 JSON results objects."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procgraph.queries import results

JSON = results.format_named("json")

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
iris = st.sampled_from(["http://example.org/a", "https://w3id.org/procgraph/8.1.5", "urn:x:\u98ce\u9669"])
literals = st.one_of(
    text.map(ox.Literal),
    st.tuples(text, st.sampled_from(["zh-hans", "en", "zh-hant"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers().map(ox.Literal),
    st.tuples(text, iris).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
)
terms = st.one_of(iris.map(ox.NamedNode), literals)  # VALUES has no blank nodes: see the test below


def _reference(store: ox.Store, query: str) -> bytes:
    """The answer as json.dumps writes the documented objects (what the writer replaced)."""
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    bindings = [{n: results._json_term(t) for n, t in zip(names, row) if t is not None} for row in solutions]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(terms, st.one_of(st.none(), terms)), max_size=6))
def test_json_answer_is_json_dumps_byte_for_byte(rows):
    """Any mix of IRIs, plain, tagged and typed literals (quotes, controls, CJK) and
    unbound cells gives exactly the bytes json.dumps gives."""
    store = ox.Store()
    values = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows)
    query = f"SELECT ?a ?b WHERE {{ VALUES (?a ?b) {{ {values} }} }}"
    written = results.write_solutions(store.query(query), JSON, 100)
    assert written == _reference(store, query)
    document = json.loads(written)
    assert len(document["results"]["bindings"]) == len(rows)


def test_json_answer_of_blank_nodes_triple_terms_and_empty_rows():
    store = ox.Store()
    store.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode("http://e/p"), ox.Literal('say "hi"\n')))
    blank = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    written = results.write_solutions(store.query(blank), JSON, 100)
    assert written == _reference(store, blank)
    assert json.loads(written)["results"]["bindings"][0]["s"]["type"] == "bnode"
    query = 'SELECT ?t ?x WHERE { VALUES (?t ?x) { (<<( <http://e/s> <http://e/p> "o"@en )>> UNDEF) (UNDEF UNDEF) } }'
    written = results.write_solutions(store.query(query), JSON, 100)
    assert written == _reference(store, query)
    first, empty = json.loads(written)["results"]["bindings"]
    assert first["t"]["type"] == "triple" and first["t"]["value"]["object"]["xml:lang"] == "en"
    assert empty == {}


def test_json_answer_stops_at_the_row_limit():
    store = ox.Store()
    with pytest.raises(results.TooManyRows, match="more than 2 solutions"):
        results.write_solutions(store.query("SELECT ?n WHERE { VALUES ?n { 1 2 3 } }"), JSON, 2)
