"""Compare answers as the SPARQL 1.1 test suites say: solution multisets, blank nodes up to
isomorphism, order only when the query has ORDER BY; graphs up to isomorphism.

A solution sequence is written as an RDF graph (one blank node per row, one per binding; an
index on each row when order matters) and compared with rdflib's graph isomorphism, which
maps blank nodes consistently across the whole answer. Literals are compared as written
(lexical form, datatype, language): rdflib's literal normalisation is switched off.
"""

from __future__ import annotations

import csv
import io
import re

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

rdflib.NORMALIZE_LITERALS = False

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

RESULT_FORMATS = {
    "srx": ox.QueryResultsFormat.XML,
    "srj": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RESULT_MEDIA = {
    "srx": "application/sparql-results+xml",
    "srj": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode("x" + term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.Literal(str(term))  # a quoted triple: compared by its N-Triples text


class Answer:
    """A parsed answer: a boolean, a solution table, or a graph."""

    def __init__(self, boolean=None, variables=None, rows=None, triples=None):
        self.boolean, self.variables, self.rows, self.triples = boolean, variables, rows, triples

    @classmethod
    def from_results(cls, results) -> Answer:
        if isinstance(results, ox.QueryBoolean):
            return cls(boolean=bool(results))
        variables = [v.value for v in results.variables]
        rows = [{name: solution[name] for name in variables if solution[name] is not None} for solution in results]
        return cls(variables=variables, rows=rows)

    @classmethod
    def parse_results(cls, data: bytes, fmt: ox.QueryResultsFormat) -> Answer:
        return cls.from_results(ox.parse_query_results(data, format=fmt))

    @classmethod
    def parse_csv(cls, data: bytes) -> Answer:
        """A CSV answer: every value a plain string (CSV keeps no types), ``_:x`` a blank node."""
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        rows = list(reader)
        variables, rows = rows[0], rows[1:]

        def term(value: str):
            return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.Literal(value)

        return cls(variables=variables, rows=[{v: term(x) for v, x in zip(variables, row) if x != ""} for row in rows])

    @classmethod
    def parse_result_set_graph(cls, triples) -> Answer:
        """An answer written as RDF with the DAWG result-set vocabulary (``rs:ResultSet``)."""
        by_subject: dict = {}
        for t in triples:
            by_subject.setdefault(t.subject, []).append(t)

        def values(subject, name):
            return [t.object for t in by_subject.get(subject, []) if t.predicate.value == RS + name]

        result_set = next(t.subject for t in triples if t.object == ox.NamedNode(RS + "ResultSet"))
        if values(result_set, "boolean"):
            return cls(boolean=values(result_set, "boolean")[0].value == "true")
        variables = [v.value for v in values(result_set, "resultVariable")]
        rows = []
        for solution in values(result_set, "solution"):
            row = {}
            for binding in values(solution, "binding"):
                row[values(binding, "variable")[0].value] = values(binding, "value")[0]
            rows.append(row)
        return cls(variables=variables, rows=rows)

    @classmethod
    def parse_graph(cls, data: bytes, fmt: ox.RdfFormat, base_iri: str | None = None) -> Answer:
        return cls(triples=[q.triple for q in ox.parse(data, format=fmt, base_iri=base_iri)])

    def describe(self) -> str:
        if self.boolean is not None:
            return f"boolean {self.boolean}"
        if self.triples is not None:
            return "\n".join(sorted(map(str, self.triples))) or "(no triples)"
        lines = [" ".join(self.variables)]
        lines += [" | ".join(f"{k}={row[k]}" for k in sorted(row)) for row in self.rows]
        return "\n".join(lines)


def graph_of_triples(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def _graph_of_rows(rows: list[dict], ordered: bool) -> rdflib.Graph:
    graph = rdflib.Graph()
    for index, row in enumerate(rows):
        node = rdflib.BNode()
        graph.add((node, rdflib.RDF.type, rdflib.URIRef(RS + "Solution")))
        if ordered:
            graph.add((node, rdflib.URIRef(RS + "index"), rdflib.Literal(str(index))))
        for name, term in row.items():
            binding = rdflib.BNode()
            graph.add((node, rdflib.URIRef(RS + "binding"), binding))
            graph.add((binding, rdflib.URIRef(RS + "variable"), rdflib.Literal(name)))
            graph.add((binding, rdflib.URIRef(RS + "value"), to_rdflib(term)))
    return graph


def same_graph(a, b) -> bool:
    return isomorphic(graph_of_triples(a), graph_of_triples(b))


def equivalent(expected: Answer, actual: Answer, *, ordered: bool) -> bool:
    """True when ``actual`` is the answer ``expected`` describes."""
    if expected.boolean is not None or actual.boolean is not None:
        return expected.boolean == actual.boolean
    if expected.triples is not None or actual.triples is not None:
        return (
            expected.triples is not None and actual.triples is not None and same_graph(expected.triples, actual.triples)
        )
    if sorted(expected.variables) != sorted(actual.variables) or len(expected.rows) != len(actual.rows):
        return False
    if not any(isinstance(t, ox.BlankNode) for row in expected.rows + actual.rows for t in row.values()):
        key = lambda row: sorted((k, str(v)) for k, v in row.items())  # noqa: E731
        if ordered:
            return [key(r) for r in expected.rows] == [key(r) for r in actual.rows]
        return sorted(map(key, expected.rows)) == sorted(map(key, actual.rows))
    return isomorphic(_graph_of_rows(expected.rows, ordered), _graph_of_rows(actual.rows, ordered))


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def is_ordered(query: str) -> bool:
    """Whether the top-level query orders its solutions (a rough test, as in other harnesses)."""
    return bool(_ORDER_BY.search(query))
