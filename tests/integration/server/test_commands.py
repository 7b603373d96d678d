"""``procgraph load`` and ``procgraph serve`` run as users run them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from procgraph.cli import main
from procgraph.server.run import ensure_store
from procgraph.store.local import open_store

from .conftest import EX, free_socket, make_store

TTL = f'<{EX}a> <{EX}p> "一" .\n<{EX}a> <{EX}q> <{EX}b> .\n'
TRIG = f"<{EX}g1> {{ <{EX}c> <{EX}p> 1 . }}\n<{EX}d> <{EX}p> 2 .\n"


def quads(store_path: Path) -> set[tuple[str, str]]:
    store = open_store(store_path)
    return {(str(q.subject), str(q.graph_name)) for q in store.quads_for_pattern(None, None, None)}


def test_load_creates_a_store_and_adds_to_it(tmp_path, capsys):
    (tmp_path / "a.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "b.trig").write_text(TRIG, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["load", str(tmp_path / "a.ttl"), "--graph", EX + "g0", "--store", str(store), "--create"]) == 0
    assert quads(store) == {(f"<{EX}a>", f"<{EX}g0>")}
    assert main(["load", str(tmp_path / "b.trig"), "--store", str(store)]) == 0
    assert quads(store) == {(f"<{EX}a>", f"<{EX}g0>"), (f"<{EX}c>", f"<{EX}g1>"), (f"<{EX}d>", "DEFAULT")}
    assert "loaded 2 quads from 1 file(s)" in capsys.readouterr().out


def test_load_refuses_bad_input_and_changes_nothing(tmp_path, capsys):
    store = make_store(tmp_path / "store")
    before = quads(store)
    (tmp_path / "good.ttl").write_text(TTL, encoding="utf-8")
    (tmp_path / "bad.ttl").write_text(f"<{EX}a> <{EX}p> .\n", encoding="utf-8")
    (tmp_path / "data.txt").write_text(TTL, encoding="utf-8")
    assert main(["load", str(tmp_path / "good.ttl"), str(tmp_path / "bad.ttl"), "--store", str(store)]) == 2
    assert "bad.ttl" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "data.txt"), "--store", str(store)]) == 2
    assert "--format" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "good.ttl"), "--graph", "not an iri", "--store", str(store)]) == 2
    assert quads(store) == before


def test_serve_builds_the_store_when_missing(tmp_path, monkeypatch):
    import procgraph.build

    calls = []

    def fake_build(source=None, store=None, **kwargs):
        calls.append(store)
        make_store(store)

    monkeypatch.setattr(procgraph.build, "build", fake_build)
    target = tmp_path / "store"
    ensure_store(target, say=lambda message: None)
    ensure_store(target, say=lambda message: None)
    assert calls == [target]


def test_serve_refuses_update_without_token(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PROCGRAPH_UPDATE_TOKEN", raising=False)
    assert main(["serve", "--store", str(make_store(tmp_path / "s")), "--enable-update"]) == 2
    assert "token" in capsys.readouterr().err


def test_serve_command_answers_and_stops_its_workers(tmp_path):
    store = make_store(tmp_path / "store")
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "procgraph.cli", "serve", "--store", str(store), "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"})
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
                time.sleep(0.1)
        assert response.json()["boolean"] is True
        children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 1
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
    assert process.returncode == 0
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)
