"""Small constructors for pyoxigraph terms, so graph code reads like the triples it makes."""

from __future__ import annotations

from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store, Triple

from procgraph.namespaces import PG, PREFIXES

XSD = PREFIXES["xsd"]
RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")


def iri(value: str) -> NamedNode:
    """A named node from an IRI string (or an rdflib URIRef such as ``PG.Risk``)."""
    return NamedNode(str(value))


def pg(term: str) -> NamedNode:
    """A ``pg:`` term, checked against the closed namespace (a typo raises AttributeError)."""
    return NamedNode(str(getattr(PG, term)))


def ext(prefix: str, local: str) -> NamedNode:
    """A term of an external vocabulary by prefix, e.g. ``ext("skos", "prefLabel")``."""
    return NamedNode(PREFIXES[prefix] + local)


def text(value: str, lang: str | None = None) -> Literal:
    """A plain or language-tagged string literal."""
    return Literal(value, language=lang) if lang else Literal(value)


def integer(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))


def decimal(value: float) -> Literal:
    """An ``xsd:decimal`` literal with at most three decimals (``0.942``, ``1.0``)."""
    lexical = f"{round(float(value), 3):.3f}".rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=NamedNode(XSD + "decimal"))


def boolean(value: bool) -> Literal:
    """An ``xsd:boolean`` literal."""
    return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))


def in_graph(triples, graph_iri: str) -> list[Quad]:
    """Put triples into the named graph ``graph_iri``, dropping duplicates, in a stable order."""
    g = NamedNode(graph_iri)
    # Keyed by the triple's N-Triples form: hashing and sorting strings is cheaper than hashing
    # terms and printing every quad. The order is the quads' N-Triples order, as all share ``g``.
    unique = {str(t): t for t in triples}
    return [Quad(t.subject, t.predicate, t.object, g) for _, t in sorted(unique.items())]


def solutions(store: Store, query: str, **options: Any) -> QuerySolutions:
    """The rows of the SELECT ``query`` on ``store`` (``options`` as :meth:`pyoxigraph.Store.query` takes).

    pyoxigraph types ``Store.query`` as returning any of its three kinds of answer; this says which.
    """
    answer = store.query(query, **options)
    if not isinstance(answer, QuerySolutions):
        raise TypeError(f"not a SELECT query: {query.strip()[:60]!r}")
    return answer


__all__ = ["RDF_TYPE", "Triple", "iri", "pg", "ext", "text", "integer", "boolean", "in_graph", "solutions"]
