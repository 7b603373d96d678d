"""The organisation's own risk-control matrix as RDF, and back as a sheet.

:func:`matrix_quads` turns the rows of a sheet (:mod:`procgraph.ingest.rcmsheet`) into the
organisation's controls, owners, evidence and own risks, linked to the standard's elements,
practices, risks and outputs by hierarchy id or PCF ID and by number (or, for a risk without a
number, by the same text); all in the named graph ``graph/rcm-<name>``. Each row is one
``pg:Control`` (``…/org/<name>/control/r<row>``), so a sheet written back by
:func:`org_matrix` has the same rows in the same order and, in the columns it had, the same
cells. Values the graph normalises come back normalised: a control type as 预防性/检查性
(Chinese header) or Preventive/Detective, a key control as 是/否 or Yes/No, an element as its
hierarchy id; columns procgraph does not know are not kept.

Every row is checked before any quad exists: an element, practice, risk or output number the
standard does not have is an :class:`~procgraph.ingest.rcmsheet.RcmSheetError` naming the
file, sheet, row and column.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Store, Triple

from procgraph.errors import InputError
from procgraph.graph import iris
from procgraph.graph.terms import RDF_TYPE, boolean, ext, integer, iri, pg, solutions, text
from procgraph.ingest.rcmsheet import (
    COLUMN_LANGS,
    LANGS,
    TAIWAN,
    Column,
    Sheet,
    SheetRow,
    control_type,
    lang_of_text,
    parse_numbers,
    yes_no,
)
from procgraph.langtags import canonical
from procgraph.namespaces import PG_IRI, PREFIXES

_PREFIX = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
KINDS = {"practice": "hasPractice", "risk": "hasRisk", "output": "hasOutput"}


def graph_of(name: str) -> str:
    """The named graph of the organisation's matrix called ``name``: ``…/graph/rcm-<name>``."""
    check_name(name)
    return iris.graph(f"rcm-{name}")


def base_of(name: str) -> str:
    """Where the matrix's controls, owners and evidence get their IRIs: ``…/org/<name>``."""
    check_name(name)
    return f"{iris.BASE}org/{name}"


def check_name(name: str) -> None:
    if not _NAME.match(name or ""):
        raise InputError(f"the matrix name {name!r} must be lower-case letters, digits and '-' (e.g. org, it-2026)")


# --------------------------------------------------------------------------------- the standard


@dataclass
class StdElement:
    """What rows link to: an element's IRI, ids, names and its items by kind and number."""

    iri: str
    hierarchy_id: str
    pcf_id: int | None
    names: dict[str, str] = field(default_factory=dict)
    items: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))  # kind -> n -> item IRI


@dataclass
class StdIndex:
    """The elements of a store by hierarchy id and by PCF ID, and every item's texts."""

    by_id: dict[str, StdElement]
    by_iri: dict[str, StdElement]
    texts: dict[str, dict[str, str]]  # item IRI -> lang -> text


ELEMENTS = (
    _PREFIX
    + """SELECT ?e ?hid ?pcf ?name WHERE {
  ?e pg:hierarchyId ?hid . OPTIONAL { ?e pg:pcfId ?pcf } OPTIONAL { ?e skos:prefLabel ?name } }"""
)
ITEMS = (
    _PREFIX
    + """SELECT ?e ?link ?item ?n ?text WHERE {
  VALUES ?link { pg:hasPractice pg:hasRisk pg:hasOutput }
  ?e ?link ?item . ?item pg:position ?n . OPTIONAL { ?item pg:text ?text } }"""
)


def _lang(term) -> str | None:
    tag = getattr(term, "language", None)
    return next((lang for lang in COLUMN_LANGS if tag and tag.lower() == lang.lower()), None)


