"""The ontology file: parses, every term labelled and commented in en and zh-Hans, matches
the closed namespace PG, and the alignments cannot change procgraph's own semantics."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from procgraph.graph.ontology import ontology_files, ontology_quads
from procgraph.graph.pcf import framework_quads
from procgraph.graph.standard import standard_quads
from procgraph.infer import infer
from procgraph.namespaces import PG, PG_IRI
from procgraph.resources import resource_path

SUPPORTED_AXIOMS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf}
SUPPORTED_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.TransitiveProperty,
    OWL.FunctionalProperty,
    OWL.Ontology,
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(resource_path("ontology", "procgraph.ttl"), format="turtle")


def pg_terms(graph: rdflib.Graph) -> set[str]:
    return {str(s)[len(PG_IRI) :] for s in graph.subjects() if str(s).startswith(PG_IRI)}


def test_every_term_has_labels_and_comments_in_en_and_zh(ontology):
    for term in pg_terms(ontology):
        node = PG[term]
        for prop in (RDFS.label, RDFS.comment):
            langs = {lit.language for lit in ontology.objects(node, prop)}
            assert {"en", "zh-Hans"} <= langs, f"pg:{term} lacks {prop} in en or zh-Hans"


def test_closed_namespace_matches_the_ontology(ontology):
    declared = {name for name in PG.__annotations__}
    assert declared == pg_terms(ontology)


def test_closed_namespace_rejects_typos():
    with pytest.raises(AttributeError):
        PG.mitigatedby  # noqa: B018 - the typo is the point


def test_ontology_uses_only_constructs_the_inference_implements(ontology):
    for s, p, o in ontology:
        if p == RDF.type:
            assert o in SUPPORTED_TYPES or str(o).startswith(PG_IRI), (s, o)
        elif str(p).startswith(str(OWL)) and p not in {OWL.inverseOf, OWL.versionInfo}:
            pytest.fail(f"{s} uses {p}, which procgraph.infer does not implement")


def test_every_object_property_has_domain_and_range(ontology):
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert (prop, RDFS.domain, None) in ontology and (prop, RDFS.range, None) in ontology, prop


def test_alignments_only_map_our_terms_outwards():
    graph = rdflib.Graph().parse(resource_path("ontology", "alignments.ttl"), format="turtle")
    mappings = [(s, p, o) for s, p, o in graph if p in (RDFS.subClassOf, RDFS.subPropertyOf)]
    assert len(mappings) >= 6
    for s, _p, o in mappings:
        assert str(s).startswith(PG_IRI), f"alignment about a foreign term: {s}"
        assert not str(o).startswith(PG_IRI), f"alignment between our own terms: {s} {o}"
    other = {p for _, p, _ in graph} - {RDFS.subClassOf, RDFS.subPropertyOf}
    assert not other & {OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs, RDFS.domain, RDFS.range}
    objects = {str(o) for _, _, o in mappings}
    for term in (
        "https://w3id.org/dpv#Risk",
        "https://w3id.org/dpv#RiskMitigationMeasure",
        "https://w3id.org/dpv#isMitigatedByMeasure",
    ):
        assert term in objects


def test_loading_alignments_does_not_change_procgraph_triples(records, framework):
    data = framework_quads(framework) + standard_quads(records, framework)

    def ours(with_alignments: bool) -> set:
        inferred, _ = infer(ontology_quads(with_alignments) + data)
        return {
            (q.subject, q.predicate, q.object)
            for q in inferred
            if q.predicate.value.startswith(PG_IRI) or q.object.value.startswith(PG_IRI)
        }

    with_alignments, without = ours(True), ours(False)
    assert with_alignments == without
    assert len(without) > 100


def test_both_ontology_files_parse_with_pyoxigraph_and_rdflib():
    for path in ontology_files():
        assert len(rdflib.Graph().parse(path, format="turtle")) > 10
    assert len(ontology_quads()) > 100
