"""Every framework element with its names, place in the hierarchy and completeness.

The process tree, the completeness dashboard, breadcrumbs and the home page's counts all come
from one :class:`Catalog`, read with a handful of small queries (small queries keep
Oxigraph's planner on the fast path) and assembled in Python.

Completeness is measured per element on six columns: ``definition`` (Chinese definition),
``practices``, ``risks``, ``outputs`` (at least one of each), ``alignment`` (every risk and
output belongs to a practice and every practice mitigates a risk) and ``english`` (an English
name). An element the standard does not cover has no columns: it is a gap as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procgraph.pcf import hierarchy_key
from procgraph.server.pages.data import lang_of, select

COLUMNS = ("definition", "practices", "risks", "outputs", "alignment", "english")
KINDS = ("practice", "risk", "output")

ELEMENTS = """
SELECT DISTINCT ?el ?hid ?pcfId ?level ?parent WHERE {
  ?el pg:hierarchyId ?hid .
  OPTIONAL { ?el pg:pcfId ?pcfId }
  OPTIONAL { ?el pg:level ?level }
  OPTIONAL { ?el skos:broader ?parent }
}"""

NAMES = """
SELECT DISTINCT ?el ?name WHERE { ?el pg:hierarchyId ?hid ; skos:prefLabel ?name }"""

COVERAGE = """
SELECT DISTINCT ?el ?std ?truncated WHERE {
  ?el pg:coveredBy ?std .
  OPTIONAL { ?el pg:truncated ?truncated }
}"""

#: The part of the series whose text an element has: the graph holding its pg:coveredBy holds
#: that part's source document and its label (series builds only; see graph/standard.part_graph).
PARTS = """
SELECT DISTINCT ?el ?part WHERE {
  GRAPH ?g { ?el pg:coveredBy ?std . ?std prov:hadPrimarySource ?doc . ?doc dcterms:identifier ?part }
}"""

DEFINITIONS = """
SELECT DISTINCT ?el ?def WHERE { ?el pg:hierarchyId ?hid ; skos:definition ?def }"""

_ITEMS = """VALUES (?link ?kind) { (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }
  ?el ?link ?item ."""

#: Items per element and kind.
ITEM_COUNTS = (
    """
SELECT ?el ?kind (COUNT(DISTINCT ?item) AS ?n) WHERE {
  """
    + _ITEMS
    + """
} GROUP BY ?el ?kind"""
)

#: Items in no alignment, per element and kind: a risk or output no practice mitigates or
#: produces, a practice that mitigates no risk. Counted in the store rather than by reading
#: every item (at 100 times the bundled data: 75 k rows and 3 s before, 0.5 s for both queries).
UNALIGNED_COUNTS = (
    """
SELECT ?el ?kind (COUNT(DISTINCT ?item) AS ?n) WHERE {
  """
    + _ITEMS
    + """
  MINUS { { ?other pg:mitigates|pg:produces ?item } UNION { ?item pg:mitigates ?other } }
} GROUP BY ?el ?kind"""
)


@dataclass
class Entry:
    """One framework element as the pages show it."""

    iri: str
    hierarchy_id: str
    pcf_id: int | None
    level: int
    parent: str | None
    names: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    covered: bool = False
    truncated: bool = False
    part: str = ""  # the part of the series the element's text came from ("" for a single source)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unaligned: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    children: list[Entry] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The last segment of the IRI: the PCF ID, or ``h-…`` for an element without one."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1]

    @property
    def path(self) -> str:
        """Where the element's page is on this server."""
        return f"/pcf/{self.key}"

    def column(self, name: str) -> str:
        """``ok``, ``missing`` or ``na`` (not covered by the standard) for one completeness column."""
        if name == "english":
            return "ok" if self.names.get("en") else "missing"
        if not self.covered:
            return "na"
        if name == "definition":
            return "ok" if (self.definitions.get("zh-Hans") or self.definitions.get("zh-Hant")) else "missing"
        if name == "alignment":
            if not any(self.counts.values()):
                return "missing"
            return "missing" if any(self.unaligned.values()) else "ok"
        return "ok" if self.counts[name[:-1]] else "missing"

    @property
    def score(self) -> tuple[int, int]:
        """(columns complete, columns that apply)."""
        states = [self.column(c) for c in COLUMNS]
        applicable = [s for s in states if s != "na"]
        return sum(s == "ok" for s in applicable), len(applicable)


@dataclass
class Catalog:
    """All elements by IRI, the top level in order, and what the standard covers."""

    entries: dict[str, Entry]
    roots: list[Entry]
    standards: set[str]

    def by_hierarchy_id(self, hid: str) -> Entry | None:
        for entry in self.entries.values():
            if entry.hierarchy_id == hid:
                return entry
        return None

    def by_key(self, key: str) -> Entry | None:
        for entry in self.entries.values():
            if entry.key == key:
                return entry
        return None

    def ancestors(self, entry: Entry) -> list[Entry]:
        """From the category down to the element's parent."""
        out, seen = [], set()
        while entry.parent and entry.parent in self.entries and entry.parent not in seen:
            seen.add(entry.parent)
            entry = self.entries[entry.parent]
            out.append(entry)
        return out[::-1]

    def subtree(self, entry: Entry) -> list[Entry]:
        """The element and everything below it, in hierarchy order."""
        out = [entry]
        for child in entry.children:
            out += self.subtree(child)
        return out

    def covered_categories(self) -> list[Entry]:
        """Top-level elements with standard content somewhere below them."""
        return [root for root in self.roots if any(e.covered for e in self.subtree(root))]

    def by_category(self) -> list[dict]:
        """Per category the standard covers: its elements and how many the standard covers (the
        pages add the completeness figures, server/pages/completeness.py ``coverage_rows``)."""
        return [{"category": root, **coverage(self.subtree(root))} for root in self.covered_categories()]

    def by_part(self) -> list[dict]:
        """Coverage per part of the series (series builds; else empty), in the order of each part's
        first element: the elements whose text came from it, and how many of them are covered."""
        groups: dict[str, list[Entry]] = {}
        for root in self.roots:
            for entry in self.subtree(root):
                if entry.part:
                    groups.setdefault(entry.part, []).append(entry)
        return [
            {"part": part, "first": nodes[0], "last": nodes[-1], **coverage(nodes)} for part, nodes in groups.items()
        ]


def coverage(nodes: list[Entry]) -> dict:
    """Counts for a list of elements: how many, and how many the standard covers (the two
    completeness figures a store without a saved report gives, validate/figures.py ``counts``)."""
    return {"elements": len(nodes), "covered": sum(1 for e in nodes if e.covered)}


def _fill(entries: dict[str, Entry], rows, attribute: str, variable: str) -> None:
    for row in rows:
        entry = entries.get(row["el"].value)
        lang = lang_of(row[variable])
        if entry and lang:
            getattr(entry, attribute)[lang] = row[variable].value


async def read_catalog(request) -> Catalog:
    """Read every element with names, definitions, coverage and item counts."""
    entries: dict[str, Entry] = {}
    for row in await select(request, ELEMENTS):
        key = row["el"].value
        if key in entries:
            continue
        level = int(row["level"].value) if "level" in row else row["hid"].value.count(".") + 1
        pcf_id = int(row["pcfId"].value) if "pcfId" in row else None
        entries[key] = Entry(key, row["hid"].value, pcf_id, level, row["parent"].value if "parent" in row else None)
    _fill(entries, await select(request, NAMES), "names", "name")
    _fill(entries, await select(request, DEFINITIONS), "definitions", "def")
    standards = set()
    for row in await select(request, COVERAGE):
        entry = entries.get(row["el"].value)
        standards.add(row["std"].value)
        if entry:
            entry.covered = True
            truncated = row.get("truncated", None) is not None and row["truncated"].value == "true"
            entry.truncated = entry.truncated or truncated
    for row in await select(request, PARTS):
        entry = entries.get(row["el"].value)
        if entry and (not entry.part or row["part"].value < entry.part):
            entry.part = row["part"].value
    _count_items(entries, await select(request, ITEM_COUNTS), "counts")
    _count_items(entries, await select(request, UNALIGNED_COUNTS), "unaligned")
    return _link(entries, standards)


def _count_items(entries: dict[str, Entry], rows, field_name: str) -> None:
    for row in rows:
        entry = entries.get(row["el"].value)
        if entry is not None:
            getattr(entry, field_name)[row["kind"].value] = int(row["n"].value)


def _link(entries: dict[str, Entry], standards: set[str]) -> Catalog:
    roots: list[Entry] = []
    for entry in sorted(entries.values(), key=lambda e: hierarchy_key(e.hierarchy_id)):
        parent = entries.get(entry.parent) if entry.parent else None
        (parent.children if parent else roots).append(entry)
    return Catalog(entries, roots, standards)


async def catalog(request) -> Catalog:
    """The catalog for this app: kept for an embedded read-only store (it cannot change while
    served); read again on every request when updates are on or the store is remote."""
    state = request.app.state
    if not state.settings.fixed_store:
        return await read_catalog(request)
    cached = getattr(state, "pages_catalog", None)
    if cached is None:
        cached = state.pages_catalog = await read_catalog(request)
    return cached
