"""The answer cache: repeated requests on the same snapshot are answered without a worker,
bounded, coalesced while in flight, and never replayed across a write."""

from __future__ import annotations

from procgraph.server.cache import AnswerCache
from procgraph.server.execute import Answer, QueryRequest


def test_hit_miss_and_lru_bound():
    cache = AnswerCache(max_entries=2)
    a, b, c = (QueryRequest(query=f"ASK {{ <urn:{i}> ?p ?o }}") for i in "abc")
    assert cache.get(a) is None
    assert cache.put(a, Answer(200, b"yes", "text/plain"))
    assert cache.get(a).body == b"yes" and (cache.hits, cache.misses) == (1, 1)
    cache.put(b, Answer(200, b"b"))
    cache.get(a)  # a is now the most recently used
    cache.put(c, Answer(200, b"c"))
    assert cache.get(b) is None and cache.get(a) is not None and len(cache) == 2


def test_only_successes_are_kept():
    cache = AnswerCache()
    key = QueryRequest(query="SELECT * {}")
    assert not cache.put(key, Answer(503, b"deadline"))
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


def test_posted_queries_are_cached_like_gets(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER(isIRI(?s)) }"
    direct = [
        client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}) for _ in range(2)
    ]
    form = [client.post("/sparql", data={"query": query}) for _ in range(2)]
    assert [a.headers["x-procgraph-cache"] for a in direct + form] == ["miss", "hit", "miss", "hit"]
    assert direct[1].content == direct[0].content == form[1].content
    other = client.post("/sparql", content=query + " LIMIT 1", headers={"Content-Type": "application/sparql-query"})
    assert other.headers["x-procgraph-cache"] == "miss"


