"""The read-only answer cache: repeated requests are answered without a worker, bounded, and
never used when updates are enabled."""

from __future__ import annotations

from procgraph.server.cache import AnswerCache
from procgraph.server.execute import Answer, QueryRequest


def test_hit_miss_and_lru_bound():
    cache = AnswerCache(max_entries=2)
    a, b, c = (QueryRequest(query=f"ASK {{ <urn:{i}> ?p ?o }}") for i in "abc")
    assert cache.get(a) is None
    first = cache.put(a, Answer(200, b"yes", "text/plain"))
    assert first.headers["X-Procgraph-Cache"] == "miss"
    assert cache.get(a).body == b"yes" and cache.get(a).headers["X-Procgraph-Cache"] == "hit"
    cache.put(b, Answer(200, b"b"))
    cache.get(a)  # a is now the most recently used
    cache.put(c, Answer(200, b"c"))
    assert cache.get(b) is None and cache.get(a) is not None and len(cache) == 2


def test_only_successes_are_kept():
    cache = AnswerCache()
    key = QueryRequest(query="SELECT * {}")
    cache.put(key, Answer(503, b"deadline"))
    assert cache.get(key) is None


def test_byte_bound():
    cache = AnswerCache(max_entries=100, max_bytes=10)
    for i in range(5):
        cache.put(QueryRequest(query=str(i)), Answer(200, b"12345"))
    assert len(cache) == 2


def test_served_answers_say_where_they_came_from(client):
    query = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    first = client.get("/sparql", params=query)
    second = client.get("/sparql", params=query)
    assert first.status_code == second.status_code == 200
    assert first.headers["x-procgraph-cache"] == "miss"
    assert second.headers["x-procgraph-cache"] == "hit"
    assert first.content == second.content


def test_replayed_answers_keep_their_format_and_vary_by_accept(client):
    query = {"query": "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2"}
    as_csv = [client.get("/sparql", params=query, headers={"Accept": "text/csv"}) for _ in range(2)]
    as_json = client.get("/sparql", params=query, headers={"Accept": "application/sparql-results+json"})
    assert as_csv[1].headers["x-procgraph-cache"] == "hit"
    assert as_csv[1].headers["content-type"].startswith("text/csv") and as_csv[1].content == as_csv[0].content
    assert as_json.headers["x-procgraph-cache"] == "miss" and as_json.json()["results"]["bindings"]


def test_no_cache_when_updates_are_enabled(store_dir, tmp_path):
    import httpx

    from procgraph.server import Settings
    from tests.server.conftest import TOKEN, make_store, serve

    store = make_store(tmp_path / "rw")
    with serve(Settings(store_path=store, enable_update=True, update_token=TOKEN, workers=1)) as running:
        assert running.backend.cache is None
        with httpx.Client(base_url=running.url, timeout=30) as c:
            query = {"query": "ASK { ?s ?p ?o }"}
            answers = [c.get("/sparql", params=query) for _ in range(2)]
            assert all("x-procgraph-cache" not in a.headers for a in answers)
