"""The RDF of one element or item, for content negotiation and downloads.

A description holds what the asserted graphs say about the resource (never the inferred
closure, which a client can recompute), the same for an element's practices, risks and
outputs, and the reified statements (``rdf:Statement``) that give the evidence of its theme
tags and cross-category links. It is
written as Turtle (with our prefixes and APQC's notice, like ``procgraph export``) or JSON-LD
(compacted with the same context), sorted so the same store gives the same bytes; language tags
in canonical BCP 47 case (``zh-Hans``, ``zh-Hant-TW``), though the store keeps them lower-cased.
"""

from __future__ import annotations

import pyoxigraph as ox

from procgraph.export import merged_triples, notice_comment, to_jsonld
from procgraph.langtags import canonical_text
from procgraph.namespaces import PREFIXES
from procgraph.server.pages.data import INFERRED_GRAPH, construct_ntriples, iri

DESCRIBE = """
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  VALUES ?t {{ {subjects} }}
  {{ GRAPH ?g {{ ?t ?p ?o }} BIND(?t AS ?s) }}
  UNION
  {{ ?s rdf:subject ?t ; a rdf:Statement . GRAPH ?g {{ ?s ?p ?o }} }}
  FILTER(?g != <{inferred}>)
}}"""


async def describe(request, subjects: list[str]) -> list[ox.Triple]:
    """Triples about ``subjects`` (and their annotations) from the asserted graphs, sorted."""
    query = DESCRIBE.format(subjects=" ".join(iri(s) for s in subjects), inferred=INFERRED_GRAPH)
    body = await construct_ntriples(request, query)
    quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
    return merged_triples(ox.Quad(q.subject, q.predicate, q.object) for q in quads)


def turtle(triples: list[ox.Triple]) -> bytes:
    """Turtle with our prefixes, headed by APQC's notice as comments."""
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return notice_comment().encode("utf-8") + canonical_text(body)


def jsonld(triples: list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with our prefixes as its context."""
    return to_jsonld([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
