"""Finished answers of a read-only store, kept for the next identical request.

A read-only endpoint's answers cannot change while it runs: its worker processes hold
read-only snapshots of the store, and a rebuild is served only after a restart. So an answer
to the same query, dataset, format and base IRI can be given again without asking a worker —
the way production SPARQL stores keep result caches. Only successful answers are kept, the
cache is bounded in entries and bytes (least recently used goes first), and it is off whenever
updates are enabled. Every answer says whether it came from the cache (``X-Procgraph-Cache``).

Identical GETs that arrive while the first of them is still being answered wait for that first
answer instead of each asking a worker (see ``FrontCache``), so a burst of the same slow query
costs one evaluation, not one per client queued behind each other past the deadline.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import replace

from procgraph.server.execute import Answer

#: Most answers kept (0 switches the cache off).
DEFAULT_CACHE_ENTRIES = 4096
#: Most bytes of answer bodies kept by one cache (the front cache and the backend's each have one).
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024
#: Largest single answer body worth keeping (the big list queries at 100x data answer 2-10 MB).
MAX_CACHED_ANSWER_BYTES = 16 * 1024 * 1024


class AnswerCache:
    """A bounded least-recently-used map from a request to its finished answer."""

    def __init__(self, max_entries: int = DEFAULT_CACHE_ENTRIES, max_bytes: int = DEFAULT_CACHE_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[object, Answer] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key) -> Answer | None:
        answer = self._items.get(key)
        if answer is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return replace(answer, headers={**answer.headers, "X-Procgraph-Cache": "hit"})

    def put(self, key, answer: Answer) -> Answer:
        """Keep ``answer`` if it is a success small enough; return it marked as a miss."""
        marked = replace(answer, headers={**answer.headers, "X-Procgraph-Cache": "miss"})
        size = len(answer.body)
        if self.max_entries <= 0 or answer.status != 200 or size > MAX_CACHED_ANSWER_BYTES:
            return marked
        if key in self._items:
            self._bytes -= len(self._items.pop(key).body)
        self._items[key] = answer
        self._bytes += size
        while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self._bytes -= len(old.body)
        return marked

    def __len__(self) -> int:
        return len(self._items)


#: Paths whose GET answers the front cache may replay (pages depend on cookies; they are left out).
FRONT_CACHED_PREFIXES = ("/sparql", "/api/")


class FrontCache:
    """ASGI middleware that replays finished GET answers of a read-only endpoint before routing.

    The answer cache above spares the worker processes; this spares the web framework too. For a
    GET on ``/sparql`` or ``/api/...`` the request is keyed by its path, query string, ``Accept``
    and ``Host`` (everything such an answer depends on), and a successful answer seen before is
    sent again as it was, marked ``X-Procgraph-Cache: hit``. Anything else passes through.

    Identical requests in flight are coalesced: the first request for a key (the leader) goes
    through the app; later ones with the same key that arrive before it has finished wait for
    it. If the leader's answer is a complete 200 small enough to keep, each of them is sent that
    answer, marked ``X-Procgraph-Cache: shared``; otherwise (an error, too big, the app raised,
    the leader was cancelled) each goes through the app itself as if it had come alone. The
    leader always releases its waiters (``finally``). With ``max_entries <= 0`` the middleware
    does nothing at all: no replay and no coalescing. One event loop, so no locks are needed.
    """

    def __init__(self, app, max_entries: int = DEFAULT_CACHE_ENTRIES, max_bytes: int = DEFAULT_CACHE_BYTES):
        self.app = app
        self.entries = AnswerCache(max_entries, max_bytes)
        #: Requests being answered now, by key: resolved with the answer to share, or None.
        self._inflight: dict[object, asyncio.Future] = {}
        #: Answers given to requests that waited for an identical one in flight.
        self.shared = 0

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or self.entries.max_entries <= 0
            or not scope["path"].startswith(FRONT_CACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = (scope["path"], scope["query_string"], headers.get(b"accept", b""), headers.get(b"host", b""))
        hit = self.entries.get(key)
        if hit is not None:
            await _replay(send, hit, b"hit")
            return
        leading = self._inflight.get(key)
        if leading is not None:
            # shield: a waiter that is cancelled (its client left) must not cancel the others' future
            answer = await asyncio.shield(leading)
            if answer is not None:
                self.shared += 1
                await _replay(send, answer, b"shared")
                return
            await self._answer(key, scope, receive, send)  # nothing to share: go alone, as before
            return
        mine = asyncio.get_running_loop().create_future()
        self._inflight[key] = mine
        answer = None
        try:
            answer = await self._answer(key, scope, receive, send)
        finally:
            del self._inflight[key]
            mine.set_result(answer)

    async def _answer(self, key, scope, receive, send) -> Answer | None:
        """Run the app; keep its answer if it is a complete 200 small enough and return it, else None."""
        kept: Answer | None = None
        started: dict = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message):
            nonlocal kept, size
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body" and started.get("status") == 200 and size >= 0:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_CACHED_ANSWER_BYTES:
                    chunks.clear()
                    size = -1  # too big to keep or share: stop collecting
                else:
                    chunks.append(body)
                    if not message.get("more_body"):
                        kept = Answer(200, b"".join(chunks), raw_headers=tuple(started.get("headers", [])))
                        self.entries.put(key, kept)
            await send(message)

        await self.app(scope, receive, capture)
        return kept


async def _replay(send, answer: Answer, how: bytes) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": _replay_headers(answer, how)})
    await send({"type": "http.response.body", "body": answer.body})


def _replay_headers(answer: Answer, how: bytes = b"hit") -> list[tuple[bytes, bytes]]:
    out = [(k, v) for k, v in answer.raw_headers if k.lower() != b"x-procgraph-cache"]
    out.append((b"x-procgraph-cache", how))
    return out
