"""What the report needs to know about the data: the store to validate, elements and items.

:func:`store_from_files` reads users' RDF files into an in-memory store, adds the ontology
when the files lack it (``sh:targetClass`` follows ``rdfs:subClassOf`` in the data) and
materialises inferences, so every shape can run. :func:`element_index` and
:func:`item_index` describe elements (id, names, level) and items (kind, position, text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from procgraph.errors import InputError
from procgraph.graph import GRAPHS
from procgraph.graph.terms import solutions
from procgraph.namespaces import PG_IRI
from procgraph.pcf import hierarchy_key

ITEM_KINDS = {"hasPractice": "practice", "hasRisk": "risk", "hasOutput": "output"}

_PREFIXES = f"PREFIX pg: <{PG_IRI}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@dataclass(frozen=True)
class Element:
    """A process element as the report names it."""

    iri: str
    id: str
    pcf_id: int | None
    level: int | None
    name_zh: str
    name_en: str
    parent: str | None
    covered: bool
    part: str = ""  # the part of the series whose text the element has (series builds), else ""

    @property
    def sort_key(self) -> tuple:
        try:
            return (0, hierarchy_key(self.id), self.iri)
        except ValueError:
            return (1, (), self.id)


@dataclass(frozen=True)
class Item:
    """A practice, risk or output: its element, kind, position and Chinese text."""

    iri: str
    element: str
    kind: str
    position: int | None
    text: str


def store_from_files(paths: Iterable[Path]) -> ox.Store:
    """An in-memory store holding the files, the ontology if missing, and the inferences."""
    from procgraph.graph.ontology import ontology_quads
    from procgraph.infer import materialise
    from procgraph.store.loading import EXTENSIONS, file_format, read_file, sniff_format

    store = ox.Store()
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no files to validate")
    for path in paths:
        known = path.suffix.lower().lstrip(".") in EXTENSIONS
        # validate has no option for the input's syntax (its --format is the report's): read it from the content
        store.bulk_extend(read_file(path, file_format(path) if known else sniff_format(path), None))
    if not _has_ontology(store):
        store.bulk_extend(ontology_quads())
    inferred = ox.NamedNode(GRAPHS["inferred"])
    if not any(True for _ in store.quads_for_pattern(None, None, None, inferred)):
        materialise(store)
    return store


def _has_ontology(store: ox.Store) -> bool:
    query = f"ASK {{ <{PG_IRI}Practice> <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?c }}"
    return bool(store.query(query, use_default_graph_as_union=True))


def _first(rows: dict, key: str, value) -> None:
    if value is not None and (key not in rows or str(value) < str(rows[key])):
        rows[key] = value


def element_index(store: ox.Store, default_graph: list) -> dict[str, Element]:
    """Every node with a hierarchy id, by N-Triples IRI (one value per field, the smallest)."""
    query = (
        _PREFIXES
        + """SELECT ?e ?id ?pcf ?level ?zh ?en ?parent ?covered WHERE {
        ?e pg:hierarchyId ?id .
        OPTIONAL { ?e pg:pcfId ?pcf }
        OPTIONAL { ?e pg:level ?level }
        OPTIONAL { ?e skos:prefLabel ?zh FILTER(langMatches(lang(?zh), "zh-Hans")) }
        OPTIONAL { ?e skos:prefLabel ?en FILTER(langMatches(lang(?en), "en")) }
        OPTIONAL { ?e skos:broader ?parent }
        OPTIONAL { ?e pg:coveredBy ?covered }
    }"""
    )
    fields: dict[str, dict] = {}
    for row in solutions(store, query, default_graph=default_graph):
        slot = fields.setdefault(str(row["e"]), {})
        for key in ("id", "pcf", "level", "zh", "en", "parent", "covered"):
            _first(slot, key, row[key])
    parts = element_parts(store)
    return {
        iri: Element(
            iri=iri,
            id=f["id"].value,
            pcf_id=_int(f.get("pcf")),
            level=_int(f.get("level")),
            name_zh=f["zh"].value if "zh" in f else "",
            name_en=f["en"].value if "en" in f else "",
            parent=str(f["parent"]) if "parent" in f else None,
            covered="covered" in f,
            part=parts.get(iri, ""),
        )
        for iri, f in fields.items()
    }


#: The part of the series covering an element: the graph holding its pg:coveredBy also holds the
#: standard's primary source for that part, whose dcterms:identifier is the part's label
#: (``第8部分(2) gbpm-8-2.txt``; see :func:`procgraph.graph.standard.part_graph`).
PARTS_QUERY = (
    _PREFIXES
    + """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?e ?part WHERE {
    GRAPH ?g { ?e pg:coveredBy ?std . ?std prov:hadPrimarySource ?doc . ?doc dcterms:identifier ?part }
}"""
)


def element_parts(store: ox.Store) -> dict[str, str]:
    """Element (N-Triples IRI) -> label of the part covering it; empty for a single-source build.
    An element two parts were to cover has one text (the build keeps one); the smallest label wins."""
    parts: dict[str, str] = {}
    for row in solutions(store, PARTS_QUERY):
        key, label = str(row["e"]), row["part"].value
        if key not in parts or label < parts[key]:
            parts[key] = label
    return parts


def _int(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def item_index(store: ox.Store, default_graph: list) -> dict[str, Item]:
    """Every practice, risk and output with its element, by N-Triples IRI."""
    query = (
        _PREFIXES
        + """SELECT ?item ?e ?link ?pos ?text WHERE {
        VALUES ?link { pg:hasPractice pg:hasRisk pg:hasOutput }
        ?e ?link ?item .
        OPTIONAL { ?item pg:position ?pos }
        OPTIONAL { ?item pg:text ?text FILTER(langMatches(lang(?text), "zh-Hans")) }
    }"""
    )
    items: dict[str, Item] = {}
    for row in sorted(solutions(store, query, default_graph=default_graph), key=lambda r: tuple(map(str, r))):
        iri = str(row["item"])
        if iri not in items:
            items[iri] = Item(
                iri=iri,
                element=str(row["e"]),
                kind=ITEM_KINDS[row["link"].value[len(PG_IRI) :]],
                position=_int(row["pos"]),
                text=row["text"].value if row["text"] is not None else "",
            )
    return items
