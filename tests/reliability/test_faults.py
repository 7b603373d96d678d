"""Faults: queries stopped at their deadline leave nothing behind; killed servers and builds lose nothing.

- Many runaway queries, each stopped at the deadline: afterwards the server has as many
  worker processes, threads and open files as before, no zombie, and its memory has not grown
  with the number of queries.
- ``procgraph serve`` killed with SIGKILL while clients are querying: its workers exit, the
  store opens with the same contents, and a restarted server gives the same answers.
- ``procgraph build`` killed with SIGKILL after each stage in turn: the previous store opens
  with its previous contents.
- A damaged store: ``serve`` and ``validate`` exit with code 2 and say to run
  ``procgraph build --store DIR``, and that command repairs it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading

import httpx
import pytest

from procgraph.cli import main as cli
from procgraph.server import Settings
from procgraph.store.local import MARKER, open_store

from .conftest import ServeProcess, alive, child_pids, rss_bytes, serve_in_thread, wait_until

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RISKS = "PREFIX pg: <https://w3id.org/procgraph/ontology#> SELECT ?r ?t { ?r a pg:Risk ; pg:text ?t } ORDER BY ?r ?t"


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_queries_stopped_at_the_deadline_leave_nothing_behind(built_store):
    with (
        serve_in_thread(Settings(store_path=built_store, timeout_s=0.5, workers=2, cache_entries=0)) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        pool = server.app.state.backend.pool

        def settled():
            return len(pool.pids) == 2 and not any(t.name == "procgraph-worker-respawn" for t in threading.enumerate())

        def runaways(count: int) -> list[int]:
            killed = []
            for _ in range(count):
                before = set(pool.pids)
                assert client.get("/sparql", params={"query": RUNAWAY}).status_code == 503
                killed += sorted(before - set(pool.pids)) or []
                assert wait_until(settled, 60)
            return killed

        runaways(2)  # warm: the first replacements load what every later one shares
        workers_before, fds_before = pool.pids, _open_fds()
        threads_before, rss_before = threading.active_count(), rss_bytes()
        children_before = child_pids(os.getpid())
        runaways(8)
        assert wait_until(lambda: _open_fds() <= fds_before, 10)
        assert len(pool.pids) == 2 and set(pool.pids).isdisjoint(workers_before)
        assert not any(alive(pid) for pid in workers_before)  # killed and reaped: no zombie either
        assert len(child_pids(os.getpid())) == len(children_before)
        assert threading.active_count() == threads_before
        assert rss_bytes() - rss_before < 30 * 2**20
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def _answers(url: str) -> dict:
    return httpx.get(
        url + "/sparql", params={"query": RISKS}, headers={"Accept": "application/sparql-results+json"}, timeout=30
    ).json()["results"]


def test_server_killed_during_load_loses_nothing(built_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    quads = len(open_store(store))
    first = ServeProcess(store, "--workers", "2", "--cache-entries", "0")
    try:
        first.wait_ready()
        before = _answers(first.base)
        workers = first.children()
        stop = threading.Event()
        served = []

        def load():
            with httpx.Client(base_url=first.base, timeout=5) as client:
                while not stop.is_set():
                    try:
                        served.append(client.get("/sparql", params={"query": RISKS}).status_code)
                    except httpx.HTTPError:
                        return  # the server is gone

        clients = [threading.Thread(target=load) for _ in range(4)]
        for c in clients:
            c.start()
        assert wait_until(lambda: len(served) >= 20, 30)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(10)
        stop.set()
        for c in clients:
            c.join(10)
        assert set(served) == {200}
        assert wait_until(lambda: not any(alive(pid) for pid in workers), 20)  # orphaned workers exit
    finally:
        first.stop()
    assert len(open_store(store)) == quads
    second = ServeProcess(store, "--workers", "2")
    try:
        second.wait_ready()
        assert _answers(second.base) == before
    finally:
        second.stop()


BUILD = "import sys; from procgraph.cli import main; sys.exit(main())"


@pytest.mark.parametrize("after_lines", [1, 2, 3, 4, 5, 6, 7])
def test_build_killed_after_any_stage_leaves_the_previous_store(records_files, built_store, tmp_path, after_lines):
    """Kill ``procgraph build`` once it has reported ``after_lines`` - 1 finished stages."""
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    quads = len(open_store(store))
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, "build", "--source", str(records_files["large"]), "--store", str(store)],
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        while len(lines) < after_lines:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line.strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finished = any(line.startswith("built ") for line in lines)
    assert not finished, lines  # the kill came before the build ended
    assert len(open_store(store)) == quads
    assert cli(["build", "--quiet", "--source", str(records_files["large"]), "--store", str(store)]) == 0
    assert len(open_store(store)) > quads
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # the killed build's leftovers are gone


@pytest.mark.parametrize("damage", ["database", "marker"])
def test_damaged_store_says_how_to_rebuild_and_rebuilding_fixes_it(
    records_files, built_store, tmp_path, capsys, damage
):
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    for f in store.iterdir():
        if damage == "marker" and f.name == MARKER:
            f.write_text("{not json")
        elif damage == "database" and f.is_file() and f.name != MARKER and f.suffix != ".json":
            f.write_bytes(b"\0garbage")
    for command in (["serve", "--store", str(store), "--port", "1"], ["validate", "--store", str(store)]):
        assert cli(command) == 2
        err = capsys.readouterr().err
        assert f"procgraph build --store {store}" in err and "Traceback" not in err
    assert cli(["build", "--quiet", "--source", str(records_files["small"]), "--store", str(store)]) == 0
    assert len(open_store(store)) == json.loads((store / MARKER).read_text())["quads"]
