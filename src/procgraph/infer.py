"""Inference: the OWL 2 RL rules the procgraph ontology needs, as SPARQL updates on Oxigraph.

owlrl computes the full OWL 2 RL closure but took 127 s on 200k triples here. The ontology
uses only a handful of constructs, so procgraph applies just their rules, each a SPARQL
``INSERT ... WHERE`` run by pyoxigraph, repeated until nothing new appears:

==============  ===========================================  =====================
rule (OWL 2 RL)  schema triple (in the ontology graph)        adds
==============  ===========================================  =====================
prp-spo1         ``p rdfs:subPropertyOf+ q``                   ``x q y`` from ``x p y``
prp-inv1/2       ``p owl:inverseOf q``                         ``y q x`` from ``x p y``
prp-trp          ``p a owl:TransitiveProperty``                ``x p z`` from ``x p y . y p z``
prp-dom          ``p rdfs:domain c``                           ``x a c`` from ``x p y``
prp-rng          ``p rdfs:range c``                            ``y a c`` from ``x p y`` (IRIs only)
cax-sco          ``c rdfs:subClassOf+ d``                      ``x a d`` from ``x a c``
==============  ===========================================  =====================

The schema is read from the ontology graph; the rules apply to every graph. Inferred triples
go into the inferred graph, and only triples that no graph holds yet. What owlrl adds beyond
these rules (reflexive owl:sameAs, owl:Thing typings, datatype typings, schema-level
consequences) is left out; a test compares the result with owlrl's closure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, Store

from procgraph.graph import GRAPHS

MAX_ROUNDS = 50

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

#: Rule name -> (template of the head, template of the body). ``{S}`` is the ontology graph,
#: ``{I}`` the inferred graph. Each body ends by excluding triples some graph already holds.
RULES: dict[str, tuple[str, str]] = {
    "prp-spo1": ("?x ?q ?y", "GRAPH <{S}> {{ ?p rdfs:subPropertyOf+ ?q FILTER(?p != ?q) }} GRAPH ?g {{ ?x ?p ?y }}"),
    "prp-inv": (
        "?y ?q ?x",
        "GRAPH <{S}> {{ {{ ?p owl:inverseOf ?q }} UNION {{ ?q owl:inverseOf ?p }} }} "
        "GRAPH ?g {{ ?x ?p ?y }} FILTER(!isLiteral(?y))",
    ),
    "prp-trp": (
        "?x ?p ?z",
        "GRAPH <{S}> {{ ?p a owl:TransitiveProperty }} GRAPH ?g {{ ?x ?p ?y }} GRAPH ?h {{ ?y ?p ?z }}",
    ),
    "prp-dom": ("?x a ?c", "GRAPH <{S}> {{ ?p rdfs:domain ?c }} GRAPH ?g {{ ?x ?p ?y }}"),
    "prp-rng": ("?y a ?c", "GRAPH <{S}> {{ ?p rdfs:range ?c }} GRAPH ?g {{ ?x ?p ?y }} FILTER(!isLiteral(?y))"),
    "cax-sco": ("?x a ?d", "GRAPH <{S}> {{ ?c rdfs:subClassOf+ ?d FILTER(?c != ?d) }} GRAPH ?g {{ ?x a ?c }}"),
}


def rule_update(name: str, schema_graph: str, inferred_graph: str) -> str:
    """The SPARQL update for one rule, inserting only triples absent from every graph."""
    head, body = RULES[name]
    body = body.format(S=schema_graph, I=inferred_graph)
    return (
        f"{_PREFIXES}INSERT {{ GRAPH <{inferred_graph}> {{ {head} }} }}\n"
        f"WHERE {{ {body} FILTER NOT EXISTS {{ GRAPH ?any {{ {head} }} }} }}"
    )


@dataclass
class InferenceReport:
    """How many rounds ran and how many triples each rule added in total."""

    rounds: int
    added: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.added.values())


def materialise(store: Store, *, schema_graph: str | None = None, inferred_graph: str | None = None) -> InferenceReport:
    """Apply the rules to ``store`` in place until a fixpoint; inferred triples go to one graph."""
    schema = schema_graph or GRAPHS["ontology"]
    inferred = inferred_graph or GRAPHS["inferred"]
    updates = {name: rule_update(name, schema, inferred) for name in RULES}
    added = {name: 0 for name in RULES}
    for rounds in range(1, MAX_ROUNDS + 1):
        before_round = len(store)
        for name, update in updates.items():
            before = len(store)
            store.update(update)
            added[name] += len(store) - before
        if len(store) == before_round:
            return InferenceReport(rounds, added)
    raise RuntimeError(f"inference did not reach a fixpoint in {MAX_ROUNDS} rounds")


def infer(quads: Iterable[Quad]) -> tuple[list[Quad], InferenceReport]:
    """Return the inferred quads (sorted) for a dataset, without changing the input."""
    store = Store()
    store.bulk_extend(quads)
    report = materialise(store)
    graph = NamedNode(GRAPHS["inferred"])
    inferred = sorted(store.quads_for_pattern(None, None, None, graph), key=str)
    return inferred, report
