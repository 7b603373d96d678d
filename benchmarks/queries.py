"""Latency of every named query and API route on the bundled data, and theme/link quality.

Builds the bundled standard into a store (unless ``--store`` names one that exists), starts
the app on 127.0.0.1 in this process's event loop through FastAPI's test client (the same
worker processes, deadline and limits as ``procgraph serve``), warms each route once, then
requests it ``--repeat`` times and prints p50 and p95 in milliseconds. The target is p50 under
100 ms for every named query. Then it prints precision and recall per theme against the
hand-labelled key (``tests/integration/semantic/answer_key.json``) and the hit rate of the links key.

Usage::

    python benchmarks/queries.py                  # build into a temporary folder
    python benchmarks/queries.py --store /tmp/pgstore --repeat 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration" / "semantic"))

#: Named query -> parameters used for the benchmark (defaults when empty).
PARAMETERS = {
    "cross-category": {"hid": "8.1.3.5"},
    "risk-control-matrix": {"process": "8.1.5"},
    "risks-by-theme": {"topic": "https://w3id.org/procgraph/theme/communication"},
}
ROUTES = [
    "/api/risks?theme=沟通",
    "/api/risks?theme=communication",
    "/api/search?q=溝通渠道",
    "/api/search?q=communication",
    "/api/processes/8.1.6.2/links",
    "/api/queries",
]


def ensure_store(path: Path | None) -> Path:
    from procgraph.build import build

    if path and path.exists():
        return path
    target = path or Path(tempfile.mkdtemp(prefix="pg-bench-")) / "store"
    report = build(store=target)
    print(f"built {report.quads} quads into {target} in {report.seconds:.1f} s")
    return target


def time_route(client, url: str, repeat: int) -> tuple[float, float, int]:
    response = client.get(url)  # warm-up (search builds its index, jieba loads)
    assert response.status_code == 200, (url, response.status_code, response.text[:200])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], response.status_code


def latency(store: Path, repeat: int) -> bool:
    from urllib.parse import urlencode

    from fastapi.testclient import TestClient

    from procgraph.queries import named_queries
    from procgraph.server import Settings, create_app

    ok = True
    with TestClient(create_app(Settings(store_path=store, workers=1))) as client:
        print(f"\n{'route':62} {'p50 ms':>8} {'p95 ms':>8}")
        for name in named_queries():
            params = PARAMETERS.get(name, {})
            url = f"/api/queries/{name}" + (f"?{urlencode(params)}" if params else "")
            p50, p95, _ = time_route(client, url, repeat)
            ok &= p50 < 100
            print(f"{url:62} {p50:8.1f} {p95:8.1f}{'' if p50 < 100 else '  OVER 100 ms'}")
        for url in ROUTES:
            p50, p95, _ = time_route(client, url, repeat)
            print(f"{url:62} {p50:8.1f} {p95:8.1f}")
    return ok


def quality() -> None:
    from keys import score_links, score_themes

    from procgraph.build import bundled_source, load_records
    from procgraph.graph.links import compute_links
    from procgraph.graph.themes import tag_records
    from procgraph.pcf import load_core

    records, fw = load_records(bundled_source()), load_core()
    print(f"\n{'theme (answer key)':24} {'precision':>9} {'recall':>7} {'tagged':>7} {'key':>5}")
    for slug, s in score_themes(tag_records(records, fw), records, fw).items():
        print(f"{slug:24} {s['precision']:9.3f} {s['recall']:7.3f} {s['tagged']:7d} {s['expected']:5d}")
        for kind in ("false_positives", "false_negatives"):
            if s[kind]:
                print(f"    {kind.replace('_', ' ')}: {', '.join(s[kind])}")
    links = score_links(compute_links(records, fw), fw)
    print(
        f"\nlinks key (carried facts, all {links['elements']} labelled elements): recall of must-link categories "
        f"{links['recall']:.3f}, links into should-not categories {links['wrong_share']:.3f} "
        "(benchmarks/links.py has the split)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    ok = latency(ensure_store(args.store), args.repeat)
    quality()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
