"""Benchmark validation: the fast path (shapes compiled to SPARQL on Oxigraph) at growing
scale, and optionally pySHACL on the same data.

Scale ``k`` is the bundled standard copied ``k`` times, each copy as its own category
(8.0, 108.0, 208.0, ...: ids, PCF IDs and IRIs shifted) with its own copy of the PCF
elements of 8.0, so every copy has the same 39 covered elements, 282 uncovered ones and the
truncated 8.1.6.4. Prints quads, seconds for the checks alone and for the whole report,
and results, per scale::

    python benchmarks/validate.py                    # scales 1, 10 (about 20k and 200k quads)
    python benchmarks/validate.py --scales 1,5,20 --pyshacl   # pySHACL too (minutes)
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import pyoxigraph as ox

from procgraph.build import build_dataset, bundled_source, load_records
from procgraph.pcf import load_core
from procgraph.validate import validate_store
from procgraph.validate.engine import run_checks
from procgraph.validate.shapes import load_checks


def _shift_id(hid: str, k: int) -> str:
    head, _, rest = hid.partition(".")
    return f"{int(head) + 100 * k}.{rest}" if rest else str(int(head) + 100 * k)


def scaled(records: dict, fw, k: int) -> tuple[dict, object]:
    """``k`` copies of the records and of the framework's 8.x elements, as categories 8, 108, ..."""
    elements, pcf = [], [e for e in fw.elements]
    for copy in range(1, k):
        for element in records["elements"]:
            moved = dict(element, id=_shift_id(element["id"], copy), pcf_id=element["pcf_id"] + 1_000_000 * copy)
            if element.get("parent"):
                moved["parent"] = _shift_id(element["parent"], copy)
            elements.append(moved)
        pcf += [
            dataclasses.replace(
                e,
                hierarchy_id=_shift_id(e.hierarchy_id, copy),
                pcf_id=e.pcf_id + 1_000_000 * copy,
                parent_id=_shift_id(e.parent_id, copy) if e.parent_id else None,
            )
            for e in fw.elements
            if e.hierarchy_id.split(".")[0] == "8"
        ]
    return {**records, "elements": records["elements"] + elements}, dataclasses.replace(fw, elements=tuple(pcf))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10", help="comma-separated copy counts (default 1,10)")
    parser.add_argument("--pyshacl", action="store_true", help="time pySHACL too (slow: about a minute at scale 1)")
    args = parser.parse_args()
    records, fw, checks = load_records(bundled_source()), load_core(), load_checks()
    print(
        f"{'scale':>5} {'quads':>9} {'checks s':>9} {'report s':>9} {'results':>8}"
        + ("  pyshacl s  same" if args.pyshacl else "")
    )
    for k in (int(s) for s in args.scales.split(",")):
        asserted, inferred, _ = build_dataset(*scaled(records, fw, k))
        store = ox.Store()
        store.bulk_extend(asserted + inferred)
        start = time.perf_counter()
        results = run_checks(store, checks)
        checks_s = time.perf_counter() - start
        start = time.perf_counter()
        validate_store(store, checks=checks)
        report_s = time.perf_counter() - start
        line = f"{k:>5} {len(store):>9} {checks_s:>9.2f} {report_s:>9.2f} {len(results):>8}"
        if args.pyshacl:
            from procgraph.validate.reference import pyshacl_results

            start = time.perf_counter()
            reference, _ = pyshacl_results(store)
            line += f"  {time.perf_counter() - start:9.1f}  {reference == results}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
