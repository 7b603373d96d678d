"""A query past its deadline, under load, sometimes failed with ``OSError: [Errno 9] Bad file
descriptor`` instead of the time-limit message: the worker that ran it was killed by the
respawn thread and by the pool's ``close()`` at the same moment, and both closed its pipe. The
second close hit a descriptor number the first had freed (and could have closed a new worker's
pipe that reused it). Now a worker's pipe is closed exactly once, whoever kills it, and a
worker started while the pool closes is stopped at once.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from procgraph.errors import StoreError
from procgraph.server.workers import WorkerPool, _Worker
from tests.integration.server.conftest import make_store


class _CountingPipe:
    """Stands in for a worker's pipe: counts closes, and is slow to close, as a busy machine is."""

    def __init__(self, pipe):
        self.pipe, self.closes = pipe, 0

    @property
    def closed(self) -> bool:
        return self.pipe.closed

    def close(self) -> None:
        self.closes += 1
        time.sleep(0.05)
        self.pipe.close()


def test_two_threads_killing_one_worker_close_its_pipe_once(tmp_path):
    worker = _Worker(tmp_path / "no-store", "ro")
    pipe = worker.conn = _CountingPipe(worker.conn)  # type: ignore[assignment]
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def kill() -> None:
        start.wait()
        try:
            worker.kill()
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever escaped
            failures.append(exc)

    threads = [threading.Thread(target=kill) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert failures == []
    assert pipe.closes == 1
    assert not worker.alive()


def test_a_worker_started_after_close_is_stopped_not_kept(tmp_path):
    store = make_store(tmp_path / "store")

    async def scenario() -> tuple[list[int], list[int]]:
        pool = WorkerPool(store, 1)
        pool.close()
        with pytest.raises(StoreError, match="stopping"):
            pool._start()
        return pool.pids, [w.pid for w in pool._all]

    assert asyncio.run(scenario()) == ([], [])
