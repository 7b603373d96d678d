"""The risk-control matrix (RCM): one row per practice with its element, risks and outputs.

Read from a built dataset (any pyoxigraph store, queried over the union of its graphs), in
the shape GRC analysts keep in spreadsheets: element id, PCF ID and names; the practice;
the risks it mitigates and the outputs it produces (several in one cell, one per line), in
zh-Hans and zh-Hant, and English where the data has it. Risks or outputs that no practice
claims get a row of their own with the practice columns empty, so nothing is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Store

from procgraph.namespaces import PREFIXES
from procgraph.pcf import hierarchy_key

LANGS = ("zh-Hans", "zh-Hant", "en")

_PREFIX = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

ITEMS_QUERY = _PREFIX + """
SELECT ?element ?hid ?pcfId ?kind ?item ?n ?practice WHERE {
  VALUES (?link ?kind) { (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }
  ?element ?link ?item ; pg:hierarchyId ?hid .
  ?item pg:position ?n .
  OPTIONAL { ?element pg:pcfId ?pcfId }
  OPTIONAL { ?practice pg:mitigates|pg:produces ?item . ?element pg:hasPractice ?practice }
}"""

TEXTS_QUERY = _PREFIX + """
SELECT ?node ?text WHERE {
  { ?element pg:hasPractice|pg:hasRisk|pg:hasOutput ?node . ?node pg:text ?text }
  UNION
  { ?node pg:hasPractice|pg:hasRisk|pg:hasOutput ?any . ?node skos:prefLabel ?text }
}"""


@dataclass
class Item:
    n: int
    texts: dict[str, str]
    practice: str | None = None


@dataclass
class Element:
    hierarchy_id: str
    pcf_id: int | None
    names: dict[str, str]
    items: dict[str, dict[str, Item]] = field(default_factory=lambda: defaultdict(dict))


def _lang(tag: str | None) -> str | None:
    """Map a stored language tag (lower-cased by Oxigraph) back to our spelling."""
    for lang in LANGS:
        if tag and tag.lower() == lang.lower():
            return lang
    return None


def _texts(store: Store) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(TEXTS_QUERY, use_default_graph_as_union=True):
        lang = _lang(row["text"].language)
        if lang:
            texts[row["node"].value][lang] = row["text"].value
    return texts


def read_elements(store: Store, element: str | None = None) -> list[Element]:
    """Elements with standard content (optionally only ``element`` and its subtree), in hierarchy order."""
    texts = _texts(store)
    elements: dict[str, Element] = {}
    for row in store.query(ITEMS_QUERY, use_default_graph_as_union=True):
        hid = row["hid"].value
        if element and not in_subtree(hid, element):
            continue
        key = row["element"].value
        pcf_id = int(row["pcfId"].value) if row["pcfId"] else None
        el = elements.setdefault(key, Element(hid, pcf_id, texts.get(key, {})))
        item = row["item"].value
        practice = row["practice"].value if row["practice"] else None
        el.items[row["kind"].value][item] = Item(int(row["n"].value), texts.get(item, {}), practice)
    return sorted(elements.values(), key=lambda e: hierarchy_key(e.hierarchy_id))


ELEMENTS_QUERY = _PREFIX + """
SELECT DISTINCT ?hid ?pcfId WHERE { ?element pg:hierarchyId ?hid . OPTIONAL { ?element pg:pcfId ?pcfId } }"""


def resolve_element(store: Store, element: str) -> str:
    """The hierarchy id of ``element``, given as a hierarchy id (8.1.5) or a PCF ID (20632).

    An id no element of the store has is an :class:`~procgraph.errors.InputError` naming the
    nearest ids, never an empty matrix.
    """
    import difflib

    from procgraph.errors import InputError

    wanted = str(element).strip()
    ids: dict[str, str] = {}
    for row in store.query(ELEMENTS_QUERY, use_default_graph_as_union=True):
        hid = row["hid"].value
        ids.setdefault(hid, hid)
        if row["pcfId"] is not None:
            ids.setdefault(row["pcfId"].value, hid)
    if wanted in ids:
        return ids[wanted]
    near = difflib.get_close_matches(wanted, [k for k in ids if ("." in k) == ("." in wanted)], n=3, cutoff=0.0)
    hint = f"did you mean {', '.join(near)}?" if near else "give a hierarchy id such as 8.1.5 or a PCF ID such as 20632"
    raise InputError(f"no element {wanted} in this store; {hint}")


def in_subtree(hierarchy_id: str, root: str) -> bool:
    """True if ``hierarchy_id`` is ``root`` or below it ("8.1.5.2" is in "8.1.5"; all of 8 in "8.0")."""
    root_key, key = hierarchy_key(root), hierarchy_key(hierarchy_id)
    return key[: len(root_key)] == root_key


def columns(langs: tuple[str, ...]) -> list[str]:
    """Column names of the matrix for the languages present."""
    cols = ["Element ID", "PCF ID"] + [f"Element ({lang})" for lang in LANGS]
    cols += ["Practice #"] + [f"Practice ({lang})" for lang in langs]
    cols += ["Risk #"] + [f"Risks ({lang})" for lang in langs]
    cols += ["Output #"] + [f"Outputs ({lang})" for lang in langs]
    return cols


def _joined(items: list[Item], lang: str) -> str:
    return "\n".join(i.texts.get(lang, "") for i in items)


def _row(el: Element, practice: Item | None, risks: list[Item], outputs: list[Item], langs) -> list:
    row: list = [el.hierarchy_id, el.pcf_id if el.pcf_id is not None else ""]
    row += [el.names.get(lang, "") for lang in LANGS]
    row += [practice.n if practice else ""] + [practice.texts.get(lang, "") if practice else "" for lang in langs]
    row += ["; ".join(str(r.n) for r in risks)] + [_joined(risks, lang) for lang in langs]
    row += ["; ".join(str(o.n) for o in outputs)] + [_joined(outputs, lang) for lang in langs]
    return row


def _rows_of(el: Element, langs) -> list[list]:
    def by_n(kind):
        return sorted(el.items.get(kind, {}).items(), key=lambda kv: kv[1].n)

    practices, risks, outputs = by_n("practice"), by_n("risk"), by_n("output")
    rows = []
    for iri, practice in practices:
        rows.append(_row(el, practice, [r for _, r in risks if r.practice == iri],
                         [o for _, o in outputs if o.practice == iri], langs))
    orphans_r = [r for _, r in risks if r.practice is None]
    orphans_o = [o for _, o in outputs if o.practice is None]
    if orphans_r or orphans_o:
        rows.append(_row(el, None, orphans_r, orphans_o, langs))
    return rows


def matrix(store: Store, element: str | None = None) -> tuple[list[str], list[list]]:
    """The header and rows of the risk-control matrix."""
    elements = read_elements(store, resolve_element(store, element) if element else None)
    has_en = any("en" in item.texts for el in elements for kind in el.items.values() for item in kind.values())
    langs = LANGS if has_en else LANGS[:2]
    rows = [row for el in elements for row in _rows_of(el, langs)]
    return columns(langs), rows
