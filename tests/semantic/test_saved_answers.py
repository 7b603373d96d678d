"""Answers of the parameterless named queries saved at build time: the same as running them, and dropped when the data change."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from procgraph.server import Settings, create_app
from procgraph.server.api import ANSWERS_FILE, named_queries, save_answers, saved_answer

PARAMETERLESS = sorted(name for name, q in named_queries().items() if not q.parameters)


@pytest.fixture()
def saved_store(semantic_store, tmp_path):
    """A copy of the bundled store with the answers saved as ``procgraph build`` saves them."""
    target = tmp_path / "store"
    shutil.copytree(semantic_store, target)
    save_answers(target)
    return target


def _answers(store, **settings):
    with TestClient(create_app(Settings(store_path=store, workers=1, cache_entries=0, **settings))) as client:
        return {name: client.get(f"/api/queries/{name}").json() for name in PARAMETERLESS}


def test_the_slow_queries_take_no_parameters():
    assert {"graphs", "theme-distribution", "practices-without-risks"} <= set(PARAMETERLESS)


def test_saved_answers_are_the_answers_of_the_queries(semantic_store, saved_store):
    assert (saved_store / ANSWERS_FILE).exists()
    settings = Settings(store_path=saved_store)
    assert all(saved_answer(settings, named_queries()[name]) is not None for name in PARAMETERLESS)
    assert _answers(saved_store) == _answers(semantic_store)


def test_saved_answers_are_not_used_once_the_data_change(saved_store):
    before = _answers(saved_store)["graphs"]
    store = ox.Store(str(saved_store))
    store.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                      ox.Literal("o"), ox.NamedNode("https://example.org/g")))
    store.flush()
    del store
    assert saved_answer(Settings(store_path=saved_store), named_queries()["graphs"]) is None
    after = _answers(saved_store)["graphs"]
    assert after["count"] == before["count"] + 1
    assert {"graph": "https://example.org/g", "triples": 1} in after["rows"]


def test_saved_answers_are_not_used_when_updates_are_on(saved_store):
    settings = Settings(store_path=saved_store, enable_update=True, update_token="t")
    assert saved_answer(settings, named_queries()["graphs"]) is None


def test_unknown_parameters_are_still_refused(saved_store):
    with TestClient(create_app(Settings(store_path=saved_store, workers=1))) as client:
        assert client.get("/api/queries/graphs", params={"nope": "1"}).status_code == 400
