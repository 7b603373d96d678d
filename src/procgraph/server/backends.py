"""Where requests are answered: worker processes on the embedded store, or a remote store.

Both backends offer ``call(op, request) -> Answer`` with the server's deadline applied, so
the routers never know which one they talk to.
"""

from __future__ import annotations

from procgraph.errors import StoreError
from procgraph.server import errors, execute
from procgraph.server.settings import Settings


class LocalBackend:
    """Query workers (read-only handles) and, when updates are on, one update worker."""

    def __init__(self, settings: Settings):
        from procgraph.server.workers import WorkerPool

        self.timeout_s = settings.timeout_s
        self.reads = WorkerPool(settings.store_path, settings.workers, read_only=True)
        self.writes = None
        if settings.enable_update:
            try:
                self.writes = WorkerPool(settings.store_path, 1, read_only=False)
            except StoreError:
                self.reads.close()
                raise

    def call(self, op: str, request) -> execute.Answer:
        if op == "query" or (op == "graph" and request.method in ("GET", "HEAD")):
            return self.reads.call(op, request, self.timeout_s)
        if self.writes is None:
            raise errors.forbidden("updates are switched off on this endpoint")
        try:
            return self.writes.call(op, request, self.timeout_s)
        finally:
            self.reads.bump_generation()

    def close(self) -> None:
        self.reads.close()
        if self.writes is not None:
            self.writes.close()


class RemoteBackend:
    """A remote SPARQL store; its own server does the work, the deadline bounds the wait."""

    _OPS = {"query": execute.run_query, "update": execute.run_update, "graph": execute.run_graph}

    def __init__(self, settings: Settings):
        from procgraph.store.remote import RemoteStore

        self.store = RemoteStore(settings.store_url, update_url=settings.store_update_url,
                                 graph_store_url=settings.store_graph_store_url, timeout_s=settings.timeout_s)

    def call(self, op: str, request) -> execute.Answer:
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
