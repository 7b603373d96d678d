"""Fixtures for the semantic tests: the bundled records, the core PCF, tags, and one built store."""

from __future__ import annotations

from pathlib import Path

import pytest

from procgraph.build import build_dataset, bundled_source, load_records
from procgraph.errors import ProcgraphError
from procgraph.pcf import load_core
from procgraph.store import write_store


@pytest.fixture(scope="session")
def records() -> dict:
    try:
        return load_records(bundled_source())
    except ProcgraphError as exc:
        pytest.skip(f"ingest cannot read the bundled standard: {exc}")


@pytest.fixture(scope="session")
def framework():
    return load_core()


@pytest.fixture(scope="session")
def tags(records, framework):
    from procgraph.graph.themes import tag_records

    return tag_records(records, framework)


@pytest.fixture(scope="session")
def semantic_store(records, framework, tmp_path_factory) -> Path:
    """The bundled standard built into a store once for the whole session."""
    asserted, inferred, _ = build_dataset(records, framework)
    target = tmp_path_factory.mktemp("semantic") / "store"
    write_store(asserted + inferred, target)
    return target
