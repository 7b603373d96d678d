"""Shared fixtures: paths to the bundled data and to APQC's reference files when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_SOURCE = ROOT / "data" / "sources" / "gbpm-8-1.txt"
APQC_DIR = ROOT.parent / "shared" / "reference" / "apqc-pcf"


@pytest.fixture(scope="session")
def bundled_source() -> Path:
    return BUNDLED_SOURCE


@pytest.fixture(scope="session")
def apqc_dir() -> Path:
    if not APQC_DIR.is_dir():
        pytest.skip("APQC reference folder ../shared/reference/apqc-pcf not present")
    return APQC_DIR


@pytest.fixture(scope="session")
def bundled_records(bundled_source) -> dict:
    """The records of the bundled standard, ingested once for the whole test session."""
    from procgraph.ingest import ingest

    return ingest(bundled_source)
