"""The answer cache: finished answers of a store snapshot, kept for the next identical request.

A snapshot's answers cannot change: a read-only endpoint serves one (its worker processes hold
read-only handles, and a rebuild is served only after a restart), and with updates on the
readers answer from the newest checkpoint the writer made (:class:`procgraph.server.backends.Snapshots`),
a new one after every write. So an answer to the same request on the same snapshot can be given
again without asking a worker, the way production SPARQL stores keep result caches. This is the
one answer cache of the server, in front of the app (:class:`FrontCache`): it spares the web
framework and the workers alike. Answers prepared at build time (:mod:`procgraph.queries.prepared`)
are part of the store's build artefact, not a second cache, and a remote store has no cache (it
may change behind the endpoint's back).

Only successful answers are kept, the cache is bounded in entries and bytes (least recently used
goes first), and every answer it is involved in says so (``X-Procgraph-Cache``). Identical
requests that arrive while the first of them is still being answered wait for that first answer
instead of each asking a worker, so a burst of the same slow query costs one evaluation, not one
per client queued behind each other past the deadline.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable

from procgraph.server.execute import Answer

#: Most answers kept (0 switches the cache off).
DEFAULT_CACHE_ENTRIES = 4096
#: Most bytes of answer bodies kept.
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024
#: Largest single answer body worth keeping (the big list queries at 100x data answer 2-10 MB).
MAX_CACHED_ANSWER_BYTES = 16 * 1024 * 1024


class AnswerCache:
    """A bounded least-recently-used map from a request key to its finished answer."""

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
        return answer

    def put(self, key, answer: Answer) -> bool:
        """Keep ``answer`` if it is a success small enough; say whether it was kept."""
        size = len(answer.body)
        if self.max_entries <= 0 or answer.status != 200 or size > MAX_CACHED_ANSWER_BYTES:
            return False
        if key in self._items:
            self._bytes -= len(self._items.pop(key).body)
        self._items[key] = answer
        self._bytes += size
        while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self._bytes -= len(old.body)
        return True

    def __len__(self) -> int:
        return len(self._items)


#: Paths whose GET answers the cache may replay (pages depend on cookies; they are left out).
FRONT_CACHED_PREFIXES = ("/sparql", "/api/")
#: POST bodies that carry a query (SPARQL 1.1 Protocol, section 2.1): such POSTs are cached too.
#: (A form may carry an update instead; it never answers 200 without its token, so it is never kept.)
CACHED_POST_TYPES = (b"application/sparql-query", b"application/x-www-form-urlencoded")


class FrontCache:
    """ASGI middleware that replays finished answers of a store snapshot before routing.

    Cached requests: GET on ``/sparql`` or ``/api/...``, and POST of a query to ``/sparql``
    (``application/sparql-query`` or a form). A request is keyed by the snapshot being served
    (``snapshot()``), its method, path, query string, ``Content-Type`` and body, ``Accept`` and
    ``Host`` (everything such an answer depends on), hashed so a long query costs the cache
    32 bytes. A successful answer seen before is sent again as it was, marked
    ``X-Procgraph-Cache: hit``; an answer evaluated for the request and eligible to be kept is
    marked ``miss``. Anything else passes through untouched.

    Identical requests in flight are coalesced: the first request for a key (the leader) goes
    through the app; later ones with the same key that arrive before it has finished wait for
    it. If the leader's answer is a complete 200 small enough to keep, each of them is sent that
    answer, marked ``X-Procgraph-Cache: shared``; otherwise (an error, too big, the app raised,
    the leader was cancelled) each goes through the app itself as if it had come alone. The
    leader always releases its waiters (``finally``). With ``max_entries <= 0`` the middleware
    does nothing at all: no replay and no coalescing. One event loop, so no locks are needed.

    ``snapshot`` names what the store is serving now (with updates on, the newest checkpoint:
    a write moves every later request to new keys, so nothing answered before it is replayed
    after it). ``max_body_bytes``: a POST body over it is not read for a key; the request goes
    through, and the app refuses it as usual.
    """

    def __init__(
        self,
        app,
        max_entries: int = DEFAULT_CACHE_ENTRIES,
        max_bytes: int = DEFAULT_CACHE_BYTES,
        *,
        snapshot: Callable[[], object] = lambda: None,
        max_body_bytes: int = 1024 * 1024,
    ):
        self.app = app
        self.entries = AnswerCache(max_entries, max_bytes)
        self.snapshot = snapshot
        self.max_body_bytes = max_body_bytes
        #: Requests being answered now, by key: resolved with the answer to share, or None.
        self._inflight: dict[object, asyncio.Future] = {}
        #: Answers given to requests that waited for an identical one in flight.
        self.shared = 0

    def _cacheable(self, scope) -> bool:
        """GET on a cached path, or POST to /sparql (its Content-Type is checked in __call__)."""
        if scope["type"] != "http" or self.entries.max_entries <= 0:
            return False
        if scope["method"] == "GET":
            return scope["path"].startswith(FRONT_CACHED_PREFIXES)
        return scope["method"] == "POST" and scope["path"] == "/sparql"

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        if scope["method"] == "POST":
            kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if kind not in CACHED_POST_TYPES:
                await self.app(scope, receive, send)
                return
        body = b""
        if scope["method"] == "POST":
            body, receive = await _read_body(receive, self.max_body_bytes)
            if body is None:  # too big (or the client left): not worth a key
                await self.app(scope, receive, send)
                return
        key = self._key(scope, headers, body)
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

    def _key(self, scope, headers: dict[bytes, bytes], body: bytes) -> bytes:
        digest = hashlib.sha256(repr(self.snapshot()).encode())
        for part in (
            scope["method"].encode(),
            scope["path"].encode(),
            scope["query_string"],
            headers.get(b"content-type", b""),
            body,
            headers.get(b"accept", b""),
            headers.get(b"host", b""),
        ):
            digest.update(len(part).to_bytes(8, "big"))  # lengths first: no two requests share a key
            digest.update(part)
        return digest.digest()

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
                if message["status"] == 200:
                    message = {**message, "headers": _replay_headers(message.get("headers", ()), b"miss")}
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


async def _read_body(receive, limit: int):
    """Read a request body of at most ``limit`` bytes: (body or None, a receive that replays it).

    The body is None when it is longer (or the client disconnected); the returned receive then
    gives the app the messages read so far and the rest of the stream, so nothing is lost.
    """
    messages: list[dict] = []
    size = 0
    body: bytes | None = None
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if size > limit:
            break
        if not message.get("more_body"):
            body = b"".join(m.get("body", b"") for m in messages)
            break

    async def replay():
        return messages.pop(0) if messages else await receive()

    return body, replay


async def _replay(send, answer: Answer, how: bytes) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": _replay_headers(answer.raw_headers, how)})
    await send({"type": "http.response.body", "body": answer.body})


def _replay_headers(headers, how: bytes) -> list[tuple[bytes, bytes]]:
    out = [(k, v) for k, v in headers if k.lower() != b"x-procgraph-cache"]
    out.append((b"x-procgraph-cache", how))
    return out