def _in(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang``; for zh-Hant-TW the zh-Hant where there is no Taiwan form (it reads the same)."""
    return texts.get(lang) or (texts.get("zh-Hant", "") if lang == TAIWAN else "")


def _without_same_taiwan(texts: dict[str, str]) -> dict[str, str]:
    """``texts`` less a zh-Hant-TW text that only repeats the zh-Hant (as the graph states Taiwan's
    forms only where they differ)."""
    if TAIWAN in texts and texts[TAIWAN] == texts.get("zh-Hant"):
        return {k: v for k, v in texts.items() if k != TAIWAN}
    return texts


def std_index(store: Store) -> StdIndex:
    """Read the elements and items of the standard (and the framework) from ``store``."""
    by_iri: dict[str, StdElement] = {}
    for row in solutions(store, ELEMENTS, use_default_graph_as_union=True):
        key = row["e"].value
        el = by_iri.get(key)
        if el is None:
            pcf_id = int(row["pcf"].value) if row["pcf"] is not None else None
            el = by_iri[key] = StdElement(key, row["hid"].value, pcf_id)
        lang = _lang(row["name"]) if row["name"] is not None else None
        if lang and (lang not in el.names or row["name"].value < el.names[lang]):
            el.names[lang] = row["name"].value
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for row in solutions(store, ITEMS, use_default_graph_as_union=True):
        el = by_iri.get(row["e"].value)
        if el is None:
            continue
        kind = {v: k for k, v in KINDS.items()}[row["link"].value[len(PG_IRI) :]]
        el.items[kind][int(row["n"].value)] = row["item"].value
        if row["text"] is not None and (tag := _lang(row["text"])):
            texts[row["item"].value][tag] = row["text"].value
    by_id: dict[str, StdElement] = {}
    for el in by_iri.values():
        by_id.setdefault(el.hierarchy_id, el)
        if el.pcf_id is not None:
            by_id.setdefault(str(el.pcf_id), el)
    return StdIndex(by_id, by_iri, dict(texts))


# --------------------------------------------------------------------------------- sheet -> quads


@dataclass
class ImportSummary:
    """What an import made: controls, elements in scope, links to the standard, the organisation's own risks."""

    controls: int = 0
    elements: set[str] = field(default_factory=set)
    standard_risks: int = 0
    own_risks: int = 0
    owners: set[str] = field(default_factory=set)
    unmapped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _element(sheet: Sheet, row: SheetRow, index: StdIndex, store: Store) -> StdElement:
    found: list[tuple[StdElement, Column]] = []
    for column in sheet.by_role("element") + sheet.by_role("pcf_id"):
        value = row.cells.get(column.index, "")
        if not value:
            continue
        value = value.removesuffix(".0") if column.role == "pcf_id" else value
        el = index.by_id.get(value)
        if el is None:
            el = _resolve(store, index, value, sheet, row, column)
        if column.role == "pcf_id" and el.pcf_id is not None and str(el.pcf_id) != value:
            raise sheet.error(f"{value} is the hierarchy id of {el.hierarchy_id}, not a PCF ID", row.number, column)
        found.append((el, column))
    if not found:
        columns = sheet.by_role("element") + sheet.by_role("pcf_id")
        raise sheet.error(
            "no process id in this row",
            row.number,
            columns[0] if columns else None,
            hint="give the element's hierarchy id (8.1.1) or PCF ID (20609)",
        )
    (first, _), *rest = found
    for el, column in rest:
        if el.iri != first.iri:
            raise sheet.error(
                f"{row.cells[column.index]} is element {el.hierarchy_id}, but the row's other id names "
                f"{first.hierarchy_id}",
                row.number,
                column,
            )
    return first


def _resolve(store: Store, index: StdIndex, value: str, sheet: Sheet, row: SheetRow, column: Column) -> StdElement:
    """An id the index lacks: ask :func:`procgraph.graph.rcm.resolve_element` (its error names the nearest ids)."""
    from procgraph.graph.rcm import resolve_element

    try:
        resolved = resolve_element(store, value)
    except InputError as exc:
        raise sheet.error(exc.message, row.number, column) from None
    hid = resolved[0] if isinstance(resolved, tuple) else resolved
    if hid not in index.by_id:
        raise sheet.error(f"no element {value} in this store", row.number, column)
    return index.by_id[hid]


def _numbers(sheet: Sheet, row: SheetRow, role: str, kind: str, el: StdElement) -> list[str]:
    out = []
    for column in sheet.by_role(role):
        value = row.cells.get(column.index, "")
        if not value:
            continue
        try:
            numbers = parse_numbers(value.removesuffix(".0"))
        except ValueError:
            raise sheet.error(f"{value!r} is not a list of {kind} numbers (such as 1; 3)", row.number, column) from None
        have = sorted(el.items.get(kind, {}))
        for n in numbers:
            if n not in el.items.get(kind, {}):
                where = (
                    f"it has {kind}s {', '.join(map(str, have))}" if have else f"the standard states no {kind}s for it"
                )
                raise sheet.error(f"element {el.hierarchy_id} has no {kind} {n} ({where})", row.number, column)
            out.append(el.items[kind][n])
    return out


def _lines(sheet: Sheet, row: SheetRow, role: str) -> list[dict[str, str]]:
    """Line i of every column of ``role``, by language: [{lang: text}, ...]."""
    out: list[dict[str, str]] = []
    for column in sheet.by_role(role):
        for i, line in enumerate(part.strip() for part in row.cells.get(column.index, "").split("\n")):
            if not line:
                continue
            while len(out) <= i:
                out.append({})
            out[i].setdefault(column.lang or lang_of_text(line), line)
    return [_without_same_taiwan(texts) for texts in out if texts]


def _texts(sheet: Sheet, row: SheetRow, role: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for column in sheet.by_role(role):
        value = row.cells.get(column.index, "")
        if value:
            out.setdefault(column.lang or lang_of_text(value), value)
    return _without_same_taiwan(out)


def _same_text(index: StdIndex, el: StdElement, kind: str, texts: dict[str, str]) -> str | None:
    """The element's item of ``kind`` whose text (in any language) is one of ``texts``."""
    wanted = {re.sub(r"\s+", "", t) for t in texts.values()}
    for n in sorted(el.items.get(kind, {})):
        item = el.items[kind][n]
        if any(re.sub(r"\s+", "", t) in wanted for t in index.texts.get(item, {}).values()):
            return item
    return None


def _check_numbered_texts(
    sheet: Sheet, row: SheetRow, index: StdIndex, numbered: list[str], summary: ImportSummary
) -> None:
    """Warn when a risk cell's text is not the standard's text of the risks its number cell names
    (the numbers are kept: the matrix written back shows the standard's text)."""
    for column in sheet.by_role("risk"):
        lines = [part.strip() for part in row.cells.get(column.index, "").split("\n") if part.strip()]
        if not lines:
            continue
        lang = column.lang or lang_of_text(lines[0])
        standard = [_in(index.texts.get(r, {}), lang) for r in numbered]
        if [re.sub(r"\s+", "", t) for t in lines] != [re.sub(r"\s+", "", t) for t in standard]:
            summary.warnings.append(
                f"row {row.number}, column {column.letter} ({column.header!r}): the text is not "
                f"the standard's for the risk numbers given; the numbers were kept"
            )


def _single(sheet: Sheet, row: SheetRow, role: str) -> tuple[str, Column | None]:
    for column in sheet.by_role(role):
        value = row.cells.get(column.index, "")
        if value:
            return value, column
    return "", None


def _owner_iri(base: str, label: str) -> str:
    return f"{base}/owner/{hashlib.sha256(label.encode('utf-8')).hexdigest()[:16]}"


def row_triples(sheet: Sheet, row: SheetRow, index: StdIndex, store: Store, base: str, summary: ImportSummary) -> list:
    """The triples of one row: the control and what it links to (checked; errors name the cell)."""
    el = _element(sheet, row, index, store)
    control = iri(f"{base}/control/r{row.number}")
    out = [
        Triple(control, RDF_TYPE, pg("Control")),
        Triple(control, pg("inMatrix"), iri(base)),
        Triple(control, pg("sheetRow"), integer(row.number)),
        Triple(control, pg("controlsElement"), iri(el.iri)),
    ]
    summary.controls += 1
    summary.elements.add(el.hierarchy_id)
    ident, _ = _single(sheet, row, "control_id")
    if ident:
        out.append(Triple(control, ext("dcterms", "identifier"), text(ident)))
    for lang, value in sorted(_texts(sheet, row, "control").items()):
        out.append(Triple(control, ext("dcterms", "description"), text(value, lang)))
    for practice in _numbers(sheet, row, "practice_no", "practice", el):
        out.append(Triple(control, pg("implementsPractice"), iri(practice)))
    numbered = _numbers(sheet, row, "risk_no", "risk", el)
    out += [Triple(control, pg("addressesRisk"), iri(r)) for r in numbered]
    summary.standard_risks += len(numbered)
    if numbered:
        _check_numbered_texts(sheet, row, index, numbered, summary)
    if not sheet.by_role("risk_no") or not numbered:
        for k, texts in enumerate(_lines(sheet, row, "risk"), 1):
            same = _same_text(index, el, "risk", texts)
            if same:
                out.append(Triple(control, pg("addressesRisk"), iri(same)))
                summary.standard_risks += 1
                continue
            risk = iri(f"{base}/control/r{row.number}/risk/{k}")
            out += [
                Triple(risk, RDF_TYPE, pg("OrganisationRisk")),
                Triple(risk, pg("sheetRow"), integer(k)),
                Triple(control, pg("addressesOrganisationRisk"), risk),
            ]
            out += [Triple(risk, ext("dcterms", "description"), text(v, lang)) for lang, v in sorted(texts.items())]
            summary.own_risks += 1
    for output in _numbers(sheet, row, "output_no", "output", el):
        out.append(Triple(control, pg("evidencedByOutput"), iri(output)))
    for k, texts in enumerate(_lines(sheet, row, "evidence"), 1):
        evidence = iri(f"{base}/control/r{row.number}/evidence/{k}")
        out += [
            Triple(evidence, RDF_TYPE, pg("Evidence")),
            Triple(evidence, pg("sheetRow"), integer(k)),
            Triple(control, pg("hasEvidence"), evidence),
        ]
        out += [Triple(evidence, ext("dcterms", "description"), text(v, lang)) for lang, v in sorted(texts.items())]
    owner, _ = _single(sheet, row, "owner")
    if owner:
        node = iri(_owner_iri(base, owner))
        out += [
            Triple(control, pg("controlOwner"), node),
            Triple(node, RDF_TYPE, pg("ControlOwner")),
            Triple(node, ext("rdfs", "label"), text(owner)),
        ]
        summary.owners.add(owner)
    frequency, _ = _single(sheet, row, "frequency")
    if frequency:
        out.append(Triple(control, pg("frequency"), text(frequency)))
    kind, column = _single(sheet, row, "control_type")
    if kind:
        try:
            out.append(Triple(control, pg("controlType"), pg(control_type(kind))))
        except ValueError:
            raise sheet.error(
                f"control type {kind!r} is neither preventive nor detective",
                row.number,
                column,
                hint="write 预防性 or 检查性 (Preventive or Detective)",
            ) from None
    key, column = _single(sheet, row, "key_control")
    if key:
        try:
            out.append(Triple(control, pg("keyControl"), boolean(yes_no(key))))
        except ValueError:
            raise sheet.error(
                f"key control {key!r} is not yes or no", row.number, column, hint="write 是 or 否 (Yes or No)"
            ) from None
    return out


def matrix_quads(sheet: Sheet, store: Store, name: str = "org") -> tuple[list[Quad], ImportSummary]:
    """The quads of the organisation's matrix read from ``sheet``, linked to the standard in ``store``."""
    base, graph = base_of(name), NamedNode(graph_of(name))
    index = std_index(store)
    if not index.by_id:
        raise InputError("the store holds no process elements; build it first (procgraph build)")
    summary = ImportSummary(unmapped=[c.header for c in sheet.columns if c.role is None])
    if not sheet.rows:
        raise sheet.error("the sheet has a header but no rows")
    matrix = iri(base)
    title = f"{sheet.file.rsplit('/', 1)[-1]}" + (f", sheet {sheet.name}" if sheet.name else "")
    columns = json.dumps([[c.header, c.role, c.lang] for c in sheet.columns], ensure_ascii=False)
    triples = [
        Triple(matrix, RDF_TYPE, pg("RiskControlMatrix")),
        Triple(matrix, ext("dcterms", "title"), text(title)),
        Triple(matrix, pg("sheetColumns"), text(columns)),
    ]
    for row in sheet.rows:
        triples += row_triples(sheet, row, index, store, base, summary)
    unique = {(t.subject, t.predicate, t.object) for t in triples}
    quads = sorted(
        (Quad(s, p, o, graph) for s, p, o in unique), key=lambda q: (str(q.subject), str(q.predicate), str(q.object))
    )
    return quads, summary


# --------------------------------------------------------------------------------- graph -> sheet

CONTROLS = _PREFIX + """SELECT ?c ?p ?o WHERE { GRAPH <%s> { ?c a pg:Control ; ?p ?o } }"""
NODES = _PREFIX + """SELECT ?n ?p ?o WHERE { GRAPH <%s> { ?n ?p ?o } }"""


def _objects(store: Store, graph: str) -> dict[str, dict[str, list]]:
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in solutions(store, NODES % graph):
        out[row["n"].value][row["p"].value].append(row["o"])
    return out


def org_matrix(store: Store, name: str = "org") -> tuple[list[str], list[list]]:
    """The organisation's matrix ``name`` as header and rows, in the columns it was imported with."""
    graph = graph_of(name)
    nodes = _objects(store, graph)
    base = base_of(name)
    matrix = nodes.get(base)
    if not matrix:
        raise InputError(
            f"no organisation's risk-control matrix {name!r} in this store",
            hint="import one with: procgraph import-rcm FILE.xlsx",
        )
    columns = [
        Column(i, h, "", role, lang)
        for i, (h, role, lang) in enumerate(json.loads(matrix[PG_IRI + "sheetColumns"][0].value))
    ]
    index = std_index(store)
    controls = sorted(
        (
            n
            for n, props in nodes.items()
            if any(o.value == PG_IRI + "Control" for o in props.get(str(RDF_TYPE.value), []))
        ),
        key=lambda n: int(nodes[n][PG_IRI + "sheetRow"][0].value),
    )
    rows = [[_cell(column, nodes, nodes[c], index) for column in columns] for c in controls]
    return [c.header for c in columns], rows


def _cjk(header: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", header))


def _pick(texts: dict[str, str], lang: str | None) -> str:
    if lang:
        return _in(texts, lang)
    return next((texts[code] for code in LANGS if code in texts), "")


def _described(node: dict[str, list]) -> dict[str, str]:
    return {tag: o.value for o in node.get(PREFIXES["dcterms"] + "description", []) if (tag := _lang(o))}


def _positions(values: list, el: StdElement | None, kind: str) -> list[int]:
    if el is None:
        return []
    by_iri = {v: n for n, v in el.items.get(kind, {}).items()}
    return sorted(by_iri[o.value] for o in values if o.value in by_iri)


def _listed(nodes, values: list) -> list[dict[str, list]]:
    return sorted(
        (nodes.get(o.value, {}) for o in values),
        key=lambda n: int(n[PG_IRI + "sheetRow"][0].value) if PG_IRI + "sheetRow" in n else 0,
    )


def _cell(column: Column, nodes, control: dict[str, list], index: StdIndex):
    """One cell of a control's row, from the graph: a small function per column role."""
    role, lang = column.role, column.lang
    get = lambda local: control.get(PG_IRI + local, [])  # noqa: E731
    element = get("controlsElement")
    el = index.by_iri.get(element[0].value) if element else None
    if role == "element":
        return el.hierarchy_id if el else ""
    if role == "pcf_id":
        return el.pcf_id if el and el.pcf_id is not None else ""
    if role == "element_name":
        return _pick(el.names, lang) if el else ""
    if role == "control_id":
        ids = control.get(PREFIXES["dcterms"] + "identifier", [])
        return ids[0].value if ids else ""
    if role == "control":
        return _pick(_described(control), lang)
    if role == "practice_no":
        numbers = _positions(get("implementsPractice"), el, "practice")
        return numbers[0] if len(numbers) == 1 else "; ".join(map(str, numbers))
    if role == "risk_no":
        return "; ".join(map(str, _positions(get("addressesRisk"), el, "risk")))
    if role == "output_no":
        return "; ".join(map(str, _positions(get("evidencedByOutput"), el, "output")))
    if role == "risk":
        std = [el.items["risk"][n] for n in _positions(get("addressesRisk"), el, "risk")] if el else []
        lines = [_pick(index.texts.get(r, {}), lang) for r in std]
        lines += [_pick(_described(n), lang) for n in _listed(nodes, get("addressesOrganisationRisk"))]
        return "\n".join(lines)
    if role == "evidence":
        return "\n".join(_pick(_described(n), lang) for n in _listed(nodes, get("hasEvidence")))
    if role == "owner":
        return "、".join(
            sorted(
                nodes.get(o.value, {}).get(PREFIXES["rdfs"] + "label", [Literal("")])[0].value
                for o in get("controlOwner")
            )
        )
    if role == "frequency":
        return get("frequency")[0].value if get("frequency") else ""
    if role == "control_type":
        kinds = [o.value[len(PG_IRI) :] for o in get("controlType")]
        words = (
            {"preventive": "预防性", "detective": "检查性"}
            if _cjk(column.header)
            else {"preventive": "Preventive", "detective": "Detective"}
        )
        return words.get(kinds[0], "") if kinds else ""
    if role == "key_control":
        keys = [o.value == "true" for o in get("keyControl")]
        yes, no = ("是", "否") if _cjk(column.header) else ("Yes", "No")
        return (yes if keys[0] else no) if keys else ""
    return ""


# --------------------------------------------------------------------------------- element pages


@dataclass
class OrgControl:
    """One control of an organisation's matrix, as an element's page shows it."""

    iri: str
    matrix: str  # the matrix's title (file and sheet it was imported from)
    row: int  # its row in the sheet
    ident: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # the control's description by language
    owner: str = ""
    frequency: str = ""
    kind: str = ""  # "preventive" | "detective" | ""
    key: bool | None = None
    risks: list[str] = field(default_factory=list)  # IRIs of the standard's risks it addresses
    own_risks: list[dict[str, str]] = field(default_factory=list)  # the organisation's own risk texts
    evidence: list[dict[str, str]] = field(default_factory=list)


def element_controls_query(element_iri: str) -> str:
    """The controls of every organisation's matrix for one element: each control's statements,
    with the label or description of what they point to (owner, evidence, own risk, matrix)."""
    return (
        _PREFIX
        + f"""SELECT ?c ?p ?o ?text ?order WHERE {{
    ?c pg:controlsElement <{element_iri}> ; a pg:Control ; ?p ?o .
    OPTIONAL {{ ?o rdfs:label|dcterms:description|dcterms:title ?text }}
    OPTIONAL {{ ?o pg:sheetRow ?order }}
}}"""
    )


def element_controls(rows) -> list[OrgControl]:
    """Rows of :func:`element_controls_query` (``{"c", "p", "o", "text", "order"}`` of
    ``(value, language)`` pairs) as controls in matrix and sheet-row order."""
    props: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        (c, _), (p, _), (o, olang) = row["c"], row["p"], row["o"]
        slot = props[c][p].setdefault(o, {"lang": olang, "texts": {}, "order": 0})
        if row.get("text"):
            text_value, lang = row["text"]
            slot["texts"][canonical(lang) or ""] = text_value
        if row.get("order"):
            slot["order"] = int(row["order"][0])
    return sorted((_control(c, p) for c, p in props.items()), key=lambda x: (x.matrix, x.row, x.iri))


def _control(node: str, props: dict[str, dict]) -> OrgControl:
    def values(local: str, namespace: str = PG_IRI) -> list[tuple[str, dict]]:
        return sorted(props.get(namespace + local, {}).items(), key=lambda kv: (kv[1]["order"], kv[0]))

    def first(local: str, namespace: str = PG_IRI) -> str:
        found = values(local, namespace)
        return found[0][0] if found else ""

    matrix = values("inMatrix")
    owner = values("controlOwner")
    kind = first("controlType")
    key = first("keyControl")
    return OrgControl(
        iri=node,
        matrix=next(iter(matrix[0][1]["texts"].values()), matrix[0][0]) if matrix else "",
        row=int(first("sheetRow") or 0),
        ident=first("identifier", PREFIXES["dcterms"]),
        texts={canonical(d["lang"]): v for v, d in values("description", PREFIXES["dcterms"]) if d["lang"]},
        owner="、".join(sorted(next(iter(d["texts"].values()), "") for _, d in owner)),
        frequency=first("frequency"),
        kind=kind[len(PG_IRI) :] if kind else "",
        key=None if not key else key == "true",
        risks=[v for v, _ in values("addressesRisk")],
        own_risks=[d["texts"] for _, d in values("addressesOrganisationRisk")],
        evidence=[d["texts"] for _, d in values("hasEvidence")],
    )
