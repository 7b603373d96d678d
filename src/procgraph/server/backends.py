"""Where requests are answered: worker processes on the embedded store, or a remote store.

Both backends offer ``async call(op, request) -> Answer`` with the server's deadline applied,
so the routers never know which one they talk to.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from procgraph.errors import StoreError
from procgraph.server import errors, execute
from procgraph.server.settings import Settings


class LocalBackend:
    """Worker processes on the embedded store.

    Read-only (the default): ``settings.workers`` processes with read-only handles answer
    queries side by side. With updates on: one process with the read-write handle answers
    queries and updates in turn, because Oxigraph does not support readers in other processes
    while one process writes (its documentation calls that undefined behaviour).
    """

    def __init__(self, settings: Settings):
        from procgraph.server.workers import WorkerPool

        from procgraph.server.cache import AnswerCache

        self.timeout_s = settings.timeout_s
        self.enable_update = settings.enable_update
        # answers of a read-only store do not change while it is served (see server/cache.py)
        self.cache = None if settings.enable_update else AnswerCache(settings.cache_entries)
        if settings.enable_update:
            self.pool = WorkerPool(settings.store_path, 1, read_only=False)
        else:
            self.pool = WorkerPool(settings.store_path, settings.workers, read_only=True)

    async def call(self, op: str, request) -> execute.Answer:
        reading = op == "query" or (op == "graph" and request.method in ("GET", "HEAD"))
        if not reading and not self.enable_update:
            raise errors.forbidden("updates are switched off on this endpoint")
        if self.cache is None or not reading:
            return await self.pool.call(op, request, self.timeout_s)
        key = (op, request)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        return self.cache.put(key, await self.pool.call(op, request, self.timeout_s))

    def close(self) -> None:
        self.pool.close()


class RemoteBackend:
    """A remote SPARQL store; its own server does the work, the deadline bounds the wait."""

    _OPS = {"query": execute.run_query, "update": execute.run_update, "graph": execute.run_graph}

    def __init__(self, settings: Settings):
        from procgraph.store.remote import RemoteStore

        self.store = RemoteStore(settings.store_url, update_url=settings.store_update_url,
                                 graph_store_url=settings.store_graph_store_url, timeout_s=settings.timeout_s)

    async def call(self, op: str, request) -> execute.Answer:
        """Run ``op`` in a thread: the HTTP client blocks while the remote store works."""
        return await run_in_threadpool(self._call, op, request)

    def _call(self, op: str, request) -> execute.Answer:
        from procgraph.store.remote import RemoteTimeout

        try:
            return self._OPS[op](self.store, request)
        except RemoteTimeout as exc:
            raise errors.unavailable(f"the remote store did not answer in time: {exc}") from None
        except StoreError as exc:
            raise errors.ProtocolError(502, str(exc)) from None

    def close(self) -> None:
        self.store.close()


def make_backend(settings: Settings):
    """The backend ``settings`` ask for (embedded store path or remote URL)."""
    return RemoteBackend(settings) if settings.store_url else LocalBackend(settings)
