"""The risk-control matrix (RCM): one row per practice with its element, risks and outputs.

Read from a built dataset (any pyoxigraph store, queried over the union of its graphs), in
the shape GRC analysts keep in spreadsheets: element id, PCF ID and names; the practice;
the risks it mitigates and the outputs it produces (several in one cell, one per line), in
zh-Hans and zh-Hant, and English where the data has it; a download from a page in 繁體（台灣）
also has zh-Hant-TW columns (the Taiwan text where the graph has one, else the zh-Hant, which
then reads the same). Risks or outputs that no practice claims get a row of their own with the
practice columns empty, so nothing is dropped.

"The matrix of 8.1.5" means one thing on every surface: 8.1.5's own practices, risks and
outputs (its page, the page's CSV, ``procgraph export --element 8.1.5``, the named query
``risk-control-matrix`` and ``/api/queries/risk-control-matrix``). The matrix of 8.1.5 and
every element below it is asked for explicitly: ``--with-descendants``, ``?descendants=true``.

The queries here are the only ones that read a matrix; the CLI runs them on a pyoxigraph
store, the pages through the server's backend (embedded or remote), and both hand the rows to
:func:`assemble` and :func:`table`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pyoxigraph import Store

from procgraph.graph.iris import BASE, ITEM_KINDS
from procgraph.graph.terms import solutions
from procgraph.namespaces import PREFIXES
from procgraph.pcf import hierarchy_key

LANGS = ("zh-Hans", "zh-Hant", "en")
#: The languages read from the store: :data:`LANGS` and Taiwan's forms (columns only on request).
READ_LANGS = LANGS + ("zh-Hant-TW",)
TAIWAN = "zh-Hant-TW"

_PREFIX = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

#: Which elements a matrix covers: every element, one element's own items, or an element
#: and everything below it (``pg:partOf*`` includes the element itself).
SCOPES = ("all", "element", "descendants")


def _scope_pattern(scope: str, root: str | None) -> str:
    if scope == "all":
        return "?element pg:hierarchyId ?anyId ."
    if root is None or any(ch in root for ch in '<>"{}|^`\\ '):
        raise ValueError(f"scope {scope} needs an element IRI, got {root!r}")
    if scope == "element":
        return f"VALUES ?element {{ <{root}> }}"
    if scope == "descendants":
        return f"?element pg:partOf* <{root}> ."
    raise ValueError(f"unknown scope {scope!r}; one of {', '.join(SCOPES)}")


def items_query(scope: str = "all", root: str | None = None) -> str:
    """SELECT (without PREFIX lines) of the items of the elements in scope, one text per row.

    Each OPTIONAL holds one triple pattern: Oxigraph evaluates an OPTIONAL of two patterns on
    its own and joins after, which read every span in the store (3.2 s at 100 times the bundled
    data, against 15 ms this way). A span counts only with both ends.
    """
    return f"""SELECT DISTINCT ?element ?kind ?item ?n ?text ?practice ?start ?end WHERE {{
  {_scope_pattern(scope, root)}
  VALUES (?link ?kind) {{ (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }}
  ?element ?link ?item .
  ?item pg:position ?n .
  OPTIONAL {{ ?item pg:text ?text }}
  OPTIONAL {{ ?practice pg:mitigates|pg:produces ?item . ?element pg:hasPractice ?practice }}
  OPTIONAL {{ ?item pg:spanStart ?start }}
  OPTIONAL {{ ?item pg:spanEnd ?end }}
}}"""


def elements_query(scope: str = "all", root: str | None = None) -> str:
    """SELECT (without PREFIX lines) of the hierarchy id, PCF ID and names of the elements in scope."""
    return f"""SELECT DISTINCT ?element ?hid ?pcfId ?name WHERE {{
  {_scope_pattern(scope, root)}
  ?element pg:hierarchyId ?hid .
  OPTIONAL {{ ?element pg:pcfId ?pcfId }}
  OPTIONAL {{ ?element skos:prefLabel ?name }}
}}"""


#: A result row as plain values: variable -> (lexical value, language tag or None); unbound
#: variables are left out. The CLI reads rows from a pyoxigraph store, the pages from the
#: server's backend; both hand them over in this form.
Row = Mapping[str, tuple[str, str | None]]


@dataclass
class Item:
    """One practice, risk or output of an element."""

    iri: str
    kind: str
    n: int
    texts: dict[str, str] = field(default_factory=dict)
    practices: set[str] = field(default_factory=set)
    span: tuple[int, int] | None = None

    @property
    def path(self) -> str:
        """Where the item's page is on a procgraph server (its IRI's path)."""
        return "/" + self.iri[len(BASE) :] if self.iri.startswith(BASE) else self.iri


@dataclass
class MatrixRow:
    """One row of the matrix: a practice (None for the row of unclaimed items), its risks and outputs."""

    practice: Item | None
    risks: list[Item]
    outputs: list[Item]


@dataclass
class Element:
    """An element with its items, in column and position order."""

    iri: str
    hierarchy_id: str
    pcf_id: int | None
    names: dict[str, str]
    items: list[Item] = field(default_factory=list)

    @property
    def by_iri(self) -> dict[str, Item]:
        return {i.iri: i for i in self.items}

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    @property
    def rows(self) -> list[MatrixRow]:
        """Each practice with the risks and outputs it claims, then one row of the unclaimed."""
        rows: list[MatrixRow] = []
        claimed: set[str] = set()
        for practice in self.of_kind("practice"):
            risks = [i for i in self.of_kind("risk") if practice.iri in i.practices]
            outputs = [i for i in self.of_kind("output") if practice.iri in i.practices]
            claimed.update(i.iri for i in risks + outputs)
            rows.append(MatrixRow(practice, risks, outputs))
        orphans = [i for i in self.items if i.kind != "practice" and i.iri not in claimed]
        if orphans:
            rows.append(
                MatrixRow(None, [i for i in orphans if i.kind == "risk"], [i for i in orphans if i.kind == "output"])
            )
        return rows


def _lang(tag: str | None) -> str | None:
    """Map a stored language tag (lower-cased by Oxigraph) back to our spelling."""
    for lang in READ_LANGS:
        if tag and tag.lower() == lang.lower():
            return lang
    return None


def items_of(item_rows: Iterable[Row]) -> dict[str, list[Item]]:
    """The rows of :func:`items_query` as each element's items, in column and position order."""
    items: dict[str, dict[str, Item]] = defaultdict(dict)
    for row in item_rows:
        key = row["item"][0]
        item = items[row["element"][0]].setdefault(key, Item(key, row["kind"][0], int(row["n"][0])))
        lang = _lang(row["text"][1]) if "text" in row else None
        if lang:
            item.texts[lang] = row["text"][0]
        if "practice" in row:
            item.practices.add(row["practice"][0])
        if "start" in row and "end" in row:
            item.span = (int(row["start"][0]), int(row["end"][0]))
    order = {kind: n for n, kind in enumerate(ITEM_KINDS)}
    return {element: sorted(found.values(), key=lambda i: (order[i.kind], i.n)) for element, found in items.items()}


