"""The safety scan and negotiation as plain functions (no server)."""

from __future__ import annotations

import pytest

from procgraph.errors import QueryError
from procgraph.server import negotiation, safety
from procgraph.server.errors import ProtocolError


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service { ?service ?p "SERVICE" }',
        "SELECT * { ?s <http://ex/SERVICE> ?o } # SERVICE <http://x> {}",
        "PREFIX ex: <http://ex/> SELECT * { ?s ex:service ex:LOAD } ",
        'SELECT * { ?s ?p """LOAD <http://x>\nSERVICE""" }',
        "SELECT * { ?s ?p 'it''s' }",
    ],
)
def test_keywords_in_names_strings_and_comments_are_allowed(query):
    assert safety.scan_query(query).form == "SELECT"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }",
        "SELECT * {\n  ?s ?p ?o .\n  sErViCe SILENT ?endpoint { ?s ?p ?o } }",
        "SELECT * { ?a ?b 'x' . SERVICE<http://x>{?s ?p ?o} }",
    ],
)
def test_service_anywhere_is_refused(query):
    with pytest.raises(QueryError, match="SERVICE at line"):
        safety.scan_query(query)


def test_load_is_refused_with_its_position():
    with pytest.raises(QueryError, match=r"LOAD at line 2, column 1"):
        safety.scan_update("CLEAR DEFAULT ;\nLOAD <http://example.org/data.ttl>")


def test_from_graphs_are_resolved():
    info = safety.scan_query(
        "BASE <http://ex/base/> PREFIX g: <http://ex/g/>\n"
        "SELECT * FROM <a> FROM g:b FROM NAMED <http://ex/c> WHERE { ?s ?p ?o }"
    )
    assert info.form == "SELECT"
    assert info.from_graphs == ["http://ex/base/a", "http://ex/g/b"]
    assert info.from_named_graphs == ["http://ex/c"]
    assert not safety.scan_query("CONSTRUCT WHERE { ?s ?p ?o }").has_dataset_clause


def test_using_clauses_go_before_each_modify_where_only():
    update = (
        "DELETE WHERE { ?a ?b ?c } ;\n"
        "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o } ;\n"
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 2 } WHERE { ?s ?p ?o }"
    )
    rewritten = safety.add_using_clauses(update, ["http://g/1"], ["http://g/2"])
    assert rewritten.count("USING <http://g/1> USING NAMED <http://g/2> WHERE") == 2
    assert rewritten.startswith("DELETE WHERE { ?a ?b ?c }")
    with pytest.raises(QueryError, match="USING or WITH"):
        safety.add_using_clauses("WITH <http://g/x> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g/1"], [])


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+json;q=0.1, text/csv;q=0.2", "csv"),
        ("text/*", "csv"),
        ("application/*;q=0.5, text/tab-separated-values;q=0.4", "json"),
        ("text/csv;q=0, */*", "json"),
    ],
)
def test_accept_quality_values(accept, expected):
    assert negotiation.choose("results", accept).name == expected


def test_not_acceptable_names_what_is_offered():
    with pytest.raises(ProtocolError) as caught:
        negotiation.choose("graph", "text/csv")
    assert caught.value.status == 406 and "text/turtle" in caught.value.message
