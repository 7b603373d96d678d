"""The standard graph: an ingested standard's records as RDF.

Each column of the standard's table maps to one small function returning triples:
:func:`element_triples` (hierarchy id, name, definition, coverage), :func:`practice_triples`,
:func:`risk_triples` and :func:`output_triples`. Risks and outputs are linked to the practice in
their row (``pg:mitigates``, ``pg:produces``). Every item carries its provenance: derived from
the source document (``prov:wasDerivedFrom``) with its ``[start, end)`` character span.

The records are the dict ``procgraph.ingest.ingest()`` returns (see issue 2); only inverse
and transitive relations are left to inference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from pyoxigraph import Quad, Triple

from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.pcf import level_class
from procgraph.graph.terms import RDF_TYPE, boolean, decimal, ext, in_graph, integer, iri, pg, text
from procgraph.pcf import Framework, level_of

#: Languages of the texts in the records, as they appear in the records' keys.
LANGUAGES = ("zh-Hant", "zh-Hans", "en")
#: Languages of the texts in the graph: the records' plus Taiwan's and Hong Kong's forms.
GRAPH_LANGUAGES = ("zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "zh-Hans", "en")


@dataclass(frozen=True)
class Context:
    """What the column functions need besides the record: IRIs of the standard and its source."""

    slug: str
    standard: str
    source: str
    element_iri: Callable[[str], str]
    framework_iris: frozenset[str] = frozenset()


def standard_slug(records: Mapping[str, Any], hierarchy_id: str | None = None) -> str:
    """Short name of the standard stating ``hierarchy_id`` (default: the first element):
    ``records["standard"]["slug"]`` if given, else ``gbpm-<category>``.

    The series 业务流程管理通用标准 has one standard per PCF category (its parts 第8部分(1),
    第8部分(2) … together), so an element's category number names its standard (8.1.5 ->
    ``gbpm-8``); records of several categories (a series build) state several standards.
    """
    given = (records.get("standard") or {}).get("slug")
    if given:
        return str(given)
    if hierarchy_id is None:
        elements = records.get("elements") or []
        if not elements:
            raise InputError("the records contain no elements", file=_source_path(records))
        hierarchy_id = str(elements[0]["id"])
    return f"gbpm-{hierarchy_id.split('.')[0]}"


def _source_path(records: Mapping[str, Any]) -> str | None:
    return (records.get("source") or {}).get("path")


def element_resolver(records: Mapping[str, Any], fw: Framework | None) -> Callable[[str], str]:
    """Map hierarchy ids to element IRIs: the record's PCF ID, else the framework's, else by id."""
    known = {str(e["id"]): e.get("pcf_id") for e in records.get("elements", [])}
    framework = fw.by_hierarchy_id() if fw else {}

    def resolve(hierarchy_id: str) -> str:
        pcf_id = known.get(hierarchy_id)
        if pcf_id is None and hierarchy_id in framework:
            pcf_id = framework[hierarchy_id].pcf_id
        return iris.pcf_element(pcf_id) if pcf_id is not None else iris.unkeyed_element(hierarchy_id)

    return resolve


def graph_texts(values: Mapping[str, str] | None) -> dict[str, str]:
    """The texts the graph states for a records entry, by language.

    The records' zh-Hant is the text as the source publishes it, the site's mechanical
    conversion (關系, 范圍, 并, 后); it stays in the provenance (the source span, the
    ``pg:TextRepair`` nodes). The graph's zh-Hant is converted from the clean zh-Hans with OpenCC
    ``s2t`` (關係, 範圍, 並, 後), with zh-Hant-TW (``s2twp``) and zh-Hant-HK (``s2hk``) only where
    they differ from it. Without zh-Hans the records' zh-Hant is kept as it is.
    """
    from procgraph.ingest.script import traditional_forms

    values = values or {}
    out = {lang: values[lang] for lang in LANGUAGES if isinstance(values.get(lang), str) and values[lang].strip()}
    if "zh-Hans" in out:
        out.update(traditional_forms(out["zh-Hans"]))
    return out


def labels(node, predicate, values: Mapping[str, str] | None) -> list[Triple]:
    """One language-tagged literal per language with non-empty text (see :func:`graph_texts`)."""
    texts = graph_texts(values)
    return [Triple(node, predicate, text(texts[lang], lang)) for lang in GRAPH_LANGUAGES if lang in texts]


def standard_triples(records: Mapping[str, Any], ctx: Context, fw: Framework | None) -> list[Triple]:
    """The standard itself and its source document (title, digest, file name, rights)."""
    source = records.get("source") or {}
    std, doc = iri(ctx.standard), iri(ctx.source)
    out = [
        Triple(std, RDF_TYPE, pg("Standard")),
        Triple(std, ext("prov", "hadPrimarySource"), doc),
        Triple(doc, RDF_TYPE, pg("SourceDocument")),
    ]
    if source.get("title"):
        out += [
            Triple(std, ext("dcterms", "title"), text(source["title"])),
            Triple(doc, ext("dcterms", "title"), text(source["title"])),
        ]
    if source.get("sha256"):
        out.append(Triple(doc, pg("sha256"), text(source["sha256"])))
    if source.get("path"):
        out.append(Triple(doc, pg("fileName"), text(PurePath(source["path"]).name)))
    if fw is not None:
        out += [
            Triple(std, pg("basedOn"), iri(iris.framework(fw.version))),
            Triple(std, ext("dcterms", "rights"), text(fw.notice)),
        ]
    return out


def repair_triples(repairs, doc_iri: str) -> list[Triple]:
    """Each mojibake repair of the source document as a ``pg:TextRepair``: its span in the file,
    the damaged text as it stands, what was read instead and how sure that reading is."""
    out = []
    for r in repairs or []:
        node = iri(f"{doc_iri}/repair/{int(r['offset'])}")
        out += [
            Triple(node, RDF_TYPE, pg("TextRepair")),
            Triple(node, pg("repairIn"), iri(doc_iri)),
            Triple(node, pg("spanStart"), integer(r["offset"])),
            Triple(node, pg("spanEnd"), integer(r["end"])),
            Triple(node, pg("damagedText"), text(r["damaged"])),
            Triple(node, pg("repairedText"), text(r["repaired"], "zh-Hant")),
            Triple(node, pg("confidence"), decimal(r["confidence"])),
        ]
        if r.get("note"):
            out.append(Triple(node, ext("rdfs", "comment"), text(r["note"], "en")))
    return out


def element_triples(element: Mapping[str, Any], ctx: Context) -> list[Triple]:
    """The element as the standard states it: Chinese names, definition, coverage, entry span.

    Facts the framework reference already holds (type, ids, level, hierarchy, English name)
    are stated here only for elements the framework lacks: repeating them in two graphs would
    make every query over the union see them twice (Oxigraph's union does not deduplicate).
    """
    hid = str(element["id"])
    node = iri(ctx.element_iri(hid))
    in_framework = node.value in ctx.framework_iris
    out = [
        Triple(node, pg("coveredBy"), iri(ctx.standard)),
        Triple(node, pg("truncated"), boolean(bool(element.get("truncated")))),
    ]
    if not in_framework:
        out += framework_facts(element, node, ctx)
    names = {k: v for k, v in (element.get("name") or {}).items() if not (in_framework and k == "en")}
    out += labels(node, ext("skos", "prefLabel"), names)
    out += labels(node, ext("skos", "definition"), element.get("definition"))
    out += span_triples(node, element.get("span"))  # the element's whole entry in the source
    return out


def framework_facts(element: Mapping[str, Any], node, ctx: Context) -> list[Triple]:
    """Type, hierarchy id, level, PCF ID and parent of an element the framework does not list."""
    hid = str(element["id"])
    level = int(element.get("level") or level_of(hid))
    out = [
        Triple(node, RDF_TYPE, pg(level_class(level))),
        Triple(node, pg("hierarchyId"), text(hid)),
        Triple(node, pg("level"), integer(level)),
    ]
    if element.get("pcf_id") is not None:
        out.append(Triple(node, pg("pcfId"), integer(element["pcf_id"])))
    if element.get("parent"):
        parent = iri(ctx.element_iri(str(element["parent"])))
        out += [
            Triple(node, ext("skos", "broader"), parent),
            Triple(parent, ext("skos", "narrower"), node),
            Triple(node, pg("partOf"), parent),
        ]
    return out


def span_triples(node, span) -> list[Triple]:
    """``pg:spanStart``/``pg:spanEnd`` from a records span ``[start, end)``, if well formed."""
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(v, int) for v in span):
        return [Triple(node, pg("spanStart"), integer(span[0])), Triple(node, pg("spanEnd"), integer(span[1]))]
    return []


def _item_iri(ctx: Context, element: Mapping[str, Any], kind: str, n: int) -> str:
    key = ctx.element_iri(str(element["id"])).rsplit("/", 1)[-1]
    return iris.item(ctx.slug, key, kind, n)


def item_triples(element: Mapping[str, Any], item: Mapping[str, Any], kind: str, ctx: Context) -> list[Triple]:
    """What every item has: type, owner, position, text per language, provenance and span."""
    n = _position(element, item, kind)
    node = iri(_item_iri(ctx, element, kind, n))
    owner = iri(ctx.element_iri(str(element["id"])))
    link = {"practice": "hasPractice", "risk": "hasRisk", "output": "hasOutput"}[kind]
    out = [
        Triple(node, RDF_TYPE, pg(kind.capitalize())),
        Triple(owner, pg(link), node),
        Triple(node, pg("position"), integer(n)),
        Triple(node, ext("prov", "wasDerivedFrom"), iri(ctx.source)),
    ]
    out += labels(node, pg("text"), item)
    return out + span_triples(node, item.get("span"))


def _position(element: Mapping[str, Any], item: Mapping[str, Any], kind: str) -> int:
    try:
        n = int(item["n"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"a {kind} has no valid position n ({item!r:.80})", element=str(element.get("id"))) from None
    if n < 1:
        raise InputError(f"{kind} position {n} must be 1 or more", element=str(element.get("id")))
    return n


def practice_triples(element: Mapping[str, Any], item: Mapping[str, Any], ctx: Context) -> list[Triple]:
    """A best practice of the element."""
    return item_triples(element, item, "practice", ctx)


def _row_link(element, item, kind: str, predicate: str, ctx: Context) -> list[Triple]:
    """Link a risk or output to the practice in its row, if the records name one."""
    practice = item.get("practice")
    if practice is None:
        return []
    node = iri(_item_iri(ctx, element, kind, _position(element, item, kind)))
    return [Triple(iri(_item_iri(ctx, element, "practice", int(practice))), pg(predicate), node)]


def risk_triples(element: Mapping[str, Any], item: Mapping[str, Any], ctx: Context) -> list[Triple]:
    """A risk of the element, mitigated by the practice in its row."""
    return item_triples(element, item, "risk", ctx) + _row_link(element, item, "risk", "mitigates", ctx)


def output_triples(element: Mapping[str, Any], item: Mapping[str, Any], ctx: Context) -> list[Triple]:
    """An expected output of the element, produced by the practice in its row."""
    return item_triples(element, item, "output", ctx) + _row_link(element, item, "output", "produces", ctx)


#: Records column -> function making its triples (one per item).
COLUMNS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], Context], list[Triple]]] = {
    "practices": practice_triples,
    "risks": risk_triples,
    "outputs": output_triples,
}


def check_records(records: Mapping[str, Any]) -> None:
    """Reject records that are not the ingest format, naming the first problem found."""
    where = _source_path(records)
    if not isinstance(records, Mapping) or not isinstance(records.get("elements"), list):
        raise InputError("not procgraph records: expected an object with a list 'elements'", file=where)
    seen = set()
    for i, element in enumerate(records["elements"]):
        hid = str(element.get("id", "")) if isinstance(element, Mapping) else ""
        if not re.match(r"^\d+(\.\d+)*$", hid):
            raise InputError(f"element #{i + 1} has no hierarchy id like 8.1.1.1", file=where)
        if hid in seen:
            raise InputError("element appears twice in the records", file=where, element=hid)
        seen.add(hid)
        for column in COLUMNS:
            if not isinstance(element.get(column, []), list):
                raise InputError(f"'{column}' must be a list", file=where, element=hid)


def standard_quads(records: Mapping[str, Any], fw: Framework | None = None) -> list[Quad]:
    """All quads of the standard graph for one set of records, sorted."""
    check_records(records)
    slug = standard_slug(records)
    known = frozenset(iris.pcf_element(e.pcf_id) for e in fw.elements) if fw else frozenset()
    ctx = Context(slug, iris.standard(slug), iris.source_document(slug), element_resolver(records, fw), known)
    if records.get("parts"):
        return _series_quads(records, ctx, fw)
    triples = standard_triples(records, ctx, fw) + repair_triples(records.get("repairs"), ctx.source)
    for element in records["elements"]:
        triples += _element_and_items(element, ctx)
    return in_graph(triples, GRAPHS["standard"])


def _element_and_items(element: Mapping[str, Any], ctx: Context) -> list[Triple]:
    triples = element_triples(element, ctx)
    for column, make in COLUMNS.items():
        for item in element.get(column) or []:
            triples += make(element, item, ctx)
    return triples


def part_graph(slug: str, n: int) -> str:
    """Named graph of the ``n``-th part (1-based) of a series build: ``…/graph/standard-gbpm-8-p2``."""
    return f"{GRAPHS['standard']}-{slug}-p{n}"


def part_category(records: Mapping[str, Any], n: int) -> str:
    """Category number of the ``n``-th part (1-based) of a series build: its ``"category"``, else
    that of the first element kept from it, else the first element's."""
    part = records["parts"][n - 1]
    if part.get("category"):
        return str(part["category"])
    ids = [str(e["id"]) for e in records["elements"] if e.get("part") == n - 1] or [str(records["elements"][0]["id"])]
    return ids[0].split(".")[0]


def _series_quads(records: Mapping[str, Any], ctx: Context, fw: Framework | None) -> list[Quad]:
    """Several parts (from :func:`procgraph.ingest.series.merge_series`), possibly of several
    categories: each category's standard (``gbpm-8``, ``gbpm-4``) in the ``standard`` graph; each
    part's source document, elements and items in a graph of its own, items derived from their
    own part's source document and keyed by their own category's standard."""
    slugs = {n: standard_slug(records, part_category(records, n) + ".0") for n in range(1, len(records["parts"]) + 1)}
    quads: list[Quad] = []
    for slug in sorted(set(slugs.values())):
        std = iris.standard(slug)
        quads += in_graph(
            [
                t
                for t in standard_triples({"source": {}}, replace(ctx, slug=slug, standard=std), fw)
                if t.subject == iri(std) and t.predicate != ext("prov", "hadPrimarySource")
            ],
            GRAPHS["standard"],
        )
    for n, part in enumerate(records["parts"], start=1):
        std = iris.standard(slugs[n])
        doc = f"{std}/source/{n}"
        triples = [
            t for t in standard_triples({"source": part}, replace(ctx, source=doc), None) if t.subject == iri(doc)
        ]
        triples += repair_triples(part.get("repairs"), doc)
        triples += [
            Triple(iri(std), ext("prov", "hadPrimarySource"), iri(doc)),
            Triple(iri(doc), ext("dcterms", "identifier"), text(part.get("label", ""))),
        ]
        for element in records["elements"]:
            if element.get("part") == n - 1:
                slug = standard_slug(records, str(element["id"]))
                part_ctx = replace(ctx, slug=slug, standard=iris.standard(slug), source=doc)
                triples += _element_and_items(element, part_ctx)
        quads += in_graph(triples, part_graph(slugs[n], n))
    return quads
