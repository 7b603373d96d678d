"""Mutation test: remove one random thing from the built bundled graph (a definition, the last
output of an element, a risk's practice link) and check the report names that element and gap."""

from __future__ import annotations

import random

import pytest

from procgraph.validate import validate_store

from .conftest import store_of

PG = "https://w3id.org/procgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def _complete(bundled_records_v) -> list[dict]:
    return [e for e in bundled_records_v["elements"] if not e.get("truncated")]


def _element_iri(element) -> str:
    return f"https://w3id.org/procgraph/pcf/{element['pcf_id']}"


def _item_iri(element, kind: str, n: int) -> str:
    return f"https://w3id.org/procgraph/std/gbpm-8/{element['pcf_id']}/{kind}/{n}"


def remove_definition(element) -> tuple[str, str, list[str]]:
    update = f"DELETE WHERE {{ GRAPH ?g {{ <{_element_iri(element)}> <{SKOS}definition> ?d }} }}"
    return update, "DefinitionZh", []


def remove_last_output(element) -> tuple[str, str, list[str]]:
    n = max(o["n"] for o in element["outputs"])
    output = _item_iri(element, "output", n)
    update = f"DELETE WHERE {{ GRAPH ?g {{ <{output}> ?p ?o }} }} ; DELETE WHERE {{ GRAPH ?g {{ ?s ?p <{output}> }} }}"
    return update, "RiskOutputRowsAgree", [str(n)]  # risk n is left without output n


def remove_risk_link(element, rng) -> tuple[str, str, list[str]]:
    risk = rng.choice(element["risks"])
    update = f"DELETE WHERE {{ GRAPH ?g {{ ?practice <{PG}mitigates> <{_item_iri(element, 'risk', risk['n'])}> }} }}"
    return update, "RiskHasPractice", [str(risk["n"])]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("mutation", ["definition", "last output", "risk link"])
def test_report_names_the_removed_item(mutation, seed, bundled_records_v, bundled_quads, checks):
    rng = random.Random(f"{mutation}-{seed}")
    element = rng.choice(_complete(bundled_records_v))
    update, check, items = {
        "definition": lambda: remove_definition(element),
        "last output": lambda: remove_last_output(element),
        "risk link": lambda: remove_risk_link(element, rng),
    }[mutation]()
    store = store_of(bundled_quads)
    store.update(update)
    report = validate_store(store, checks=checks)
    entry = next(e for e in report.with_gaps if e.id == element["id"])
    gaps = {g.check: g for g in entry.gaps}
    assert check in gaps, (element["id"], [g.check for g in entry.gaps])
    assert gaps[check].items == items
    assert entry.score < 1
    in_order = sorted({element["id"], "8.1.6.4"}, key=lambda i: [int(x) for x in i.split(".")])
    assert [e.id for e in report.with_gaps] == in_order
