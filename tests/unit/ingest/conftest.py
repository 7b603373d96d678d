from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def records(bundled_records):
    """The records of the bundled standard (ingested once per session, see tests/conftest.py)."""
    return bundled_records


@pytest.fixture(scope="session")
def by_id(records):
    return {e["id"]: e for e in records["elements"]}
