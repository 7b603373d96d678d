"""Cross-category links against the hand-labelled links key: recall of must-link categories and
the share of links that go into should-not categories, for the tune and held-out parts, with the
full PCF (APQC's workbook) and with the facts procgraph carries (names only, groups only).

The key (``tests/semantic/links_key.json``) labels 31 elements of 8.1 with the PCF categories
they must, may and should not relate to; its tune/held-out split was fixed by rule before any
tuning. The goal of issue 12 on the held-out part with the full PCF: recall >= 0.8 and at most
5 % of links into should-not categories.

Usage::

    python benchmarks/links.py                     # workbook from ../shared/reference/apqc-pcf
    python benchmarks/links.py --workbook FILE.xlsx
    python benchmarks/links.py --misses            # also list the misses and the wrong links
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "semantic"))
REFERENCE = ROOT.parent / "shared" / "reference" / "apqc-pcf"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path, help="APQC's PCF Excel workbook (default: the reference folder's)")
    parser.add_argument("--misses", action="store_true", help="list must categories missed and should-not links")
    args = parser.parse_args(argv)

    from keys import score_links  # tests/semantic/keys.py

    from procgraph.build import bundled_source, load_records
    from procgraph.graph.links import compute_links
    from procgraph.pcf import load_core, load_framework

    records = load_records(bundled_source())
    workbook = args.workbook or next(iter(sorted(REFERENCE.glob("*.xlsx"))), None)
    frameworks = [("carried facts", load_core())]
    if workbook and workbook.exists():
        frameworks.insert(0, ("full PCF", load_framework(workbook)))
    else:
        print("no APQC workbook found: only the carried facts are measured", file=sys.stderr)
    print(f"{'framework':14} {'part':9} {'recall':>7} {'must':>9} {'should-not':>10} {'links':>9} {'time':>6}")
    for label, fw in frameworks:
        start = time.perf_counter()
        links = compute_links(records, fw)
        seconds = time.perf_counter() - start
        for part in ("tune", "held_out"):
            s = score_links(links, fw, part)
            print(f"{label:14} {part:9} {s['recall']:7.3f} {s['hit']:4d}/{s['must']:<4d} {s['wrong_share']:10.3f} "
                  f"{s['wrong']:4d}/{s['links']:<4d} {seconds:5.1f}s")
            if args.misses:
                for hid, missed in s["misses"].items():
                    print(f"    miss  {hid:9} {', '.join(missed)}")
                for hid, wrong in s["wrong_links"].items():
                    print(f"    wrong {hid:9} {', '.join(wrong)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
