from __future__ import annotations

import pytest

from procgraph.ingest import ingest


@pytest.fixture(scope="session")
def records(bundled_source):
    """The records of the bundled standard, parsed once for the whole session."""
    return ingest(bundled_source)


@pytest.fixture(scope="session")
def by_id(records):
    return {e["id"]: e for e in records["elements"]}
