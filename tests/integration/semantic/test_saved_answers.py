"""Answers prepared at build time: the same as running the queries, and dropped when the data change."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from procgraph.graph.themes import load_thesaurus
from procgraph.queries import bind, named_queries
from procgraph.queries.prepared import ANSWERS_FILE, lookup, plan, prepare, save_answers, saved_documents
from procgraph.server import Settings, create_app

PARAMETERLESS = sorted(name for name, q in named_queries().items() if not q.parameters)
THEMES = sorted(t.iri for t in load_thesaurus().themes.values())
#: Words for risks-by-keyword: common, rare, absent, empty, ASCII, one character, and characters
#: that need escaping in SPARQL and in JSON.
WORDS = ["沟通", "供应商", "量子纠缠", "", "IT", "不", "服务水平", 'a"b', "\\", "通"]


@pytest.fixture(scope="module")
def saved_store(semantic_store, tmp_path_factory):
    """A copy of the bundled store with the answers saved as ``procgraph build`` saves them."""
    target = tmp_path_factory.mktemp("saved") / "store"
    shutil.copytree(semantic_store, target)
    save_answers(target)
    return target


#: A quad no build writes: added to a served store, it makes the saved answers stale.
NEW_DATA = ox.Quad(
    ox.NamedNode("https://example.org/s"),
    ox.NamedNode("https://example.org/p"),
    ox.Literal("o"),
    ox.NamedNode("https://example.org/g"),
)


def _get(store, requests, **settings):
    with TestClient(create_app(Settings(store_path=store, workers=1, cache_entries=0, **settings))) as client:
        answers = []
        for path, params in requests:
            response = client.get(path, params=params)
            assert response.status_code == 200, response.text
            answers.append((response.json(), response.content))
        return answers


def _backend_calls(app) -> list[str]:
    """The kinds of the calls ``app`` makes to its backend from now on (a query run adds "query")."""
    calls: list[str] = []
    original = app.state.backend.call

    async def counting(*args, **kwargs):
        calls.append(args[0])
        return await original(*args, **kwargs)

    app.state.backend.call = counting
    return calls


def _requests():
    requests = [(f"/api/queries/{name}", {}) for name in PARAMETERLESS]
    requests += [("/api/queries/risks-by-theme", {"topic": iri}) for iri in THEMES]
    requests += [("/api/queries/risks-by-keyword", {"word": word}) for word in WORDS]
    requests += [("/api/queries/risks-by-keyword", {}), ("/api/queries/risks-by-theme", {})]
    return requests


def test_the_slow_queries_are_prepared():
    assert {"graphs", "theme-distribution", "practices-without-risks"} <= set(PARAMETERLESS)
    assert plan(named_queries()["risks-by-theme"]).kind == "each"
    assert plan(named_queries()["risks-by-keyword"]).kind == "contains"
    assert plan(named_queries()["element"]) is None  # cheap lookups by id run as queries


def test_prepared_answers_are_the_answers_of_the_queries(semantic_store, saved_store):
    """Every prepared text, and words that were never prepared, give byte for byte the live answer."""
    requests = _requests()
    saved = _get(saved_store, requests)
    live = _get(semantic_store, requests)
    for (path, params), (s_json, s_bytes), (l_json, l_bytes) in zip(requests, saved, live):
        assert s_json == l_json, (path, params)
        assert s_bytes == l_bytes, (path, params)
    counts = {
        params.get("word"): answer["count"]
        for (path, params), (answer, _) in zip(requests, saved)
        if path.endswith("risks-by-keyword")
    }
    assert counts[""] > counts["沟通"] > 0 and counts["量子纠缠"] == 0  # the words really select


def test_the_api_reads_them_rather_than_running_the_queries(saved_store):
    queries = named_queries()
    store = saved_store
    for name in PARAMETERLESS:
        assert lookup(store, queries[name], queries[name].text, {}) is not None, name
    theme = queries["risks-by-theme"]
    for iri in THEMES:
        assert lookup(store, theme, bind(theme, {"topic": iri}), {"topic": iri}) is not None, iri
    keyword = queries["risks-by-keyword"]
    found = lookup(store, keyword, bind(keyword, {"word": "沟通"}), {"word": "沟通"})
    assert found is not None and found.count == len(found.rows()) > 0
    assert all("沟通" in row["text"] for row in found.rows())
    # an IRI that is not a theme was not prepared: the query runs
    other = "https://example.org/not-a-theme"
    assert lookup(store, theme, bind(theme, {"topic": other}), {"topic": other}) is None


def test_prepared_on_the_in_memory_dataset_as_on_disk(semantic_store):
    """The build prepares on its in-memory dataset; the answers are those of the store it writes."""
    disk = ox.Store.read_only(str(semantic_store))
    memory = ox.Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    assert prepare(memory) == prepare(disk)


def test_saved_answers_are_not_used_once_the_data_change(semantic_store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(semantic_store, target)
    save_answers(target)
    before = _get(target, [("/api/queries/graphs", {})])[0][0]
    store = ox.Store(str(target))
    store.add(NEW_DATA)
    store.flush()
    del store
    query = named_queries()["graphs"]
    assert lookup(target, query, query.text, {}) is None
    after = _get(target, [("/api/queries/graphs", {})])[0][0]
    assert after["count"] == before["count"] + 1
    assert {"graph": "https://example.org/g", "triples": 1} in after["rows"]


def test_saved_answers_are_not_used_when_updates_are_on(saved_store, tmp_path):
    """An updatable store can change under the server, so its queries always run."""
    target = tmp_path / "store"
    shutil.copytree(saved_store, target)  # opened for writing: its files change
    with TestClient(
        create_app(Settings(store_path=target, workers=1, cache_entries=0, enable_update=True, update_token="t"))
    ) as client:
        calls = _backend_calls(client.app)
        assert client.get("/api/queries/graphs").status_code == 200
        assert calls == ["query"]


def test_an_unreadable_answers_file_falls_back_to_the_queries(semantic_store, tmp_path):
    target = tmp_path / "store"
    shutil.copytree(semantic_store, target)
    (target / ANSWERS_FILE).write_bytes(b"this is not an SQLite database")
    query = named_queries()["graphs"]
    assert lookup(target, query, query.text, {}) is None
    assert _get(target, [("/api/queries/graphs", {})])[0][0]["count"] >= 5


def test_the_row_limit_applies_to_saved_answers(saved_store):
    with TestClient(create_app(Settings(store_path=saved_store, workers=1, cache_entries=0, max_rows=3))) as client:
        response = client.get("/api/queries/risks-by-keyword", params={"word": "沟通"})
    assert response.status_code != 200 and "row" in response.text.lower()


def test_unknown_parameters_are_still_refused(saved_store):
    with TestClient(create_app(Settings(store_path=saved_store, workers=1))) as client:
        assert client.get("/api/queries/graphs", params={"nope": "1"}).status_code == 400


def test_the_answers_file_is_sqlite_with_one_row_per_keyword_row(saved_store):
    with sqlite3.connect(saved_store / ANSWERS_FILE) as db:
        names = dict(db.execute("SELECT name, COUNT(*) FROM answers GROUP BY name"))
        rows = db.execute("SELECT COUNT(*) FROM answer_rows").fetchone()[0]
    assert names["risks-by-theme"] == len(THEMES)
    assert names["risks-by-keyword"] == 1 and rows > 200
    assert all(names.get(name) == 1 for name in PARAMETERLESS)


@pytest.mark.parametrize(
    "header", ["?nope from SELECT ?nope WHERE { ?nope ?p ?o }", '?word "" then CONTAINS(?text, ?other)', "every theme"]
)
def test_a_malformed_prepare_header_names_the_query(header):
    query = named_queries()["risks-by-keyword"]
    broken = replace(query, header={**query.header, "prepare": header})
    with pytest.raises(ValueError, match="risks-by-keyword"):
        plan(broken)


def test_search_documents_are_saved_and_search_the_same(semantic_store, saved_store):
    from procgraph.queries.prepared import read_documents

    docs = saved_documents(saved_store)
    assert docs == read_documents(ox.Store.read_only(str(semantic_store)))
    assert {d.kind for d in docs} == {"element", "practice", "risk", "output"}
    assert all(d.texts for d in docs)
    risk = next(d for d in docs if d.iri.endswith("/20610/risk/3"))
    assert risk.texts["zh-Hans"].startswith("连接不稳定") and risk.themes
    requests = [("/api/search", {"q": q}) for q in ("沟通", "溝通渠道", "communication", "供应商 合同")]
    assert _get(saved_store, requests) == _get(semantic_store, requests)  # saved documents / read from the store


def test_answers_prepared_after_the_server_started_are_not_served(saved_store, tmp_path):
    """A store rebuilt or loaded into while served: the workers' snapshot may not hold the new
    data, so the API runs the queries rather than serve answers prepared for other files."""
    from procgraph.queries.prepared import store_fingerprint

    target = tmp_path / "store"
    shutil.copytree(saved_store, target)
    query = named_queries()["graphs"]
    with TestClient(create_app(Settings(store_path=target, workers=1, cache_entries=0))) as client:
        started = client.app.state.store_files
        assert started == store_fingerprint(target)
        calls = _backend_calls(client.app)
        assert client.get("/api/queries/graphs").status_code == 200 and calls == []  # the saved answer
        store = ox.Store(str(target))  # new data, and answers prepared for them, while served
        store.add(NEW_DATA)
        store.flush()
        del store
        save_answers(target)
        assert lookup(target, query, query.text, {}) is not None
        assert lookup(target, query, query.text, {}, started) is None
        assert client.get("/api/queries/graphs").status_code == 200 and calls == ["query"]  # run, not read
