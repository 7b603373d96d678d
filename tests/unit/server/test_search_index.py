"""The search index is kept for the snapshot it was built from (server/api.search_index)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from procgraph.server import Settings, api


def _request(settings: Settings, current: object | None):
    snapshots = SimpleNamespace(current=current) if current is not None else None
    state = SimpleNamespace(settings=settings, backend=SimpleNamespace(snapshots=snapshots))
    return SimpleNamespace(app=SimpleNamespace(state=state))


def _counting_select(monkeypatch) -> list[str]:
    asked: list[str] = []

    async def select(request, text, max_rows=None):
        asked.append(text)
        return [], []

    monkeypatch.setattr(api, "select", select)
    return asked


def test_one_index_per_snapshot(monkeypatch, tmp_path):
    asked = _counting_select(monkeypatch)
    settings = Settings(store_path=tmp_path, enable_update=True, update_token="t" * 32)
    request = _request(settings, current=tmp_path / "1")
    first = asyncio.run(api.search_index(request))
    assert asyncio.run(api.search_index(request)) is first
    assert len(asked) == 2  # the documents' texts and themes, once
    request.app.state.backend.snapshots.current = tmp_path / "2"  # an update published a checkpoint
    assert asyncio.run(api.search_index(request)) is not first
    assert len(asked) == 4


def test_a_remote_store_is_asked_every_time(monkeypatch):
    asked = _counting_select(monkeypatch)
    request = _request(Settings(store_url="http://127.0.0.1:9/sparql"), current=None)
    asyncio.run(api.search_index(request))
    asyncio.run(api.search_index(request))
    assert len(asked) == 4
