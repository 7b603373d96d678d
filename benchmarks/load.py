"""Sustained load on ``procgraph serve``: concurrent clients mixing named queries and /sparql.

Starts ``procgraph serve`` on 127.0.0.1 over a built store (by default the 100x store that
``benchmarks/scale.py --keep out/bench`` leaves), then runs ``--clients`` concurrent clients
for ``--seconds``; each client repeatedly picks the next request of a fixed mix (every named
query through ``/api/queries/NAME``, and SPARQL sent to ``/sparql`` by GET and by POST) and
waits for the whole answer. It prints requests per second, failed requests (any status other
than 200, or no answer) and p50/p99 latency overall and per request, and samples the resident
memory of the server and its worker processes every 2 s, printing it per ``--every`` seconds
(a soak is simply a longer ``--seconds``).

The answer cache is on by default (as ``serve`` has it); ``--cache-entries 0`` turns it off so
every request reaches a worker.

Usage::

    python benchmarks/load.py --store out/bench/store-100x --clients 32 --seconds 60 --cache-entries 0
    python benchmarks/load.py --store out/bench/store-100x --clients 32 --seconds 60
    python benchmarks/load.py --store out/bench/store-100x --clients 8 --seconds 300 --every 30   # soak
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from procgraph.server.spawn import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
PG = "PREFIX pg: <https://w3id.org/procgraph/ontology#> "
#: Named query parameters: elements present in the generated corpus at every scale.
PARAMETERS = {
    "cross-category": {"hid": "8.1.1"},
    "element": {"hid": "8.1.1"},
    "element-items": {"hid": "8.1.1"},
    "risk-control-matrix": {"process": "8.1.1"},
}
SPARQL = [
    PG + 'SELECT ?e ?name { ?e pg:hierarchyId "8.1.1" ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }',
    PG + "SELECT ?r ?t { <https://w3id.org/procgraph/pcf/20609> pg:hasRisk ?r . ?r pg:text ?t } LIMIT 50",
    PG + "SELECT (COUNT(*) AS ?n) { ?e pg:level 2 }",
    PG + "ASK { ?p pg:mitigates ?r }",
]


def requests_mix() -> list[tuple[str, str, dict]]:
    """(label, method, httpx arguments) for every request of the mix, in the order clients cycle through."""
    sys.path.insert(0, str(ROOT / "src"))
    from procgraph.queries import named_queries

    mix = []
    for name in named_queries():
        params = PARAMETERS.get(name, {})
        url = f"/api/queries/{name}" + (f"?{urlencode(params)}" if params else "")
        mix.append((f"api {name}", "GET", {"url": url}))
    for i, query in enumerate(SPARQL):
        mix.append((f"sparql GET #{i + 1}", "GET", {"url": "/sparql", "params": {"query": query}}))
        mix.append(
            (
                f"sparql POST #{i + 1}",
                "POST",
                {"url": "/sparql", "content": query, "headers": {"Content-Type": "application/sparql-query"}},
            )
        )
    return mix


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children, in MB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(entry.name) == pid or int(fields.get("PPid", "0").strip()) == pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


async def client_loop(url: str, mix, start: int, until: float, results: list, failures: list) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        for label, method, kwargs in itertools.islice(itertools.cycle(mix), start, None):
            if time.monotonic() >= until:
                return
            began = time.perf_counter()
            try:
                response = await client.request(method, **kwargs)
                status = response.status_code
            except httpx.HTTPError as exc:
                status = f"{type(exc).__name__}"
            elapsed = (time.perf_counter() - began) * 1000
            results.append((label, elapsed))
            if status != 200:
                failures.append((label, status, time.monotonic()))


async def sample_memory(pid: int, until: float, samples: list) -> None:
    began = time.monotonic()
    while time.monotonic() < until:
        samples.append((time.monotonic() - began, tree_rss_mb(pid)))
        await asyncio.sleep(2)


async def run_load(url: str, pid: int, clients: int, seconds: float):
    mix = requests_mix()
    results, failures, memory = [], [], []
    until = time.monotonic() + seconds
    await asyncio.gather(
        sample_memory(pid, until, memory),
        *(client_loop(url, mix, i * 3, until, results, failures) for i in range(clients)),
    )
    return results, failures, memory


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def report(results, failures, memory, seconds: float, every: float) -> None:
    times = [t for _, t in results]
    print(
        f"\n{len(results)} requests in {seconds:g} s: {len(results) / seconds:.1f} requests/s; {len(failures)} failed"
    )
    if times:
        print(
            f"latency: p50 {statistics.median(times):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
            f"max {max(times):.1f} ms"
        )
    by_label: dict[str, list[float]] = {}
    for label, t in results:
        by_label.setdefault(label, []).append(t)
    failed: dict[str, list] = {}
    for label, status, _ in failures:
        failed.setdefault(label, []).append(status)
    print(f"\n{'request':40} {'n':>6} {'p50 ms':>9} {'p99 ms':>9}  failed")
    for label, ts in by_label.items():
        statuses = failed.get(label, [])
        note = f"{len(statuses)} ({', '.join(sorted({str(s) for s in statuses}))})" if statuses else "0"
        print(f"{label:40} {len(ts):6} {statistics.median(ts):9.1f} {percentile(ts, 0.99):9.1f}  {note}")
    if memory:
        print("\nmemory of server + workers (MB) by time:")
        next_mark = 0.0
        for at, mb in memory:
            if at >= next_mark:
                print(f"  {at:6.0f} s  {mb:8.0f}")
                next_mark += every
        print(f"  first {memory[0][1]:.0f} MB, last {memory[-1][1]:.0f} MB, peak {max(m for _, m in memory):.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=ROOT / "out" / "bench" / "store-100x")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--cache-entries", type=int, default=None, help="0 turns the answer cache off (default: serve's)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=10, help="seconds between printed memory samples")
    args = parser.parse_args(argv)
    if not args.store.exists():
        raise SystemExit(f"no store at {args.store}: run python benchmarks/scale.py --keep out/bench first")
    extra = ["--workers", str(args.workers)]
    if args.cache_entries is not None:
        extra += ["--cache-entries", str(args.cache_entries)]
    server = ServeProcess(args.store, *extra, stderr=None)
    url = server.base
    try:
        server.wait_ready(120)
        cache = "off" if args.cache_entries == 0 else f"on ({args.cache_entries or 'default'} entries)"
        print(
            f"load: {args.clients} clients for {args.seconds:g} s on {url}, store {args.store}, "
            f"{args.workers} workers, answer cache {cache}"
        )
        results, failures, memory = asyncio.run(run_load(url, server.pid, args.clients, args.seconds))
        report(results, failures, memory, args.seconds, args.every)
    finally:
        server.stop(20)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
