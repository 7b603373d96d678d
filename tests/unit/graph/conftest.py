"""Fixtures for the graph tests: the small hand-written records, the core PCF facts, and a
dataset built from them (in memory, and in a store on disk)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from procgraph.build import build, build_dataset
from procgraph.pcf import load_core

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "records-small.json"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data home: no test reads or writes the user's real one."""
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def records() -> dict:
    return json.loads(SMALL.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def framework():
    return load_core()


@pytest.fixture(scope="session")
def dataset(records, framework):
    """(asserted quads, inferred quads, inference report) for the small records."""
    return build_dataset(records, framework)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """A store built from the small records with the core PCF facts."""
    path = tmp_path_factory.mktemp("built") / "store"
    build(SMALL, path)
    return path
