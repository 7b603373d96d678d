"""Scoring tags and links against the hand-labelled keys in this folder (used by tests and benchmarks)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
THEME_KEY = HERE / "answer_key.json"
LINKS_KEY = HERE / "links_key.json"


def risk_names(records: Mapping[str, Any], fw) -> dict[str, str]:
    """Risk IRI -> key name ("8.1.1.1/3") for every risk of the records."""
    from procgraph.graph import iris
    from procgraph.graph.standard import element_resolver, standard_slug

    resolve, slug = element_resolver(records, fw), standard_slug(records)
    return {
        iris.item(slug, resolve(str(e["id"])).rsplit("/", 1)[-1], "risk", int(r["n"])): f"{e['id']}/{r['n']}"
        for e in records["elements"]
        for r in e.get("risks") or []
    }


def theme_key() -> dict[str, Any]:
    """The hand-labelled theme key: rules, the tune/held-out split and the risks of each theme."""
    return json.loads(THEME_KEY.read_text(encoding="utf-8"))


def score_themes(tags, records, fw, part: str | None = None) -> dict[str, dict[str, Any]]:
    """Per theme of the key: precision, recall, and the false positives and negatives.

    ``part`` is ``"tune"`` or ``"held_out"`` to score only the risks of that part of the
    key's split (elements in document order, even-numbered ones tune), or None for all.
    """
    from procgraph.graph.themes import load_thesaurus

    thesaurus = load_thesaurus()
    names = risk_names(records, fw)
    key = theme_key()
    if part is not None:
        elements = set(key["split"][part])
        names = {k: v for k, v in names.items() if v.split("/")[0] in elements}
    out = {}
    for slug, entry in key["themes"].items():
        closure = set(thesaurus.narrower_closure(thesaurus.resolve(slug).iri))
        got = {names[t.target] for t in tags if t.target in names and t.theme in closure}
        expected = {r for r in entry["risks"] if r in set(names.values())}
        tp = len(got & expected)
        out[slug] = {
            "precision": tp / len(got) if got else 0.0,
            "recall": tp / len(expected) if expected else 1.0,
            "tagged": len(got),
            "expected": len(expected),
            "false_positives": sorted(got - expected),
            "false_negatives": sorted(expected - got),
        }
    return out


def load_links_key() -> dict[str, Any]:
    """The links key: labelling rules, the tune/held-out split and the labelled elements."""
    return json.loads(LINKS_KEY.read_text(encoding="utf-8"))


def score_links(links, fw, part: str | None = None) -> dict[str, Any]:
    """Recall of must-link categories and share of links into should-not categories, on one part of the key.

    ``part`` is "tune", "held_out" or None (all labelled elements). Misses name the must
    categories not reached; wrong names the links that went into a should-not category.
    """
    key = load_links_key()
    names = key["split"][part] if part else list(key["elements"])
    by_iri = {f"https://w3id.org/procgraph/pcf/{e.pcf_id}": e.hierarchy_id for e in fw.elements}
    targets: dict[str, list[str]] = {}
    for link in links:
        source = by_iri.get(link.source)
        targets.setdefault(source, []).append(by_iri[link.target])
    must = hit = total = wrong = 0
    misses: dict[str, list[str]] = {}
    wrongs: dict[str, list[str]] = {}
    for hid in names:
        entry = key["elements"][hid]
        reached = {t.split(".")[0] + ".0" for t in targets.get(hid, [])}
        must += len(entry["must"])
        hit += len(set(entry["must"]) & reached)
        if set(entry["must"]) - reached:
            misses[hid] = sorted(set(entry["must"]) - reached, key=float)
        bad = [t for t in targets.get(hid, []) if t.split(".")[0] + ".0" in entry["should_not"]]
        total += len(targets.get(hid, []))
        wrong += len(bad)
        if bad:
            wrongs[hid] = bad
    return {
        "elements": len(names),
        "must": must,
        "hit": hit,
        "recall": hit / must if must else 0.0,
        "links": total,
        "wrong": wrong,
        "wrong_share": wrong / total if total else 0.0,
        "misses": misses,
        "wrong_links": wrongs,
    }
