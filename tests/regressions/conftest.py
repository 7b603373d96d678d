"""Fixtures for the regression tests (one file per reported fault, named after it).

A store of the bundled standard built once by ``procgraph build`` (as a user builds it), real
servers on 127.0.0.1 over it and over the small sample store of ``tests/integration/server``.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from procgraph.server import Settings
from tests.integration.server.conftest import make_store, serve


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory) -> Path:
    """The bundled standard, built by ``procgraph build`` into a fresh store (tests only read it)."""
    from procgraph.cli import main

    target = tmp_path_factory.mktemp("regressions") / "store"
    assert main(["build", "--store", str(target)]) == 0
    return target


@pytest.fixture(scope="session")
def bundled_server(bundled_store):
    """A read-only server over the bundled store."""
    with serve(Settings(store_path=bundled_store, workers=1, timeout_s=20)) as running:
        yield running


@pytest.fixture()
def bundled_client(bundled_server):
    with httpx.Client(base_url=bundled_server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory):
    """A read-only server over the small sample store of ``tests/integration/server``."""
    store = make_store(tmp_path_factory.mktemp("sample") / "store")
    with serve(Settings(store_path=store, workers=1, timeout_s=5, max_rows=100, cache_entries=0)) as running:
        yield running


@pytest.fixture()
def sample_client(sample_server):
    with httpx.Client(base_url=sample_server.url, timeout=30) as c:
        yield c
