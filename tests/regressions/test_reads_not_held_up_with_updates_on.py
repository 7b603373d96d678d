"""Issue 13: with updates enabled one worker answered queries and updates in turn, so one
runaway query held up every other query until its deadline. Reads are now answered by reader
processes on snapshots of the store and keep being served while a slow query or update runs."""

from __future__ import annotations

import threading
import time

import httpx

from procgraph.server import Settings
from tests.integration.server.conftest import EX, TOKEN, make_store, serve

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r }"
SLOW_UPDATE = (
    "INSERT { <http://x/a> <http://x/p> ?n } WHERE { { SELECT (COUNT(*) AS ?n) "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?q ?r } } }"
)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _quick_reads_while(client, slow) -> list[float]:
    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    times = []
    while thread.is_alive():
        started = time.monotonic()
        response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        times.append(time.monotonic() - started)
        assert response.status_code == 200 and response.json()["boolean"] is True
        time.sleep(0.05)
    thread.join()
    return times


def test_reads_are_served_during_a_runaway_query_and_a_slow_update(tmp_path):
    settings = Settings(
        store_path=make_store(tmp_path / "store"), timeout_s=2.0, enable_update=True, update_token=TOKEN, workers=2
    )
    with (
        serve(settings) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
        httpx.Client(base_url=server.url, timeout=30) as other,
    ):
        answers = {}
        times = _quick_reads_while(
            client, lambda: answers.setdefault("query", other.get("/sparql", params={"query": RUNAWAY}))
        )
        assert answers["query"].status_code == 503
        assert len(times) >= 5 and max(times) < 1.0

        times = _quick_reads_while(
            client,
            lambda: answers.setdefault(
                "update", other.post("/sparql/update", data={"update": SLOW_UPDATE}, headers=AUTH)
            ),
        )
        assert answers["update"].status_code == 503
        assert len(times) >= 5 and max(times) < 1.0

        # writes are still seen by the next read (each write publishes a new snapshot)
        insert = client.post("/sparql/update", data={"update": f"INSERT DATA {{ <{EX}new> <{EX}p> 1 }}"}, headers=AUTH)
        assert insert.status_code == 204, insert.text
        for _ in range(4):
            assert client.get("/sparql", params={"query": f"ASK {{ <{EX}new> ?p ?o }}"}).json()["boolean"] is True
