"""Precision and recall of theme tagging against the hand-labelled key, per theme and per part.

The key (``tests/integration/semantic/answer_key.json``) labels all 261 risks of the bundled standard for
six themes practitioners ask about (and contracts). Its split is fixed: the thesaurus words
were chosen by reading the tuning part only; the held-out part measures them. The goal is
precision and recall of at least 0.9 on every theme on the held-out part.

Usage::

    python benchmarks/themes.py            # table for tune, held_out and all
    python benchmarks/themes.py --misses   # also list the false positives and negatives
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration" / "semantic"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)

    from keys import score_themes  # tests/integration/semantic/keys.py

    from procgraph.build import bundled_source, load_records
    from procgraph.graph.themes import tag_records
    from procgraph.pcf import load_core

    records, fw = load_records(bundled_source()), load_core()
    tags = tag_records(records, fw)
    print(f"{'theme':26} {'part':9} {'key':>4} {'tagged':>6} {'precision':>9} {'recall':>6}")
    for part in ("tune", "held_out", None):
        for slug, s in score_themes(tags, records, fw, part).items():
            print(
                f"{slug:26} {part or 'all':9} {s['expected']:>4} {s['tagged']:>6} "
                f"{s['precision']:>9.3f} {s['recall']:>6.3f}"
            )
            if args.misses and part:
                for kind in ("false_positives", "false_negatives"):
                    if s[kind]:
                        print(f"    {kind}: {' '.join(s[kind])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
