"""Inference: the rules do what the ontology says, write only into the inferred graph, and
give the same result as owlrl's OWL 2 RL closure (restricted to what the rules cover)."""

from __future__ import annotations

import dataclasses

import rdflib
from pyoxigraph import Literal, NamedNode, Quad, Store
from rdflib import OWL, RDF

from procgraph.build import asserted_quads
from procgraph.graph import GRAPHS, iris
from procgraph.infer import infer, materialise
from procgraph.namespaces import PG, PREFIXES
from procgraph.pcf import Framework

BASE = "https://w3id.org/procgraph/"
INF = NamedNode(GRAPHS["inferred"])


def has(quads, s, p, o) -> bool:
    return any(q.subject.value == s and q.predicate.value == str(p) and q.object.value == str(o) for q in quads)


def test_inverse_transitive_subclass_domain_and_subproperty(dataset):
    _, inferred, _ = dataset
    risk = iris.item("gbpm-8", 20610, "risk", 2)
    practice = iris.item("gbpm-8", 20610, "practice", 2)
    assert has(inferred, risk, PG.mitigatedBy, practice)  # inverse
    assert has(inferred, risk, PG.riskOf, iris.pcf_element(20610))  # inverse
    assert has(inferred, iris.pcf_element(20610), PG.partOf, iris.pcf_element(20607))  # transitive
    assert has(inferred, iris.pcf_element(20607), PG.hasPart, iris.pcf_element(20610))
    assert has(inferred, iris.pcf_element(20610), RDF.type, PG.ProcessElement)  # subclass
    assert has(inferred, iris.pcf_element(20610), RDF.type, rdflib.SKOS.Concept)
    assert has(inferred, risk, RDF.type, PG.StandardItem)
    assert has(inferred, risk, RDF.type, "https://w3id.org/dpv#Risk")  # alignment
    assert has(inferred, iris.standard("gbpm-8"), PG.covers, iris.pcf_element(20610))
    labels = [q for q in inferred if q.subject.value == risk and q.predicate.value == str(rdflib.RDFS.label)]
    assert len(labels) == 2  # pg:text ⊑ rdfs:label


def test_inferred_triples_are_only_in_the_inferred_graph_and_new(dataset):
    asserted, inferred, _ = dataset
    assert {q.graph_name for q in inferred} == {INF}
    asserted_triples = {(q.subject, q.predicate, q.object) for q in asserted}
    assert not any((q.subject, q.predicate, q.object) in asserted_triples for q in inferred)
    assert len(inferred) == len({(q.subject, q.predicate, q.object) for q in inferred})


def test_inference_reaches_a_fixpoint():
    store = Store()
    onto = NamedNode(GRAPHS["ontology"])
    data = NamedNode(GRAPHS["standard"])
    chain = [NamedNode(f"{BASE}pcf/{i}") for i in range(40)]
    store.add(Quad(NamedNode(str(PG.partOf)), NamedNode(str(RDF.type)), NamedNode(str(OWL.TransitiveProperty)), onto))
    for child, parent in zip(chain[1:], chain):
        store.add(Quad(child, NamedNode(str(PG.partOf)), parent, data))
    report = materialise(store)
    closure = list(store.quads_for_pattern(None, NamedNode(str(PG.partOf)), None, INF))
    assert len(closure) == 40 * 39 // 2 - 39
    assert report.rounds <= 8
    assert materialise(store).total == 0


def test_literals_are_never_made_subjects(dataset):
    _, inferred, _ = dataset
    assert not any(isinstance(q.subject, Literal) for q in inferred)


# ----------------------------------------------------------------------------- owlrl agreement


def to_rdflib(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == PREFIXES["xsd"] + "string":
        return rdflib.Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def comparable(triple) -> bool:
    """Instance-level triples about our data, minus what owlrl adds beyond the rule set."""
    s, p, o = triple
    if not isinstance(s, rdflib.URIRef) or not str(s).startswith(BASE) or str(s).startswith(PREFIXES["pg"]):
        return False
    if str(s).startswith(BASE + "ontology"):
        return False
    if p == OWL.sameAs or (p == RDF.type and o == OWL.Thing):
        return False
    return not (p == RDF.type and isinstance(o, rdflib.Literal))


def owlrl_new_triples(quads) -> set:
    import owlrl

    graph = rdflib.Graph()
    for q in quads:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return {t for t in set(graph) - before if comparable(t)}


def compare_with_owlrl(records, framework):
    asserted = asserted_quads(records, framework)
    inferred, _ = infer(asserted)
    ours = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in inferred}
    theirs = owlrl_new_triples(asserted)
    ours = {t for t in ours if comparable(t)}
    assert ours - theirs == set(), "inferred by procgraph but not by owlrl"
    assert theirs - ours == set(), "inferred by owlrl but not by procgraph"
    assert len(ours) > 100


def reference_subset(fw: Framework, records) -> Framework:
    """The categories, the process groups of the standard's category, and the full subtrees of
    the processes the records cover: every construct of the real build, at a size owlrl can close
    in seconds (owlrl's cost grows fast with the graph)."""
    covered = {".".join(str(e["id"]).split(".")[:3]) for e in records["elements"] if e["level"] >= 3}
    category = str(records["elements"][0]["id"]).split(".")[0]

    def keep(e) -> bool:
        parts = e.hierarchy_id.split(".")
        return e.level == 1 or (parts[0] == category and (e.level == 2 or ".".join(parts[:3]) in covered))

    return dataclasses.replace(fw, elements=tuple(e for e in fw.elements if keep(e)))


def test_closure_matches_owlrl_on_the_bundled_standard(bundled_records, framework):
    """The materialised closure equals owlrl's OWL 2 RL closure (restricted to the rules the
    ontology needs) on the whole bundled standard with its PCF reference."""
    assert len(bundled_records["elements"]) == 39
    compare_with_owlrl(bundled_records, reference_subset(framework, bundled_records))


def test_closure_matches_owlrl_on_the_small_records(records, framework):
    compare_with_owlrl(records, reference_subset(framework, records))
