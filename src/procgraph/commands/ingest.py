"""``procgraph ingest SOURCE -o records.json``: parse a standard into aligned records."""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "ingest"
HELP = "Parse a scraped standard (业务流程管理通用标准 series) into clean, aligned records (JSON)."

DEFAULT_SOURCE = "bundled standard: data/sources/gbpm-8-1.txt"


def add_arguments(parser) -> None:
    parser.add_argument("source", nargs="?", help=f"the page's text file (default: the {DEFAULT_SOURCE})")
    parser.add_argument("-o", "--output", help="write the records here (default: print to standard output)")
    parser.add_argument("--overrides", help="curated overrides file (default: SOURCE with .overrides.json)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the summary")


def run(args) -> int:
    from procgraph.ingest import ingest, write_records
    from procgraph.ingest.pipeline import dumps
    from procgraph.resources import resource_path

    source = Path(args.source) if args.source else resource_path("data", "sources", "gbpm-8-1.txt")
    records = ingest(source, overrides=args.overrides)
    if args.output:
        write_records(records, args.output)
    else:
        sys.stdout.write(dumps(records))
    if not args.quiet:
        print(summary(records, args.output), file=sys.stderr)
    return 0


def summary(records: dict, output: str | None) -> str:
    elements = records["elements"]
    count = {k: sum(len(e[k]) for e in elements) for k in ("practices", "risks", "outputs")}
    truncated = [e["id"] for e in elements if e["truncated"]]
    lines = [
        f"{len(elements)} elements ({elements[0]['id']} … {elements[-1]['id']}): "
        f"{count['practices']} practices, {count['risks']} risks, {count['outputs']} outputs",
        f"{len(records['repairs'])} damaged spots repaired, {len(records['overrides'])} overrides applied",
    ]
    if truncated:
        lines.append(f"truncated: {', '.join(truncated)} (the source stops there)")
    for w in records["warnings"]:
        lines.append(f"warning: {w}")
    if output:
        lines.append(f"written to {output}")
    return "\n".join(lines)
