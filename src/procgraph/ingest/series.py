"""Several parts of the series as one set of elements: which part each element comes from.

Parts of one category follow each other (第8部分(1) stops in 8.1.6.4, 第8部分(2) goes on), and a
part may repeat an element another part has (a part that restarts at the element the previous
one was cut off in). :func:`merge_parts` keeps one text per element and says which and why:

1. a complete entry wins over a truncated one (the page cut off mid-element);
2. between two complete (or two truncated) entries, the one with more items wins;
3. otherwise the part given first wins.

>>> a = {"source": {"title": "第8部分(1)"}, "elements": [{"id": "8.1", "truncated": True, "practices": [1]}]}
>>> b = {"source": {"title": "第8部分(2)"}, "elements": [{"id": "8.1", "truncated": False, "practices": []}]}
>>> kept, overlaps = merge_parts([a, b])
>>> [(e["id"], part) for e, part in kept], overlaps[0]["kept"], overlaps[0]["reason"]
([('8.1', '第8部分(2)')], '第8部分(2)', 'complete in 第8部分(2), truncated in 第8部分(1)')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from procgraph.ingest.parts import part_of
from procgraph.pcf import hierarchy_key


def part_label(records: Mapping[str, Any]) -> str:
    """The part a records dict was read from and its file (``第8部分(2) gbpm-8-2.txt``)."""
    source = records.get("source") or {}
    part = part_of(source.get("title"))
    name = PurePath(str(source["path"])).name if source.get("path") else ""
    return " ".join(x for x in (part.label if part else "", name) if x) or "?"


def _category(records: Mapping[str, Any]) -> str:
    """The category a part belongs to: its first element's (``"8"``), else its title's, else ``""``."""
    elements = records.get("elements") or []
    if elements:
        return str(elements[0]["id"]).split(".")[0]
    part = part_of((records.get("source") or {}).get("title"))
    return part.category if part else ""


def _items(element: Mapping[str, Any]) -> int:
    return sum(len(element.get(k) or []) for k in ("practices", "risks", "outputs"))


def _choose(old: tuple, new: tuple) -> tuple[tuple, str]:
    (e_old, p_old), (e_new, p_new) = old, new
    if bool(e_old.get("truncated")) != bool(e_new.get("truncated")):
        win, lose = (old, new) if not e_old.get("truncated") else (new, old)
        return win, f"complete in {win[1]}, truncated in {lose[1]}"
    if _items(e_new) > _items(e_old):
        return new, f"{_items(e_new)} items in {p_new}, {_items(e_old)} in {p_old}"
    if _items(e_old) > _items(e_new):
        return old, f"{_items(e_old)} items in {p_old}, {_items(e_new)} in {p_new}"
    return old, f"same completeness in both; {p_old} was given first"


def merge_parts(parts: list[Mapping[str, Any]]) -> tuple[list[tuple[dict, str]], list[dict]]:
    """Elements of all ``parts`` in hierarchy order, each with the part it was kept from, and
    the overlaps: ``{"element", "parts", "kept", "reason"}`` for every element in two parts."""
    kept: dict[str, tuple] = {}
    overlaps: dict[str, dict] = {}
    for records in parts:
        label = part_label(records)
        for element in records.get("elements") or []:
            hid = str(element["id"])
            entry = (element, label)
            if hid not in kept:
                kept[hid] = entry
                continue
            winner, reason = _choose(kept[hid], entry)
            seen = overlaps.get(hid, {"element": hid, "parts": [kept[hid][1]]})
            seen["parts"].append(label)
            seen.update(kept=winner[1], reason=reason)
            overlaps[hid] = seen
            kept[hid] = winner
    order = sorted(kept, key=hierarchy_key)
    return [kept[h] for h in order], [overlaps[h] for h in sorted(overlaps, key=hierarchy_key)]


def merge_series(parts: list[Mapping[str, Any]]) -> dict:
    """One records dict for several parts of the series (``procgraph build --source A --source B``),
    of one category or of several.

    Elements come from :func:`merge_parts`, each with ``"part"``: the index in ``"parts"`` (the
    parts' sources with their labels and categories) it was kept from; ``"overlaps"`` says which
    text was kept for an element two parts state, and why. Each category is a standard of its own
    (``gbpm-8``, ``gbpm-4``: the graph keys an element's items by it), so only records of one
    category name a single standard.
    """
    categories = sorted({_category(r) for r in parts} - {""}, key=int)
    labels = [part_label(r) for r in parts]
    kept, overlaps = merge_parts(parts)
    index = {label: i for i, label in enumerate(labels)}
    warnings = [f"{labels[i]}: {w}" for i, r in enumerate(parts) for w in r.get("warnings") or []]
    warnings += [
        f"{o['element']}: in {', '.join(o['parts'])}; kept the text of {o['kept']} ({o['reason']})" for o in overlaps
    ]
    return {
        "format": parts[0].get("format"),
        "source": parts[0].get("source"),
        "standard": {"slug": f"gbpm-{categories[0]}"} if len(categories) == 1 else {},
        "parts": [
            {"label": label, "category": _category(r), **(r.get("source") or {}), "repairs": r.get("repairs") or []}
            for label, r in zip(labels, parts)
        ],
        "elements": [{**element, "part": index[label]} for element, label in kept],
        "repairs": [x for r in parts for x in r.get("repairs") or []],
        "overrides": [x for r in parts for x in r.get("overrides") or []],
        "overlaps": overlaps,
        "warnings": warnings,
    }
