"""``GET /api/validation`` serves the report saved with the store, and says how to make one."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import FastAPI
from fastapi.testclient import TestClient

from procgraph.server.api_validation import build_router
from procgraph.server.settings import Settings
from procgraph.store.local import write_store
from procgraph.validate import save_report, validate_path

from .conftest import GOOD


def _client(store_path) -> TestClient:
    app = FastAPI()
    app.state.settings = Settings(store_path=store_path)
    app.include_router(build_router())
    return TestClient(app)


def test_serves_the_saved_report(tmp_path):
    path = tmp_path / "store"
    write_store(list(ox.parse(GOOD.read_bytes(), format=ox.RdfFormat.TRIG)), path)
    client = _client(path)
    missing = client.get("/api/validation")
    assert missing.status_code == 404 and "--save" in missing.json()["error"]
    save_report(validate_path(path), path)
    answer = client.get("/api/validation")
    assert answer.status_code == 200
    body = answer.json()
    assert body["conforms"] is True and body["overall_score"] == 1.0
    assert [e["id"] for e in body["elements"]] == ["99.0", "99.1", "99.1.1"]