def assemble(element_rows: Iterable[Row], item_rows: Iterable[Row]) -> list[Element]:
    """Elements that have items, with their items, in hierarchy order."""
    items = items_of(item_rows)
    elements: dict[str, Element] = {}
    for row in element_rows:
        key = row["element"][0]
        if key not in items:
            continue
        pcf_id = int(row["pcfId"][0]) if "pcfId" in row else None
        el = elements.setdefault(key, Element(key, row["hid"][0], pcf_id, {}, items[key]))
        lang = _lang(row["name"][1]) if "name" in row else None
        if lang:
            el.names[lang] = row["name"][0]
    return sorted(elements.values(), key=lambda e: hierarchy_key(e.hierarchy_id))


def _plain(answer) -> list[dict[str, tuple[str, str | None]]]:
    names = [v.value for v in answer.variables]
    return [
        {name: (term.value, getattr(term, "language", None)) for name, term in zip(names, solution) if term is not None}
        for solution in answer
    ]


def read_elements(store: Store, scope: str = "all", root: str | None = None) -> list[Element]:
    """The elements in scope with their items, read from a pyoxigraph store (union of its graphs)."""

    def run(query: str):
        return _plain(store.query(_PREFIX + query, use_default_graph_as_union=True))

    return assemble(run(elements_query(scope, root)), run(items_query(scope, root)))


IDS_QUERY = (
    _PREFIX
    + """
SELECT DISTINCT ?element ?hid ?pcfId WHERE { ?element pg:hierarchyId ?hid . OPTIONAL { ?element pg:pcfId ?pcfId } }"""
)


