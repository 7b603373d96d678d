"""Curated corrections, applied after parsing and reported one by one.

An overrides file sits next to its source (``gbpm-8-1.overrides.json``) and holds a JSON list of
``{"source_sha256": ..., "element": "8.1.2", "field": "risks", "n": 3, "key": "practice",
"value": 2, "reason": "..."}``. An override applies only to the source whose SHA-256 it names,
so a new edition of the document never silently receives corrections made for the old one.
The aim is an empty list: every override is a gap in the parser, reported in the records.
"""

from __future__ import annotations

import json
from pathlib import Path

from procgraph.errors import InputError

_FIELDS = {"name", "definition", "practices", "risks", "outputs", "truncated"}


def load_overrides(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"overrides are not valid JSON: {exc.msg}", file=str(path), position=exc.pos) from None
    if not isinstance(data, list):
        raise InputError("overrides must be a JSON list of objects", file=str(path))
    for i, item in enumerate(data):
        if not isinstance(item, dict) or item.get("field") not in _FIELDS or "element" not in item:
            raise InputError(f"override #{i + 1} needs 'element' and a 'field' among {sorted(_FIELDS)}", file=str(path))
    return data


def apply_overrides(records: dict, overrides: list[dict], sha256: str) -> list[dict]:
    """Apply matching overrides in place; return the report of what was applied."""
    by_id = {e["id"]: e for e in records["elements"]}
    applied = []
    for item in overrides:
        if item.get("source_sha256") not in (None, sha256):
            continue
        element = by_id.get(item["element"])
        if element is None:
            records["warnings"].append(f"override for unknown element {item['element']} ignored")
            continue
        target = element
        if item["field"] in ("practices", "risks", "outputs"):
            rows = element[item["field"]]
            n = item.get("n")
            match = [r for r in rows if r["n"] == n]
            if not match:
                records["warnings"].append(f"override for {item['element']} {item['field']} #{n} ignored: no such item")
                continue
            target = match[0]
            target[item["key"]] = item["value"]
        elif item["field"] in ("name", "definition"):
            element[item["field"]] = {**(element[item["field"]] or {}), **item["value"]}
        else:
            target[item["field"]] = item["value"]
        applied.append({k: item[k] for k in ("element", "field", "n", "key", "value", "reason") if k in item})
    return applied