def test_with_updates_on_answers_are_kept_per_snapshot(tmp_path):
    """A repeated read is replayed; after a write the same read is evaluated on the new snapshot."""
    import httpx

    from procgraph.server import Settings
    from tests.integration.server.conftest import EX, TOKEN, make_store, serve

    store = make_store(tmp_path / "rw")
    query = {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}new> ?o }}"}
    with serve(Settings(store_path=store, enable_update=True, update_token=TOKEN, workers=1)) as running:
        with httpx.Client(base_url=running.url, timeout=30) as c:
            before = [c.get("/sparql", params=query, headers={"Accept": "text/csv"}) for _ in range(2)]
            assert [a.headers["x-procgraph-cache"] for a in before] == ["miss", "hit"]
            assert before[0].text.split() == ["n", "0"]
            written = c.post(
                "/sparql/update",
                data={"update": f"INSERT DATA {{ <{EX}x> <{EX}new> 1 }}"},
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert written.status_code == 204
            after = [c.get("/sparql", params=query, headers={"Accept": "text/csv"}) for _ in range(2)]
            assert [a.headers["x-procgraph-cache"] for a in after] == ["miss", "hit"]
            assert after[0].text.split() == ["n", "1"]


# --- FrontCache driven directly as ASGI middleware: coalescing of identical GETs in flight ---

import asyncio  # noqa: E402

import pytest  # noqa: E402

from procgraph.server import cache as cache_module  # noqa: E402
from procgraph.server.cache import FrontCache  # noqa: E402

#: Nobody may wait longer than this in these tests (the slow app takes 0.2 s per call).
NO_HANG_S = 10


class SlowApp:
    """An ASGI app that counts its calls, sleeps, then answers (or fails) with the call number."""

    def __init__(self, delay=0.2, status=200, raise_on=(), size=0):
        self.delay, self.status, self.raise_on, self.size = delay, status, set(raise_on), size
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        call = self.calls
        await asyncio.sleep(self.delay)
        if call in self.raise_on:
            raise RuntimeError(f"call {call} failed")
        body = f"{scope['path']}?{scope['query_string'].decode()} call {call}".encode()
        body += b" " * max(0, self.size - len(body))
        await send(
            {
                "type": "http.response.start",
                "status": self.status,
                "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


async def asgi_get(app, path="/sparql", query=b"query=ASK", accept=b"application/json"):
    """One GET through ``app``: (status, headers, body)."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query,
        "headers": [(b"host", b"testserver"), (b"accept", accept)],
    }
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    await app(scope, receive, send)
    start = messages[0]
    assert start["type"] == "http.response.start"
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, NO_HANG_S))


def test_identical_gets_in_flight_are_evaluated_once():
    app = SlowApp()
    front = FrontCache(app)

    async def burst():
        return await asyncio.gather(*(asgi_get(front) for _ in range(32)))

    answers = run(burst())
    assert app.calls == 1
    assert {status for status, _, _ in answers} == {200}
    assert {body for _, _, body in answers} == {b"/sparql?query=ASK call 1"}
    marks = [headers.get("x-procgraph-cache") for _, headers, _ in answers]
    assert marks.count("shared") == 31 and marks.count("miss") == 1  # the leader's own answer is the app's
    assert front.shared == 31 and not front._inflight
    status, headers, body = run(asgi_get(front))
    assert (status, headers["x-procgraph-cache"], body, app.calls) == (200, "hit", b"/sparql?query=ASK call 1", 1)
    assert headers["content-type"] == "text/plain"


def test_different_keys_are_not_coalesced():
    app = SlowApp()
    front = FrontCache(app)
    requests = [
        dict(),
        dict(query=b"query=ASK2"),
        dict(path="/api/queries/risks-by-theme", query=b""),
        dict(accept=b"text/csv"),
    ]

    async def burst():
        return await asyncio.gather(*(asgi_get(front, **r) for r in requests for _ in range(3)))

    answers = run(burst())
    assert app.calls == len(requests)
    assert len({body for _, _, body in answers}) == len(requests)
    assert sum(h.get("x-procgraph-cache") == "shared" for _, h, _ in answers) == 2 * len(requests)


def test_failed_leader_lets_each_follower_go_through():
    app = SlowApp(status=500)
    front = FrontCache(app)

    async def burst():
        return await asyncio.gather(*(asgi_get(front) for _ in range(8)))

    answers = run(burst())
    assert app.calls == 8  # an error is neither kept nor shared
    assert all(status == 500 and "x-procgraph-cache" not in h for status, h, _ in answers)
    assert len({body for _, _, body in answers}) == 8 and not front._inflight


def test_leader_that_raises_releases_its_followers():
    app = SlowApp(raise_on={1})
    front = FrontCache(app)

    async def burst():
        return await asyncio.gather(*(asgi_get(front) for _ in range(6)), return_exceptions=True)

    answers = run(burst())
    assert isinstance(answers[0], RuntimeError)
    assert all(a[0] == 200 and a[1]["x-procgraph-cache"] == "miss" for a in answers[1:])
    assert app.calls == 6 and not front._inflight
    status, headers, _ = run(asgi_get(front))  # the followers' own successes were kept
    assert status == 200 and headers["x-procgraph-cache"] == "hit" and app.calls == 6


async def _leader_and_followers(front, followers: int = 4):
    """A request in flight and ``followers`` identical ones that arrive while it runs."""
    leader = asyncio.create_task(asgi_get(front))
    await asyncio.sleep(0.05)
    waiting = [asyncio.create_task(asgi_get(front)) for _ in range(followers)]
    await asyncio.sleep(0.05)
    return leader, waiting


def test_a_cancelled_leader_does_not_strand_its_followers():
    app = SlowApp()
    front = FrontCache(app)

    async def scenario():
        leader, followers = await _leader_and_followers(front)
        leader.cancel()  # e.g. its client went away and the server cancelled the task
        with pytest.raises(asyncio.CancelledError):
            await leader
        return await asyncio.gather(*followers)

    answers = run(scenario())
    assert all(status == 200 for status, _, _ in answers) and app.calls == 5


def test_a_cancelled_follower_does_not_stop_the_others_sharing():
    app = SlowApp()
    front = FrontCache(app)

    async def scenario():
        leader, followers = await _leader_and_followers(front)
        followers[0].cancel()  # a waiting client leaves: the others still get the shared answer
        rest = await asyncio.gather(leader, *followers[1:])
        return followers[0].cancelled(), rest

    cancelled, rest = run(scenario())
    assert cancelled and app.calls == 1
    assert [h.get("x-procgraph-cache") for _, h, _ in rest] == ["miss", "shared", "shared", "shared"]


def test_too_big_answers_are_neither_kept_nor_shared(monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_CACHED_ANSWER_BYTES", 100)
    app = SlowApp(size=101)
    front = FrontCache(app)

    async def burst():
        return await asyncio.gather(*(asgi_get(front) for _ in range(4)))

    answers = run(burst())
    assert app.calls == 4 and all(status == 200 and len(body) == 101 for status, _, body in answers)
    assert len(front.entries) == 0


def test_answers_of_several_megabytes_are_kept():
    app = SlowApp(delay=0, size=10 * 1000 * 1000)  # the big list queries at 100x data
    front = FrontCache(app)
    first, second = run(asgi_get(front)), run(asgi_get(front))
    assert second[1]["x-procgraph-cache"] == "hit" and second[2] == first[2] and app.calls == 1


def test_cache_off_means_no_coalescing_either():
    app = SlowApp()
    front = FrontCache(app, max_entries=0)

    async def burst():
        return await asyncio.gather(*(asgi_get(front) for _ in range(8)))

    answers = run(burst())
    assert app.calls == 8 and len({body for _, _, body in answers}) == 8
    assert all(status == 200 and "x-procgraph-cache" not in h for status, h, _ in answers)
    run(asgi_get(front))
    assert app.calls == 9 and len(front.entries) == 0


async def asgi_post(app, body: bytes, chunks: int = 1, content_type=b"application/sparql-query"):
    """One POST through ``app`` with ``body`` sent in ``chunks`` parts: (status, headers, body)."""
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/sparql",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", content_type)],
    }
    step = max(1, -(-len(body) // chunks))
    parts = [body[i : i + step] for i in range(0, len(body), step)] or [b""]
    incoming = [{"type": "http.request", "body": p, "more_body": i < len(parts) - 1} for i, p in enumerate(parts)]
    messages = []

    async def receive():
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)

    await app(scope, receive, send)
    return messages[0]["status"], {k.decode(): v.decode() for k, v in messages[0]["headers"]}, messages[1]["body"]


class EchoApp:
    """An ASGI app answering a POST with the body it read (so a test sees nothing was lost)."""

    def __init__(self):
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})


def test_posted_bodies_are_keys_and_reach_the_app_whole():
    app = EchoApp()
    front = FrontCache(app)
    first = run(asgi_post(front, b"ASK { ?s ?p ?o }", chunks=3))
    again = run(asgi_post(front, b"ASK { ?s ?p ?o }"))
    other = run(asgi_post(front, b"ASK { ?s ?p 1 }"))
    assert first[2] == again[2] == b"ASK { ?s ?p ?o }" and other[2] == b"ASK { ?s ?p 1 }"
    assert [a[1]["x-procgraph-cache"] for a in (first, again, other)] == ["miss", "hit", "miss"]
    assert app.calls == 2


def test_a_body_over_the_limit_passes_through_unkept():
    app = EchoApp()
    front = FrontCache(app, max_body_bytes=10)
    body = b"x" * 25
    answers = [run(asgi_post(front, body, chunks=5)) for _ in range(2)]
    assert all(a[2] == body and "x-procgraph-cache" not in a[1] for a in answers)
    assert app.calls == 2 and len(front.entries) == 0


def test_other_posts_are_not_cached():
    app = EchoApp()
    front = FrontCache(app)
    answers = [run(asgi_post(front, b"<a> <b> <c> .", content_type=b"text/turtle")) for _ in range(2)]
    assert app.calls == 2 and all("x-procgraph-cache" not in a[1] for a in answers)


def test_a_new_snapshot_means_new_keys():
    app = SlowApp(delay=0)
    serving = ["snapshot-1"]
    front = FrontCache(app, snapshot=lambda: serving[0])
    run(asgi_get(front))
    assert run(asgi_get(front))[1]["x-procgraph-cache"] == "hit"
    serving[0] = "snapshot-2"
    status, headers, body = run(asgi_get(front))
    assert headers["x-procgraph-cache"] == "miss" and body.endswith(b"call 2")
