"""Benchmark the SPARQL endpoint against rdflib-endpoint and Oxigraph's own server.

Serves one dataset three ways, each in its own process on 127.0.0.1:

- procgraph (``procgraph serve``: FastAPI, pyoxigraph in worker processes),
- rdflib-endpoint (the Python peer: FastAPI over rdflib), if installed,
- Oxigraph server (``oxigraph serve-read-only``, Rust), if installed;
- on request (``--servers ...,floor``), the Python HTTP floor: uvicorn as procgraph runs it,
  answering every request with a fixed body, which no Python server can beat on one core;

procgraph twice by default, with its answer cache on and off (``--cache-entries 0``: every
request is a fresh query that reaches a worker, as a user's ad hoc SPARQL mostly is). Each
server is pinned to one core and the load generator to another (``--server-cpu``,
``--client-cpu``; off with ``--no-pin``), so a server's figure is what one core gives. Before
anything is timed, the answers of every server to the same queries are checked equal (rows
as multisets, graphs as sets of triples); then the same parameterised queries are sent with
1, 8 and 32 concurrent clients for a bounded time each, and the script prints requests/s,
p50 and p99 latency, a table of the servers side by side, and the ratios between them:

- ``lookup``: every triple of one element, varied over every element IRI;
- ``closure``: the risks of every element below a category, through ``skos:broader+``
  (a property-path closure evaluated at query time);
- ``theme``: the named query ``queries/risks-by-theme.rq`` (risks of a theme and its narrower
  themes, with texts, element and evidence), varied over every theme;
- ``rcm``: a risk-control matrix CONSTRUCT (risk, practice in the same row, its output);
- ``named``: the raw SPARQL of every named query in ``queries/`` with its example parameters,
  sent to ``/sparql`` (so no answer prepared at build time is involved).

Usage (the store is built first if it does not exist)::

    pip install rdflib-endpoint oxigraph      # the peers; each is skipped if missing
    python benchmarks/endpoint.py --store /tmp/pgstore --seconds 5 --clients 1,8,32
    python benchmarks/endpoint.py --store /tmp/pgstore --clients 32 --workloads lookup,theme,closure
    # at 100x: build the generated corpus, then the same comparison with the named queries
    python benchmarks/generate.py --scale 100 -o /tmp/corpus-100x.json
    procgraph build --source /tmp/corpus-100x.json --store /tmp/pgstore-100x
    python benchmarks/endpoint.py --store /tmp/pgstore-100x --clients 32 --workloads lookup,theme,closure,named

The load generator is a lean asyncio HTTP/1.1 client (keep-alive connections, requests
encoded in advance). On a machine with one core it shares that core with the servers, so
absolute numbers are lower bounds there; the ratios are the point.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pyoxigraph as ox

from procgraph.queries import named_queries
from procgraph.server.spawn import PROCGRAPH, ServerProcess, free_port

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


class Server(ServerProcess):
    """A server process (pinned to ``cpu`` when given), its query endpoint at ``url``, started
    and waited for by :class:`procgraph.server.spawn.ServerProcess`."""

    def __init__(self, name: str, command: list[str], url: str, env: dict | None = None, cpu: int | None = None):
        super().__init__(name, command, url, env=env, cpu=cpu)
        self.wait_ready(120)

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU time used so far by (the server process, the processes it started: procgraph's
        workers, live or ended), read from /proc; (nan, nan) where there is no /proc. A worker
        that was stopped (a deadline) and reaped by the server counts in the server's own
        children's times (cutime, cstime), so the figure does not drop when one is replaced."""
        tick = os.sysconf("SC_CLK_TCK")
        main = rest = 0.0
        try:
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    fields = (entry / "stat").read_text().rpartition(")")[2].split()
                except OSError:
                    continue
                if int(fields[3]) != self.process.pid:  # the session: the server and its children
                    continue
                used = (int(fields[11]) + int(fields[12])) / tick
                if int(entry.name) == self.process.pid:
                    main += used
                    rest += (int(fields[13]) + int(fields[14])) / tick  # ended, reaped children
                else:
                    rest += used
        except OSError:
            return float("nan"), float("nan")
        return main, rest


