"""An element's practices, risks and outputs, aligned row by row: the risk-control matrix.

The standard's table pairs practice *i* with the risks it mitigates and the outputs it
produces (usually one each, sometimes two risks and two outputs). The graph states those
pairings as ``pg:mitigates`` and ``pg:produces``; here they become rows. A risk or output no
practice claims goes to a last row with an empty practice cell, so nothing is hidden.

The same rows give the page's table and the element's CSV download, which has the columns of
``procgraph export -f rcm-csv`` (see :mod:`procgraph.graph.rcm`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procgraph.graph import rcm
from procgraph.graph.iris import ITEM_KINDS
from procgraph.server.pages.data import iri, lang_of, local_path, select

ITEMS = """
SELECT DISTINCT ?kind ?item ?n ?text ?practice ?start ?end WHERE {{
  VALUES (?link ?kind) {{ (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }}
  {element} ?link ?item .
  ?item pg:position ?n .
  OPTIONAL {{ ?item pg:text ?text }}
  OPTIONAL {{ ?practice pg:mitigates|pg:produces ?item . {element} pg:hasPractice ?practice }}
  OPTIONAL {{ ?item pg:spanStart ?start }}
  OPTIONAL {{ ?item pg:spanEnd ?end }}
}}"""
# (Each OPTIONAL holds one triple pattern: Oxigraph evaluates an OPTIONAL of two patterns on its
# own and joins after, which read every span in the store: 3.2 s at 100 times the bundled data,
# against 15 ms this way. A span counts only with both ends, as before.)


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
        """The item's page on this server (its IRI's path)."""
        return local_path(self.iri)


@dataclass
class Row:
    """One row of the matrix: a practice (None for the row of unclaimed items), its risks and outputs."""

    practice: Item | None
    risks: list[Item]
    outputs: list[Item]


@dataclass
class Matrix:
    """All items of one element and the rows they form."""

    items: list[Item]
    rows: list[Row]

    @property
    def by_iri(self) -> dict[str, Item]:
        return {i.iri: i for i in self.items}

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]


async def read_items(request, element_iri: str) -> list[Item]:
    """The element's items in column and position order."""
    items: dict[str, Item] = {}
    for row in await select(request, ITEMS.format(element=iri(element_iri))):
        key = row["item"].value
        item = items.setdefault(key, Item(key, row["kind"].value, int(row["n"].value)))
        if "text" in row and lang_of(row["text"]):
            item.texts[lang_of(row["text"])] = row["text"].value
        if "practice" in row:
            item.practices.add(row["practice"].value)
        if "start" in row and "end" in row:
            item.span = (int(row["start"].value), int(row["end"].value))
    order = {kind: i for i, kind in enumerate(ITEM_KINDS)}
    return sorted(items.values(), key=lambda i: (order.get(i.kind, 9), i.n))


def align(items: list[Item]) -> list[Row]:
    """Rows of the matrix: each practice with the risks and outputs it claims, then the unclaimed."""
    practices = [i for i in items if i.kind == "practice"]
    claimed: set[str] = set()
    rows = []
    for practice in practices:
        risks = [i for i in items if i.kind == "risk" and practice.iri in i.practices]
        outputs = [i for i in items if i.kind == "output" and practice.iri in i.practices]
        claimed.update(i.iri for i in risks + outputs)
        rows.append(Row(practice, risks, outputs))
    orphans = [i for i in items if i.kind != "practice" and i.iri not in claimed]
    if orphans:
        rows.append(Row(None, [i for i in orphans if i.kind == "risk"], [i for i in orphans if i.kind == "output"]))
    return rows


async def read_matrix(request, element_iri: str) -> Matrix:
    items = await read_items(request, element_iri)
    return Matrix(items, align(items))


def csv_rows(entry, matrix: Matrix) -> tuple[list[str], list[list]]:
    """Header and rows in the layout of ``procgraph export -f rcm-csv`` for one element."""
    has_en = any("en" in i.texts for i in matrix.items)
    langs = rcm.LANGS if has_en else rcm.LANGS[:2]
    rows = []
    for row in matrix.rows:
        out: list = [entry.hierarchy_id, entry.pcf_id if entry.pcf_id is not None else ""]
        out += [entry.names.get(lang, "") for lang in rcm.LANGS]
        p = row.practice
        out += [p.n if p else ""] + [p.texts.get(lang, "") if p else "" for lang in langs]
        for items in (row.risks, row.outputs):
            out += ["; ".join(str(i.n) for i in items)]
            out += ["\n".join(i.texts.get(lang, "") for i in items) for lang in langs]
        rows.append(out)
    return rcm.columns(langs), rows
