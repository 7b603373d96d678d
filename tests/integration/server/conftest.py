"""Fixtures for the server tests: small stores on disk and real uvicorn servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from procgraph.server import Settings, create_app, spawn
from procgraph.store.local import write_store

EX = "http://example.org/"
GRAPH_A = EX + "graph/a"
GRAPH_B = EX + "graph/b"
TOKEN = "s3cret-token"


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def sample_quads() -> list[ox.Quad]:
    """Three graphs' worth of data: graph A, graph B and the default graph."""
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    a, b = ox.NamedNode(GRAPH_A), ox.NamedNode(GRAPH_B)
    quads = [
        ox.Quad(n("risk1"), label, ox.Literal("沟通不畅", language="zh-Hans"), a),
        ox.Quad(n("risk1"), label, ox.Literal("poor communication", language="en"), a),
        ox.Quad(
            n("risk1"),
            n("score"),
            ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            a,
        ),
        ox.Quad(n("risk2"), label, ox.Literal('text with "quotes", commas\tand tab'), b),
        ox.Quad(n("in-default"), label, ox.Literal("default graph"), ox.DefaultGraph()),
    ]
    # A block of numbered resources for row limits and slow joins.
    quads += [ox.Quad(n(f"item{i}"), n("index"), ox.Literal(str(i)), b) for i in range(60)]
    return quads


def make_store(path: Path, quads=None) -> Path:
    write_store(sample_quads() if quads is None else quads, path)
    return path


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def wait_until_answering(
    url: str, process, seconds: float, params=None, what: str = "the server", log=lambda: ""
) -> None:
    """Wait until ``url`` answers 200 (a store started by a fixture), failing the test when
    ``process`` exits or ``seconds`` pass; ``log`` gives what to show then."""
    try:
        spawn.wait_answering(url, process, seconds, params, what)
    except RuntimeError as exc:
        pytest.fail(f"{exc} {log()}".rstrip())


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """Base URL of a real Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1 with an empty database,
    its default graph the union of the named graphs; skipped when the binary is not installed."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url + "/query", process, 30, {"query": "ASK {}"}, "oxigraph server")
        yield url
    finally:
        process.terminate()
        process.wait(10)


class RunningServer:
    """A uvicorn server in a thread; ``url`` is its base URL."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.app = create_app(settings)
        self.sock = free_socket()
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> RunningServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()

    @property
    def backend(self):
        return self.app.state.backend


@contextlib.contextmanager
def serve(settings: Settings):
    with RunningServer(settings) as running:
        yield running


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    """The sample store; tests only read it (writers make their own)."""
    return make_store(tmp_path_factory.mktemp("store") / "store")


@pytest.fixture(scope="session")
def server(store_dir):
    """A read-only endpoint over the sample store, shared by the read-only tests (none writes)."""
    with serve(Settings(store_path=store_dir, timeout_s=5, max_rows=50, workers=2)) as running:
        yield running


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c