RDFLIB_APP = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
uvicorn.run(SparqlEndpoint(graph=ds), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


#: The Python HTTP floor: uvicorn as procgraph runs it (uvloop, httptools), answering every request
#: with the same 3.5 KB JSON body at once. No SPARQL: what any Python server on one core pays.
FLOOR_APP = """
import sys, uvicorn
row = b'{"p": {"type": "uri", "value": "https://w3id.org/procgraph/x"}, "o": {"type": "literal", "value": "x"}}'
body = b'{"head": {"vars": ["p", "o"]}, "results": {"bindings": [' + b", ".join([row] * 30) + b"]}}"
headers = [(b"content-type", b"application/sparql-results+json"), (b"content-length", str(len(body)).encode())]
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


def start_servers(
    store: Path, workdir: Path, which: list[str], caches: list[str], cpu: int | None = None
) -> list[Server]:
    """Start the servers named in ``which``; procgraph once per entry of ``caches`` (on, off)."""
    servers = []
    for name in which:
        if name == "procgraph":
            for cache in caches:
                port = free_port()
                extra = [] if cache == "on" else ["--cache-entries", "0"]
                servers.append(
                    Server(
                        "procgraph" if cache == "on" else "procgraph-nocache",
                        [*PROCGRAPH, "serve", "--store", str(store), "--port", str(port)] + extra,
                        f"http://127.0.0.1:{port}/sparql",
                        cpu=cpu,
                    )
                )
        elif name == "rdflib":
            try:
                import rdflib_endpoint  # noqa: F401
            except ImportError:
                print("rdflib-endpoint is not installed: skipped (pip install rdflib-endpoint)")
                continue
            dump = workdir / "dataset.nq"
            ox.Store.read_only(str(store)).dump(str(dump), format=ox.RdfFormat.N_QUADS)
            port = free_port()
            servers.append(
                Server(
                    "rdflib-endpoint",
                    [sys.executable, "-c", RDFLIB_APP, str(dump), str(port)],
                    f"http://127.0.0.1:{port}/",
                    cpu=cpu,
                )
            )
        elif name == "floor":
            port = free_port()
            servers.append(
                Server("http-floor", [sys.executable, "-c", FLOOR_APP, str(port)], f"http://127.0.0.1:{port}/", cpu=cpu)
            )
        elif name == "oxigraph":
            binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
            if not Path(binary).exists():
                print("the oxigraph server is not installed: skipped (pip install oxigraph)")
                continue
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
                    cpu=cpu,
                )
            )
    return servers


def _canonical(body: bytes, accept: str) -> object:
    """An answer in a form two servers must agree on: rows as a sorted multiset, graphs as a set."""
    if "sparql-results+json" in accept:
        document = json.loads(body)
        if "boolean" in document:
            return document["boolean"]
        rows = document["results"]["bindings"]
        return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)
    return sorted({str(t) for t in ox.parse(body, format=ox.RdfFormat.TURTLE)})


def check_equal(servers: list[Server], queries: list[str], accept: str, sample: int) -> int:
    """Ask every server the same queries (up to ``sample`` of them, spread over the list) and
    raise unless all give the same answer; return how many queries were checked."""
    step = max(1, len(queries) // max(sample, 1))
    chosen = queries[::step][:sample]
    with httpx.Client(timeout=120) as client:
        for query in chosen:
            answers = {}
            for server in servers:
                response = client.post(server.url, data={"query": query}, headers={"Accept": accept})
                if response.status_code != 200:
                    detail = response.text[:500]
                    raise RuntimeError(f"{server.name} answered {response.status_code} to:\n{query}\n{detail}")
                answers[server.name] = _canonical(response.content, accept)
            first = servers[0].name
            for name, got in answers.items():
                if got != answers[first]:
                    raise RuntimeError(f"{name} and {first} give different answers to:\n{query}")
    return len(chosen)


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


async def measure(
    url: str, queries: list[str], clients: int, seconds: float, accept: str, server: Server | None = None
) -> dict:
    """Requests/s and latency of ``clients`` connections for ``seconds``; with ``server``, also its
    CPU time per request (microseconds, in the server process and in the processes it started)."""
    requests = [_request_bytes(url, q, accept) for q in queries]
    latencies: list[float] = []
    errors: list[int] = []
    warm_until = time.monotonic() + min(1.0, seconds / 5)
    await asyncio.gather(*[_client(url, requests, c, warm_until, [], []) for c in range(clients)])
    cpu_before = server.cpu_seconds() if server else (float("nan"), float("nan"))
    began = time.monotonic()
    await asyncio.gather(*[_client(url, requests, c, began + seconds, latencies, errors) for c in range(clients)])
    elapsed = time.monotonic() - began
    cpu_after = server.cpu_seconds() if server else (float("nan"), float("nan"))
    ordered = sorted(latencies) or [float("nan")]
    done = max(len(latencies), 1)
    return {
        "cpu_main": (cpu_after[0] - cpu_before[0]) / done * 1e6,
        "cpu_rest": (cpu_after[1] - cpu_before[1]) / done * 1e6,
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
    parser.add_argument(
        "--servers",
        default="procgraph,oxigraph,rdflib",
        help="of procgraph, oxigraph, rdflib and floor (uvicorn answering a fixed body: the Python HTTP floor)",
    )
    parser.add_argument("--workloads", default="lookup,closure,theme,rcm")
    parser.add_argument("--cache", default="on,off", help="procgraph's answer cache: on, off or on,off (default)")
    parser.add_argument("--no-cache", action="store_true", help="the same as --cache off")
    parser.add_argument("--check", type=int, default=40, help="queries per workload checked equal before timing")
    parser.add_argument("--server-cpu", type=int, default=0, help="the core every server is pinned to")
    parser.add_argument("--client-cpu", type=int, default=1, help="the core the load generator is pinned to")
    parser.add_argument("--no-pin", action="store_true", help="let the scheduler place servers and client")
    args = parser.parse_args(argv)
    caches = ["off"] if args.no_cache else args.cache.split(",")
    pin = not args.no_pin and hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 1

    if not args.store.exists():
        from procgraph.build import build

        print(f"building the bundled data into {args.store} ...")
        build(store=args.store)
    readonly = ox.Store.read_only(str(args.store))
    every, parents = element_iris(readonly)
    themes = theme_queries(readonly)
    del readonly
    workloads = {
        "lookup": ([LOOKUP.format(e=e) for e in every], "application/sparql-results+json"),
        "closure": ([CLOSURE.format(e=e) for e in parents], "application/sparql-results+json"),
        "theme": (themes, "application/sparql-results+json"),
        "rcm": ([RCM.format(e=e) for e in parents], "text/turtle"),
        "named": ([q.text for q in named_queries().values()], "application/sparql-results+json"),
    }
    named = len(workloads["named"][0])
    print(f"{len(every)} elements, {len(parents)} with children, {len(themes)} themes, {named} named queries")
    if pin:
        print(f"servers pinned to core {args.server_cpu}, load generator to core {args.client_cpu}")

    with tempfile.TemporaryDirectory() as tmp:
        servers = start_servers(
            args.store, Path(tmp), args.servers.split(","), caches, args.server_cpu if pin else None
        )
        if pin:
            os.sched_setaffinity(0, {args.client_cpu})
        results: dict[tuple[str, str, int], dict] = {}
        try:
            for workload in args.workloads.split(","):
                queries, accept = workloads[workload]
                peers = [s for s in servers if s.name != "http-floor"]  # the floor answers no query
                checked = check_equal(peers, queries, accept, args.check) if len(peers) > 1 else 0
                print(f"{workload}: {len(queries)} queries; the servers' answers are equal on {checked} of them")
                for clients in map(int, args.clients.split(",")):
                    for server in servers:
                        r = asyncio.run(measure(server.url, queries, clients, args.seconds, accept, server))
                        results[(workload, server.name, clients)] = r
                        print(
                            f"{workload:8} {server.name:18} {clients:3} clients  {r['rps']:8.1f} req/s  "
                            f"p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  "
                            f"CPU/request {r['cpu_main']:6.0f} + {r['cpu_rest']:6.0f} us  "
                            f"errors {r['errors']} {r['codes'] or ''}",
                            flush=True,
                        )
        finally:
            for server in servers:
                server.stop()
    print_table(results, [s.name for s in servers])
    print_ratios(results)
    return 0


def print_table(results: dict, names: list[str]) -> None:
    """The servers side by side (Markdown): requests/s and p99 per workload and client count."""
    print("\n| workload | clients | " + " | ".join(f"{n} req/s (p99 ms)" for n in names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for workload, clients in dict.fromkeys((w, c) for w, _, c in results):
        cells = []
        for name in names:
            r = results.get((workload, name, clients))
            cells.append(f"{r['rps']:,.0f} ({r['p99']:.1f})" if r else "")
        print(f"| {workload} | {clients} | " + " | ".join(cells) + " |")


def print_ratios(results: dict) -> None:
    print("\nthroughput ratios (procgraph / peer)")
    for (workload, name, clients), r in sorted(results.items()):
        if name.startswith("procgraph"):
            continue
        for ours_name in ("procgraph", "procgraph-nocache"):
            ours = results.get((workload, ours_name, clients))
            if ours and r["rps"]:
                print(f"{workload:8} {ours_name:18} vs {name:16} {clients:3} clients: {ours['rps'] / r['rps']:6.2f}x")


if __name__ == "__main__":
    sys.exit(main())
