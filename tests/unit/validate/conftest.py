"""Fixtures for the validation tests: the good fixture and its bad variants as stores, and the
bundled standard built once (asserted and inferred quads in an in-memory store)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from procgraph.build import build_dataset, bundled_source, load_records
from procgraph.errors import ProcgraphError
from procgraph.graph.ontology import ontology_quads
from procgraph.infer import materialise
from procgraph.pcf import load_core
from procgraph.validate.shapes import load_checks

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good.trig"
BAD = FIXTURES / "bad"


def fixture_store(update: Path | None = None) -> ox.Store:
    """The good fixture, changed by the SPARQL update in ``update`` if given, with ontology and inferences."""
    store = ox.Store()
    store.bulk_extend(ox.parse(GOOD.read_bytes(), format=ox.RdfFormat.TRIG))
    if update is not None:
        store.update(update.read_text(encoding="utf-8"))
    store.bulk_extend(ontology_quads())
    materialise(store)
    return store


def store_of(quads) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(quads)
    return store


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def checks():
    return load_checks()


@pytest.fixture(scope="session")
def bundled_records_v() -> dict:
    """Records of the bundled standard (skips while ingest cannot read it)."""
    try:
        return load_records(bundled_source())
    except ProcgraphError as exc:
        pytest.skip(f"ingest cannot read the bundled standard: {exc}")


@pytest.fixture(scope="session")
def bundled_quads(bundled_records_v) -> list:
    asserted, inferred, _ = build_dataset(bundled_records_v, load_core())
    return asserted + inferred
