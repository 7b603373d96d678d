"""The framework reference graph: one SKOS concept per PCF element, in a concept scheme.

Each element gets its level class (pg:Category ... pg:Task), hierarchy id, PCF ID, level,
English name (skos:prefLabel @en), definition where known, and its place in the hierarchy
(skos:broader / skos:narrower and the direct pg:partOf; inference adds the transitive rest).
The scheme and the graph carry APQC's notice as dcterms:rights, as its licence requires.
"""

from __future__ import annotations

from pyoxigraph import Quad, Triple

from procgraph.graph import GRAPHS, iris
from procgraph.graph.terms import RDF_TYPE, ext, in_graph, integer, iri, pg, text
from procgraph.pcf import Framework, PcfElement

LEVEL_CLASSES = {1: "Category", 2: "ProcessGroup", 3: "Process", 4: "Activity", 5: "Task"}

APQC_HOME = "https://www.apqc.org/pcf"


def level_class(level: int) -> str:
    """The pg: class name for an APQC level (1-5)."""
    try:
        return LEVEL_CLASSES[level]
    except KeyError:
        raise ValueError(f"APQC levels run from 1 to 5, not {level}") from None


def framework_title(version: str) -> str:
    return f"APQC Process Classification Framework (PCF) Cross-Industry {version}"


def scheme_triples(fw: Framework) -> list[Triple]:
    """The concept scheme (the framework release) and the graph's own rights statement."""
    scheme = iri(iris.framework(fw.version))
    graph = iri(GRAPHS["pcf"])
    title = framework_title(fw.version)
    return [
        Triple(scheme, RDF_TYPE, pg("ProcessFramework")),
        Triple(scheme, ext("skos", "prefLabel"), text(title, "en")),
        Triple(scheme, ext("dcterms", "title"), text(title, "en")),
        Triple(scheme, ext("dcterms", "hasVersion"), text(fw.version)),
        Triple(scheme, ext("dcterms", "publisher"), text("APQC")),
        Triple(scheme, ext("dcterms", "rights"), text(fw.notice)),
        Triple(scheme, ext("rdfs", "seeAlso"), iri(APQC_HOME)),
        Triple(graph, ext("dcterms", "rights"), text(fw.notice)),
        Triple(
            graph,
            ext("rdfs", "comment"),
            text(f"Derived from {title}. {fw.notice.splitlines()[0] if fw.notice else ''}".strip(), "en"),
        ),
        Triple(graph, ext("dcterms", "source"), scheme),
    ]


def element_triples(e: PcfElement, scheme_iri: str, parent_iri: str | None) -> list[Triple]:
    """Triples for one element: type, identifiers, name, definition, hierarchy."""
    node = iri(iris.pcf_element(e.pcf_id))
    scheme = iri(scheme_iri)
    out = [
        Triple(node, RDF_TYPE, pg(level_class(e.level))),
        Triple(node, ext("skos", "inScheme"), scheme),
        Triple(node, pg("hierarchyId"), text(e.hierarchy_id)),
        Triple(node, pg("pcfId"), integer(e.pcf_id)),
        Triple(node, pg("level"), integer(e.level)),
    ]
    if e.name_en:
        out.append(Triple(node, ext("skos", "prefLabel"), text(e.name_en, "en")))
    if e.definition_en:
        out.append(Triple(node, ext("skos", "definition"), text(e.definition_en, "en")))
    if parent_iri:
        parent = iri(parent_iri)
        out += [
            Triple(node, ext("skos", "broader"), parent),
            Triple(parent, ext("skos", "narrower"), node),
            Triple(node, pg("partOf"), parent),
        ]
    if e.level == 1:
        out += [Triple(node, ext("skos", "topConceptOf"), scheme), Triple(scheme, ext("skos", "hasTopConcept"), node)]
    return out


def framework_quads(fw: Framework) -> list[Quad]:
    """All quads of the PCF reference graph for a framework release, sorted."""
    index = fw.by_hierarchy_id()
    scheme_iri = iris.framework(fw.version)
    triples = scheme_triples(fw)
    for e in fw.elements:
        parent = index.get(e.parent_id) if e.parent_id else None
        triples += element_triples(e, scheme_iri, iris.pcf_element(parent.pcf_id) if parent else None)
    return in_graph(triples, GRAPHS["pcf"])
