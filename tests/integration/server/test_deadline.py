"""A runaway query is stopped at its deadline (its worker process killed) while others are served."""

from __future__ import annotations

import os
import threading
import time

import httpx

from procgraph.server import Settings

from .conftest import serve

# Five-way cross product of ~65 triples: about 10^9 solutions, minutes of work.
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"
QUICK = "ASK { ?s ?p ?o }"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_runaway_query_is_stopped_and_others_keep_being_served(store_dir):
    with (
        serve(Settings(store_path=store_dir, timeout_s=1.5, workers=2)) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        pids_before = server.backend.pool.pids
        slow: dict = {}

        def run_slow():
            started = time.monotonic()
            slow["response"] = client.get("/sparql", params={"query": RUNAWAY})
            slow["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.3)
        quick_times = []
        while thread.is_alive():
            started = time.monotonic()
            response = client.get("/sparql", params={"query": QUICK})
            quick_times.append(time.monotonic() - started)
            assert response.status_code == 200 and response.json()["boolean"] is True
            time.sleep(0.05)
        thread.join()

        assert slow["response"].status_code == 503
        assert "time limit" in slow["response"].text and "stopped" in slow["response"].text
        assert 1.4 < slow["seconds"] < 4
        assert quick_times and max(quick_times) < 1.0

        # The killed worker is gone (the work ended, not only the response) and was replaced.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
            len(server.backend.pool.pids) < 2 or all(_alive(p) for p in pids_before)
        ):
            time.sleep(0.1)
        assert sum(not _alive(p) for p in pids_before) == 1
        assert len(server.backend.pool.pids) == 2
        for _ in range(4):
            assert client.get("/sparql", params={"query": QUICK}).status_code == 200


def test_runaway_query_on_a_writable_store_is_stopped_and_updates_still_work(tmp_path):
    from .conftest import TOKEN, make_store

    settings = Settings(
        store_path=make_store(tmp_path / "store"), timeout_s=1.0, enable_update=True, update_token=TOKEN
    )
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.get("/sparql", params={"query": RUNAWAY}).status_code == 503
        # The read-write worker was killed; its replacement reopens the store once the lock is free.
        update = client.post(
            "/sparql/update",
            data={"update": "INSERT DATA { <http://x/a> <http://x/p> 1 }"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert update.status_code == 204, update.text
        assert client.get("/sparql", params={"query": "ASK { <http://x/a> ?p ?o }"}).json()["boolean"] is True
