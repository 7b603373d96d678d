"""Scoring tags and links against the hand-labelled keys in this folder (used by tests and benchmarks)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

HERE = Path(__file__).parent
THEME_KEY = HERE / "answer_key.json"
LINKS_KEY = HERE / "links_key.json"


def risk_names(records: Mapping[str, Any], fw) -> dict[str, str]:
    """Risk IRI -> key name ("8.1.1.1/3") for every risk of the records."""
    from procgraph.graph import iris
    from procgraph.graph.standard import element_resolver, standard_slug

    resolve, slug = element_resolver(records, fw), standard_slug(records)
    return {iris.item(slug, resolve(str(e["id"])).rsplit("/", 1)[-1], "risk", int(r["n"])): f"{e['id']}/{r['n']}"
            for e in records["elements"] for r in e.get("risks") or []}


def score_themes(tags, records, fw) -> dict[str, dict[str, Any]]:
    """Per theme of the key: precision, recall, and the false positives and negatives."""
    from procgraph.graph.themes import load_thesaurus

    thesaurus = load_thesaurus()
    names = risk_names(records, fw)
    key = json.loads(THEME_KEY.read_text(encoding="utf-8"))["themes"]
    out = {}
    for slug, entry in key.items():
        closure = set(thesaurus.narrower_closure(thesaurus.resolve(slug).iri))
        got = {names[t.target] for t in tags if t.target in names and t.theme in closure}
        expected = set(entry["risks"])
        tp = len(got & expected)
        out[slug] = {"precision": tp / len(got) if got else 0.0, "recall": tp / len(expected),
                     "tagged": len(got), "expected": len(expected),
                     "false_positives": sorted(got - expected), "false_negatives": sorted(expected - got)}
    return out


def score_links(links, fw) -> dict[str, Any]:
    """Share of key elements with a link into an expected category, and the misses."""
    key = json.loads(LINKS_KEY.read_text(encoding="utf-8"))["elements"]
    by_iri = {f"https://w3id.org/procgraph/pcf/{e.pcf_id}": e.hierarchy_id for e in fw.elements}
    categories: dict[str, set[str]] = {}
    for link in links:
        source = by_iri.get(link.source)
        categories.setdefault(source, set()).add(by_iri[link.target].split(".")[0] + ".0")
    misses = {hid: sorted(categories.get(hid, ())) for hid, want in key.items() if not set(want) & categories.get(hid, set())}
    return {"elements": len(key), "hit": len(key) - len(misses), "rate": (len(key) - len(misses)) / len(key), "misses": misses}
