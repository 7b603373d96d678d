"""Worker processes that run queries with a deadline that really stops them.

pyoxigraph has no query timeout and no cancellation, so a thread cannot stop a runaway query.
Each worker is a separate process holding its own handle on the store; the server sends it
one request at a time over a pipe and waits at most until the deadline. A worker that has not
answered by then is killed (SIGKILL: the work ends, not only the response) and a fresh one
is started in the background, while the other workers go on serving.

A pool is several read-only workers (queries only), or one read-write worker (updates and
Graph Store writes). Oxigraph does not support read-only handles on a database another process
writes, so with updates on, the readers open snapshots instead (mode ``snap``): after every
successful write the read-write worker checkpoints the database into a new directory (hard
links; :meth:`EmbeddedStore.snapshot_to`) and the readers switch to the newest one, so queries
run side by side and are never held up by an update or by each other.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from procgraph.errors import ProcgraphError, StoreError
from procgraph.queries.prepared import saved_graphs_overlap
from procgraph.server import errors, execute
from procgraph.server.execute import Answer, error_answer
from procgraph.store.embedded import EmbeddedStore

log = logging.getLogger(__name__)

#: Seconds a new worker may take to start and open the store.
WORKER_START_TIMEOUT_S = 60.0


def _operations():
    return {"query": execute.run_query, "update": execute.run_update, "graph": execute.run_graph}


def _worker_main(conn, store_path: str, mode: str) -> None:
    """Body of a worker process: open the store, then answer requests until the pipe closes.

    ``mode``: ``ro`` (read-only handle), ``rw`` (read-write; a request may name a directory to
    checkpoint the database into after a successful write) or ``snap`` (read-only on a
    snapshot; a request names the snapshot to read, reopened when it changes).
    """
    try:
        store = EmbeddedStore(Path(store_path), read_only=mode != "rw", snapshot=mode == "snap")
        # before "ready": a worker must never spend a query's deadline on its own set-up
        _prime(store, mode)
    except (ProcgraphError, OSError) as exc:
        conn.send(("failed", str(exc)))
        return
    operations = _operations()
    conn.send(("ready", None))
    while True:
        try:
            op, request, extra = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if mode == "snap" and extra and Path(extra) != store.path:
                store = EmbeddedStore(Path(extra), snapshot=True)
            answer = _answer(store, operations[op], request, mode)
            if mode == "rw" and extra and answer.status < 300:
                store.snapshot_to(Path(extra))
        except errors.ProtocolError as exc:
            answer = error_answer(exc)
        except Exception as exc:  # an engine or I/O failure: report it, keep the worker
            log.exception("worker failed on a %s request", op)
            answer = error_answer(errors.ProtocolError(500, f"the store failed to answer: {exc}"))
        conn.send(answer)


def _prime(store, mode: str) -> None:
    """Settle how the union default graph is evaluated, from the fact the build saved with a
    read-only store (a rebuilt store saves it anew), else by looking (see ``EmbeddedStore.prime``)."""
    store.prime(saved_graphs_overlap(store.path) if mode == "ro" else None)


def _answer(store, operation, request, mode: str):
    """Run one request; a read-only handle that fails with an I/O error is reopened and retried once.

    (A read-only handle is a snapshot of the files when it was opened; if the store was rebuilt
    or loaded since, a file it lists can be gone.) The reopened handle is primed as a new
    worker's is, from the saved fact, so the retry does not read every quad inside the deadline.
    """
    try:
        return operation(store, request)
    except (OSError, StoreError):
        if not store.read_only:
            raise
        store.refresh()
        _prime(store, mode)
        return operation(store, request)


class _Worker:
    """One worker process (``python -m procgraph.server.workers``) and its pipe.

    The process is started from the interpreter directly rather than by ``multiprocessing``,
    so it never re-imports the parent's ``__main__`` (a console script, pytest, stdin).
    """

    def __init__(self, store_path: Path, mode: str):
        parent, child = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "procgraph.server.workers", str(child.fileno()), str(store_path), mode],
            pass_fds=[child.fileno()],
            stdin=subprocess.DEVNULL,
        )
        child.close()
        self.conn = Connection(parent.detach())
        # kill() is called from the respawn thread and from close() on the loop's thread, possibly
        # at once: the pipe must be closed exactly once, or the second close hits a descriptor
        # number the first freed (EBADF, or worse a new worker's pipe that reused the number).
        self._kill_lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float) -> None:
        try:
            if not self.conn.poll(timeout):
                raise StoreError(f"a query worker did not start within {timeout:g} s")
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", f"a query worker exited while starting (exit code {self.process.poll()})"
        except StoreError:
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise StoreError(detail)

    def kill(self) -> None:
        """Stop the process and close its pipe; safe to call from several threads, more than once."""
        with self._kill_lock:
            if self.conn.closed:
                return
            if self.alive():
                self.process.kill()
            self.process.wait(5)
            self.conn.close()


class WorkerPool:
    """A fixed number of worker processes sharing one store directory.

    Created inside the server's event loop; :meth:`call` waits for a worker's answer on the
    loop itself (the pipe's descriptor is watched for reading), so a request costs no thread.
    """

    def __init__(self, store_path: Path, size: int, *, read_only: bool = True, mode: str | None = None):
        #: where new workers open the store (the backend moves it to the newest snapshot)
        self.store_path = Path(store_path)
        self.size = size
        self.read_only = read_only
        self.mode = mode or ("ro" if read_only else "rw")
        self._loop = asyncio.get_running_loop()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        started = [self._start() for _ in range(size)]
        try:
            for worker in started:
                worker.wait_ready(WORKER_START_TIMEOUT_S)
        except StoreError:
            self.close()
            raise
        for worker in started:
            self._idle.put_nowait(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.store_path, self.mode)
        with self._lock:
            closed = self._closed
            if not closed:
                self._all.add(worker)
        if closed:  # close() ran while this one was starting: it would never be stopped
            worker.kill()
            raise StoreError("the query workers are stopping")
        return worker

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and diagnostics)."""
        with self._lock:
            return sorted(w.pid for w in self._all if w.alive())

    async def call(self, op: str, request, timeout: float, extra: str | None = None) -> Answer:
        """Run ``op`` on a free worker; 503 when none is free or it passes ``timeout`` seconds.

        ``extra`` is the snapshot directory to write (``rw``) or to read (``snap``).

        If the caller goes away (the client disconnected), the worker is killed too: nobody
        waits for its answer any more.
        """
        deadline = self._loop.time() + timeout
        try:
            worker = (
                self._idle.get_nowait() if not self._idle.empty() else await asyncio.wait_for(self._idle.get(), timeout)
            )
        except TimeoutError:
            raise errors.unavailable(
                f"all {self.size} query workers stayed busy for the whole {timeout:g} s limit; try again"
            ) from None
        try:
            worker.conn.send((op, request, extra))
            if await self._readable(worker, deadline - self._loop.time()):
                answer = worker.conn.recv()
                self._idle.put_nowait(worker)
                return answer
        except (EOFError, OSError):
            self._replace(worker)
            raise errors.ProtocolError(
                500, "the query worker stopped unexpectedly (out of memory?); a new one is starting"
            ) from None
        except BaseException:  # cancelled: the request was abandoned
            self._replace(worker)
            raise
        self._replace(worker)
        raise errors.unavailable(
            f"the {op} ran past the {timeout:g} s time limit and was stopped; simplify it, add LIMIT, "
            "or ask the operator for a longer --timeout"
        )

    async def _readable(self, worker: _Worker, timeout: float) -> bool:
        """Wait until the worker's pipe has data (its answer, or EOF); False after ``timeout``."""
        ready = self._loop.create_future()
        fd = worker.conn.fileno()

        def settle(value: bool) -> None:
            if not ready.done():
                ready.set_result(value)

        self._loop.add_reader(fd, settle, True)
        timer = self._loop.call_later(max(timeout, 0.0), settle, False)
        try:
            return await ready
        finally:
            timer.cancel()
            self._loop.remove_reader(fd)
            os.set_blocking(fd, True)  # the loop may have made it non-blocking; recv() reads whole messages

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a fresh one in the background."""
        threading.Thread(target=self._respawn, args=(worker,), daemon=True, name="procgraph-worker-respawn").start()

    def _respawn(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if self._closed:
            return
        try:
            fresh = self._start()
        except StoreError:
            return
        try:
            fresh.wait_ready(WORKER_START_TIMEOUT_S)
            self._loop.call_soon_threadsafe(self._idle.put_nowait, fresh)
        except (StoreError, RuntimeError) as exc:  # RuntimeError: the event loop has closed
            if not self._closed:
                log.error("could not restart a query worker: %s", exc)
            with self._lock:
                self._all.discard(fresh)
            fresh.kill()

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


def main(argv: list[str]) -> None:
    """Entry point of a worker process: ``FD STORE_PATH ro|rw|snap``."""
    logging.basicConfig(level=logging.WARNING, format="procgraph worker: %(message)s")
    # Ctrl-C reaches the whole process group; the server stops its workers itself, and a worker
    # whose server has gone sees its pipe close.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    fd, store_path, mode = argv
    _worker_main(Connection(int(fd)), store_path, mode)


if __name__ == "__main__":
    main(sys.argv[1:])
