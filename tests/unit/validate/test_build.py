"""``procgraph build`` validates the data and keeps the report with the store; the app serves it."""

from __future__ import annotations

import json
from pathlib import Path

from procgraph.build import build
from procgraph.server.app import create_app
from procgraph.server.settings import Settings
from procgraph.validate import REPORT_FILE

SMALL = Path(__file__).resolve().parents[1] / "graph" / "fixtures" / "records-small.json"


def test_build_saves_the_report(tmp_path):
    store = tmp_path / "store"
    result = build(SMALL, store)
    assert "validate" in result.stages
    saved = json.loads((store / REPORT_FILE).read_text(encoding="utf-8"))
    assert saved["conforms"] == result.validation.conforms
    assert saved["source"] == "records-small.json"
    covered = {e["id"] for e in saved["elements"] if e["covered"]}
    assert covered == {"8.0", "8.1", "8.1.1", "8.1.1.1", "8.1.6", "8.1.6.4"}
    assert not saved["conforms"]  # the small records stop inside 8.1.6.4 too


def test_app_routes_validation(tmp_path):
    """The endpoint's app answers /api/validation (no lifespan: no worker processes needed)."""
    from fastapi.testclient import TestClient

    store = tmp_path / "store"
    build(SMALL, store)
    answer = TestClient(create_app(Settings(store_path=store))).get("/api/validation")
    assert answer.status_code == 200
    assert answer.json()["source"] == "records-small.json"
