"""Where requests are answered: worker processes on the embedded store, or a remote store.

Both backends offer ``async call(op, request) -> Answer`` with the server's deadline applied,
so the routers never know which one they talk to.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from procgraph.errors import StoreError
from procgraph.server import errors, execute
from procgraph.server.settings import Settings
from procgraph.server.workers import WorkerPool
from procgraph.store.local import open_store
from procgraph.store.remote import RemoteStore, RemoteTimeout


class LocalBackend:
    """Worker processes on the embedded store.

    Read-only (the default): ``settings.workers`` processes with read-only handles answer
    queries side by side. With updates on: one process holds the read-write handle and answers
    updates and Graph Store writes, one at a time; ``settings.workers`` reader processes answer
    queries side by side from the newest snapshot the writer made (:class:`Snapshots`), so a
    slow query or an update never holds up other reads. Oxigraph does not support readers in
    other processes on a database one process writes (its documentation calls that undefined
    behaviour), hence the snapshots.
    """

    def __init__(self, settings: Settings):
        self.timeout_s = settings.timeout_s
        self.enable_update = settings.enable_update
        assert settings.store_path is not None  # backend() picks this class for an embedded store
        self.snapshots: Snapshots | None = None
        self.writer: WorkerPool | None = None
        if settings.enable_update:
            self.snapshots = Snapshots(settings.store_path)
            self.writer = WorkerPool(settings.store_path, 1, read_only=False)
            try:
                self.pool = WorkerPool(self.snapshots.current, settings.workers, mode="snap")
            except StoreError:
                self.writer.close()
                self.snapshots.close()
                raise
        else:
            self.pool = WorkerPool(settings.store_path, settings.workers, read_only=True)

    async def call(self, op: str, request) -> execute.Answer:
        reading = op == "query" or (op == "graph" and request.method in ("GET", "HEAD"))
        if not reading and not self.enable_update:
            raise errors.forbidden("updates are switched off on this endpoint")
        if not reading:
            return await self._write(op, request)
        if self.snapshots is not None:
            return await self.pool.call(op, request, self.timeout_s, extra=str(self.snapshots.current))
        return await self.pool.call(op, request, self.timeout_s)

    async def _write(self, op: str, request) -> execute.Answer:
        snapshots, writer = self.snapshots, self.writer
        assert snapshots is not None and writer is not None  # call() writes only with updates enabled
        generation, target = snapshots.reserve()
        answer = await writer.call(op, request, self.timeout_s, extra=str(target))
        if snapshots.publish(generation, target):
            self.pool.store_path = target  # respawned readers start on it
        return answer

    def close(self) -> None:
        self.pool.close()
        if self.writer is not None:
            self.writer.close()
        if self.snapshots is not None:
            self.snapshots.close()


class Snapshots:
    """Checkpoints of a store being written, for reader processes (see :class:`LocalBackend`).

    They live next to the store (``.NAME.snapshots-PID/N``: the same file system, so a
    checkpoint is hard links, not a copy); the newest few are kept, the directory is removed
    when the server stops.
    """

    #: Snapshots kept besides the newest (readers still on an older one switch at their next request).
    KEEP = 3

    def __init__(self, store_path: Path):
        self.root = store_path.absolute().with_name(f".{store_path.name}.snapshots-{os.getpid()}")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self._next = 1
        self._published = 0
        self.current = self.root / "0"
        store = open_store(store_path, read_only=False)  # before the writer starts: it takes the lock
        store.backup(str(self.current))
        del store
        gc.collect()  # closes the database

    def reserve(self) -> tuple[int, Path]:
        generation = self._next
        self._next += 1
        return generation, self.root / str(generation)

    def publish(self, generation: int, target: Path) -> bool:
        """Make ``target`` current if the writer made it and it is newer; prune old ones."""
        if not (target / "CURRENT").exists() or generation < self._published:
            return False
        self._published, self.current = generation, target
        for old in sorted(int(d.name) for d in self.root.iterdir() if d.name.isdigit())[: -(self.KEEP + 1)]:
            shutil.rmtree(self.root / str(old), ignore_errors=True)
        return True

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class RemoteBackend:
    """A remote SPARQL store; its own server does the work, the deadline bounds the wait."""

    _OPS: dict[str, Callable[[Any, Any], execute.Answer]] = {
        "query": execute.run_query,
        "update": execute.run_update,
        "graph": execute.run_graph,
    }

    def __init__(self, settings: Settings):
        assert settings.store_url is not None  # backend() picks this class for a remote store
        options = {**settings.store_options, "timeout_s": settings.timeout_s}
        options["update_url"] = settings.store_update_url or options.get("update_url")
        options["graph_store_url"] = settings.store_graph_store_url or options.get("graph_store_url")
        self.store = RemoteStore(settings.store_url, **options)

    async def call(self, op: str, request) -> execute.Answer:
        """Run ``op`` in a thread: the HTTP client blocks while the remote store works."""
        return await run_in_threadpool(self._call, op, request)

    def _call(self, op: str, request) -> execute.Answer:
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


def serving(state: Any) -> object:
    """What an app's embedded store serves now (``state``: the app's ``state``): with updates on,
    the newest checkpoint; else the database's files. None for a remote store, which may change
    behind the endpoint's back, and for an app run without its lifespan (some tests do).

    Whatever reuses an answer (the front cache, the search index) keys it on this value."""
    snapshots = getattr(getattr(state, "backend", None), "snapshots", None)
    return snapshots.current if snapshots is not None else getattr(state, "store_files", None)