def resolve_element(store: Store, element: str) -> str:
    """The hierarchy id of ``element``, given as a hierarchy id (8.1.5) or a PCF ID (20632)."""
    return resolve(store, element)[1]


def resolve(store: Store, element: str) -> tuple[str, str]:
    """The IRI and hierarchy id of ``element``, given as a hierarchy id (8.1.5) or a PCF ID (20632).

    An id no element of the store has is an :class:`~procgraph.errors.InputError` naming the
    nearest ids, never an empty matrix.
    """
    import difflib

    from procgraph.errors import InputError

    wanted = str(element).strip()
    ids: dict[str, tuple[str, str]] = {}
    for row in solutions(store, IDS_QUERY, use_default_graph_as_union=True):
        found = (row["element"].value, row["hid"].value)
        ids.setdefault(found[1], found)
        if row["pcfId"] is not None:
            ids.setdefault(row["pcfId"].value, found)
    if wanted in ids:
        return ids[wanted]
    near = difflib.get_close_matches(wanted, [k for k in ids if ("." in k) == ("." in wanted)], n=3, cutoff=0.0)
    hint = f"did you mean {', '.join(near)}?" if near else "give a hierarchy id such as 8.1.5 or a PCF ID such as 20632"
    raise InputError(f"no element {wanted} in this store; {hint}")


def columns(langs: tuple[str, ...]) -> list[str]:
    """Column names of the matrix for the languages present."""
    cols = ["Element ID", "PCF ID"] + [f"Element ({lang})" for lang in _element_langs(langs)]
    cols += ["Practice #"] + [f"Practice ({lang})" for lang in langs]
    cols += ["Risk #"] + [f"Risks ({lang})" for lang in langs]
    cols += ["Output #"] + [f"Outputs ({lang})" for lang in langs]
    return cols


def _element_langs(langs: tuple[str, ...]) -> tuple[str, ...]:
    """The element name columns: always :data:`LANGS`, and Taiwan's when the matrix has its columns."""
    return ("zh-Hans", "zh-Hant", TAIWAN, "en") if TAIWAN in langs else LANGS


def text_in(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``; for zh-Hant-TW the zh-Hant where the graph has no Taiwan form (it reads the same)."""
    if lang == TAIWAN:
        return texts.get(TAIWAN) or texts.get("zh-Hant", "")
    return texts.get(lang, "")


def _cells(el: Element, row: MatrixRow, langs: tuple[str, ...]) -> list:
    p = row.practice
    cells: list = [el.hierarchy_id, el.pcf_id if el.pcf_id is not None else ""]
    cells += [text_in(el.names, lang) for lang in _element_langs(langs)]
    cells += [p.n if p else ""] + [text_in(p.texts, lang) if p else "" for lang in langs]
    for items in (row.risks, row.outputs):
        cells += ["; ".join(str(i.n) for i in items)]
        cells += ["\n".join(text_in(i.texts, lang) for i in items) for lang in langs]
    return cells


def table(elements: list[Element], *, taiwan: bool = False) -> tuple[list[str], list[list]]:
    """The header and spreadsheet rows of the matrix of ``elements``: one row per practice.

    This is the one place a matrix becomes cells: ``procgraph export -f rcm-csv|rcm-xlsx``
    and an element page's downloads both call it. With ``taiwan`` (a page in 繁體（台灣）) each
    zh-Hant column is followed by a zh-Hant-TW one (:func:`text_in`).
    """
    has_en = any("en" in item.texts for el in elements for item in el.items)
    langs: tuple[str, ...] = LANGS if has_en else LANGS[:2]
    if taiwan:
        langs = langs[:2] + (TAIWAN,) + langs[2:]
    return columns(langs), [_cells(el, row, langs) for el in elements for row in el.rows]


def matrix(store: Store, element: str | None = None, *, descendants: bool = False) -> tuple[list[str], list[list]]:
    """The header and rows of the risk-control matrix.

    Without ``element``, the matrix of every element. With it, the matrix of that element: its
    own practices, risks and outputs, as its page shows them; with ``descendants`` also those of
    every element below it.
    """
    if element is None:
        return table(read_elements(store))
    root, _ = resolve(store, element)
    return table(read_elements(store, "descendants" if descendants else "element", root))
