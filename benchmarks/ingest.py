"""Time the ingest stages on the bundled standard (or a given page) and print the figures.

python benchmarks/ingest.py [SOURCE] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / "data" / "sources" / "gbpm-8-1.txt"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from procgraph.ingest import gbkdamage, pipeline, script
    from procgraph.ingest.source import find_body, read_source

    script.words("預熱")  # load jieba's dictionaries once, outside the timed stages
    gbkdamage.word_logp("預熱")
    print(f"{'load models (jieba, OpenCC)':32s} {time.perf_counter() - t0:7.2f} s")

    doc = read_source(args.source)
    body = find_body(doc)
    stages = {
        "repair mojibake": lambda: gbkdamage.find_repairs(body.line),
        "whole ingest (parse)": lambda: pipeline.parse(doc),
    }
    for name, fn in stages.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
        print(f"{name:32s} {statistics.median(times):7.2f} s  (median of {args.repeat})")
    print(
        f"{len(result['elements'])} elements, {len(result['repairs'])} repairs, {len(body.line)} characters in the body"
    )


if __name__ == "__main__":
    main()
