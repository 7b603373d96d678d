"""Benchmark the SPARQL endpoint against rdflib-endpoint and Oxigraph's own server.

Serves one dataset three ways, each in its own process on 127.0.0.1:

- procgraph (``procgraph serve``: FastAPI, pyoxigraph in worker processes),
- rdflib-endpoint (the Python peer: FastAPI over rdflib), if installed,
- Oxigraph server (``oxigraph serve-read-only``, Rust), if installed;

then sends the same parameterised queries with 1, 8 and 32 concurrent clients for a bounded
time each and prints requests/s, p50 and p99 latency and the ratios between servers:

- ``lookup``: every triple of one element, varied over every element IRI;
- ``closure``: the risks of every element below a category, through ``skos:broader+``
  (a property-path closure evaluated at query time);
- ``theme``: the named query ``queries/risks-by-theme.rq`` (risks of a theme and its narrower
  themes, with texts, element and evidence), varied over every theme;
- ``rcm``: a risk-control matrix CONSTRUCT (risk, practice in the same row, its output).

Usage (the store is built first if it does not exist)::

    pip install rdflib-endpoint oxigraph      # the peers; each is skipped if missing
    python benchmarks/endpoint.py --store /tmp/pgstore --seconds 5 --clients 1,8,32

The load generator is a lean asyncio HTTP/1.1 client (keep-alive connections, requests
encoded in advance); it still shares the machine's cores with the
servers, so absolute numbers are lower bounds; the ratios are the point.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pyoxigraph as ox

PREFIXES = """PREFIX pg: <https://w3id.org/procgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
LOOKUP = "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }}"
CLOSURE = (
    PREFIXES
    + """SELECT DISTINCT ?element ?risk ?text WHERE {{
  ?element skos:broader+ <{e}> ; pg:hasRisk ?risk .
  ?risk pg:text ?text .
}}"""
)
RCM = (
    PREFIXES
    + """CONSTRUCT {{ ?risk pg:mitigatedBy ?practice . ?practice pg:produces ?output . ?risk pg:text ?rt }}
WHERE {{
  ?element skos:broader* <{e}> ; pg:hasRisk ?risk .
  ?risk pg:text ?rt .
  OPTIONAL {{ ?practice pg:mitigates ?risk . OPTIONAL {{ ?practice pg:produces ?output }} }}
}}"""
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def theme_queries(store: ox.Store) -> list[str]:
    """``queries/risks-by-theme.rq`` once for every theme in the store."""
    text = (Path(__file__).resolve().parents[1] / "queries" / "risks-by-theme.rq").read_text(encoding="utf-8")
    default = "<https://w3id.org/procgraph/theme/communication>"
    rows = store.query(
        "SELECT DISTINCT ?t WHERE { ?t a <http://www.w3.org/2004/02/skos/core#Concept> ; "
        "<http://www.w3.org/2004/02/skos/core#inScheme> ?s . "
        "FILTER(STRSTARTS(STR(?t), 'https://w3id.org/procgraph/theme/')) }",
        use_default_graph_as_union=True,
    )
    themes = sorted({r["t"].value for r in rows})
    return [text.replace(default, f"<{t}>", 1) for t in themes]


def element_iris(store: ox.Store) -> tuple[list[str], list[str]]:
    """(every element IRI, the elements that have children) from the store."""
    query = (
        PREFIXES + "SELECT DISTINCT ?e ?parent WHERE { ?e pg:hierarchyId ?h "
        "OPTIONAL { ?c skos:broader ?e BIND(1 AS ?parent) } }"
    )
    rows = list(store.query(query, use_default_graph_as_union=True))
    every = sorted({r["e"].value for r in rows})
    parents = sorted({r["e"].value for r in rows if r["parent"] is not None})
    return every, parents


class Server:
    """A server process and the URL of its SPARQL query endpoint."""

    def __init__(self, name: str, command: list[str], url: str, env: dict | None = None):
        self.name, self.url = name, url
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start: {self.process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


RDFLIB_APP = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
uvicorn.run(SparqlEndpoint(graph=ds), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def start_servers(store: Path, workdir: Path, which: set[str], cache: bool = True) -> list[Server]:
    servers = []
    if "procgraph" in which:
        port = free_port()
        extra = [] if cache else ["--cache-entries", "0"]
        servers.append(
            Server(
                "procgraph",
                [sys.executable, "-m", "procgraph.cli", "serve", "--store", str(store), "--port", str(port), *extra],
                f"http://127.0.0.1:{port}/sparql",
            )
        )
    if "rdflib" in which:
        try:
            import rdflib_endpoint  # noqa: F401
        except ImportError:
            print("rdflib-endpoint is not installed: skipped (pip install rdflib-endpoint)")
        else:
            dump = workdir / "dataset.nq"
            ox.Store.read_only(str(store)).dump(str(dump), format=ox.RdfFormat.N_QUADS)
            port = free_port()
            servers.append(
                Server(
                    "rdflib-endpoint",
                    [sys.executable, "-c", RDFLIB_APP, str(dump), str(port)],
                    f"http://127.0.0.1:{port}/",
                )
            )
    if "oxigraph" in which:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        if not Path(binary).exists():
            print("the oxigraph server is not installed: skipped (pip install oxigraph)")
        else:
            port = free_port()
            servers.append(
                Server(
                    "oxigraph",
                    [
                        binary,
                        "serve-read-only",
                        "--location",
                        str(store),
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--union-default-graph",
                    ],
                    f"http://127.0.0.1:{port}/query",
                )
            )
    return servers


def _request_bytes(url: str, query: str, accept: str) -> bytes:
    parts = urlsplit(url)
    body = urlencode({"query": query}).encode()
    head = (
        f"POST {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: {accept}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked); return its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _client(
    url: str, requests: list[bytes], start: int, stop_at: float, latencies: list[float], errors: list[int]
) -> None:
    """One keep-alive connection sending requests back to back (a lean client: the servers get the CPU)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    i = start
    try:
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            writer.write(requests[i % len(requests)])
            status = await _read_response(reader)
            latencies.append(time.perf_counter() - began)
            if status != 200:
                errors.append(status)
            i += 7
    finally:
        writer.close()


async def measure(url: str, queries: list[str], clients: int, seconds: float, accept: str) -> dict:
    requests = [_request_bytes(url, q, accept) for q in queries]
    latencies: list[float] = []
    errors: list[int] = []
    warm_until = time.monotonic() + min(1.0, seconds / 5)
    await asyncio.gather(*[_client(url, requests, c, warm_until, [], []) for c in range(clients)])
    began = time.monotonic()
    await asyncio.gather(*[_client(url, requests, c, began + seconds, latencies, errors) for c in range(clients)])
    elapsed = time.monotonic() - began
    ordered = sorted(latencies) or [float("nan")]
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "errors": len(errors),
        "codes": sorted(set(errors)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "procgraph-bench-store")
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per cell")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--servers", default="procgraph,rdflib,oxigraph")
    parser.add_argument("--workloads", default="lookup,closure,theme,rcm")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="run procgraph with its answer cache off (--cache-entries 0): every request reaches a worker",
    )
    args = parser.parse_args(argv)

    if not args.store.exists():
        from procgraph.build import build

        print(f"building the bundled data into {args.store} ...")
        build(store=args.store)
    readonly = ox.Store.read_only(str(args.store))
    every, parents = element_iris(readonly)
    themes = theme_queries(readonly)
    workloads = {
        "lookup": ([LOOKUP.format(e=e) for e in every], "application/sparql-results+json"),
        "closure": ([CLOSURE.format(e=e) for e in parents], "application/sparql-results+json"),
        "theme": (themes, "application/sparql-results+json"),
        "rcm": ([RCM.format(e=e) for e in parents], "text/turtle"),
    }
    print(f"{len(every)} elements, {len(parents)} with children, {len(themes)} themes")

    with tempfile.TemporaryDirectory() as tmp:
        servers = start_servers(args.store, Path(tmp), set(args.servers.split(",")), cache=not args.no_cache)
        results: dict[tuple[str, str, int], dict] = {}
        try:
            for workload in args.workloads.split(","):
                queries, accept = workloads[workload]
                for clients in map(int, args.clients.split(",")):
                    for server in servers:
                        r = asyncio.run(measure(server.url, queries, clients, args.seconds, accept))
                        results[(workload, server.name, clients)] = r
                        print(
                            f"{workload:8} {server.name:16} {clients:3} clients  {r['rps']:8.1f} req/s  "
                            f"p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  "
                            f"errors {r['errors']} {r['codes'] or ''}",
                            flush=True,
                        )
        finally:
            for server in servers:
                server.stop()
    print_ratios(results)
    return 0


def print_ratios(results: dict) -> None:
    print("\nthroughput ratios (procgraph / peer)")
    for (workload, name, clients), r in sorted(results.items()):
        if name == "procgraph":
            continue
        ours = results.get((workload, "procgraph", clients))
        if ours and r["rps"]:
            print(f"{workload:8} vs {name:16} {clients:3} clients: {ours['rps'] / r['rps']:6.2f}x")


if __name__ == "__main__":
    sys.exit(main())
