"""RDF namespaces used by procgraph, with the project's own vocabulary as a closed namespace.

:class:`PG` lists every term defined in ``ontology/procgraph.ttl``; because it is an rdflib
``DefinedNamespace`` with ``_fail = True``, a typo such as ``PG.mitigatedby`` raises
``AttributeError`` instead of silently minting a new IRI. A test keeps this list and the
ontology file in step (same terms, no more, no fewer).

``PREFIXES`` is the one prefix table used for exports and queries. Standard items are left
unprefixed (``<https://w3id.org/procgraph/std/gbpm-8/20610/risk/1>``): a prefix would force
escaped slashes (``std:gbpm-8\\/20610\\/risk\\/1``), which nobody wants to read.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

PG_IRI = "https://w3id.org/procgraph/ontology#"
ONTOLOGY_IRI = "https://w3id.org/procgraph/ontology"
ALIGNMENTS_IRI = "https://w3id.org/procgraph/ontology/alignments"


class PG(DefinedNamespace):
    """The procgraph ontology (``pg:``): process elements, standard items, provenance details."""

    _NS = Namespace(PG_IRI)
    _fail = True

    # Classes: framework elements by APQC level
    ProcessElement: URIRef
    Category: URIRef
    ProcessGroup: URIRef
    Process: URIRef
    Activity: URIRef
    Task: URIRef
    ProcessFramework: URIRef
    # Classes: standards and their content
    Standard: URIRef
    SourceDocument: URIRef
    StandardItem: URIRef
    Practice: URIRef
    Risk: URIRef
    Output: URIRef
    # Element properties
    hierarchyId: URIRef
    pcfId: URIRef
    level: URIRef
    partOf: URIRef
    hasPart: URIRef
    coveredBy: URIRef
    covers: URIRef
    basedOn: URIRef
    truncated: URIRef
    # Element to item, item to item
    hasPractice: URIRef
    practiceOf: URIRef
    hasRisk: URIRef
    riskOf: URIRef
    hasOutput: URIRef
    outputOf: URIRef
    mitigates: URIRef
    mitigatedBy: URIRef
    produces: URIRef
    producedBy: URIRef
    position: URIRef
    text: URIRef
    # Provenance details
    spanStart: URIRef
    spanEnd: URIRef
    sha256: URIRef
    fileName: URIRef
    TextRepair: URIRef
    repairIn: URIRef
    damagedText: URIRef
    repairedText: URIRef
    confidence: URIRef
    # Cross-category links: relation kinds (a closed set) and the basis of a link
    LinkKind: URIRef
    sameWork: URIRef
    inputOutput: URIRef
    governing: URIRef
    linkKind: URIRef
    fromDefinitions: URIRef
    # The organisation's own risk-control matrix (procgraph import-rcm)
    RiskControlMatrix: URIRef
    Control: URIRef
    ControlOwner: URIRef
    Evidence: URIRef
    OrganisationRisk: URIRef
    ControlType: URIRef
    preventive: URIRef
    detective: URIRef
    inMatrix: URIRef
    controlsElement: URIRef
    implementsPractice: URIRef
    addressesRisk: URIRef
    addressesOrganisationRisk: URIRef
    controlOwner: URIRef
    controlType: URIRef
    keyControl: URIRef
    frequency: URIRef
    hasEvidence: URIRef
    evidencedByOutput: URIRef
    sheetRow: URIRef
    sheetColumns: URIRef


DPV = Namespace("https://w3id.org/dpv#")

PREFIXES: dict[str, str] = {
    "pg": PG_IRI,
    "pcf": "https://w3id.org/procgraph/pcf/",
    "pgraph": "https://w3id.org/procgraph/graph/",
    "theme": "https://w3id.org/procgraph/theme/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "dpv": str(DPV),
}
