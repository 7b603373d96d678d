"""``procgraph build``: ingest the standard, build the graph, infer, and replace the store."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph import config
from procgraph.build import build
from procgraph.commands._remote import REMOTE_TIMEOUT_S, add_remote_arguments, open_remote
from procgraph.progress import StageReporter

NAME = "build"
HELP = "build the knowledge graph (ingest, graph, inference) into the store"

STAGE_LABELS = {
    "ingest": "read and ingest the standard",
    "pcf": "load the PCF reference",
    "themes": "check your own themes",
    "graph": "make the RDF graphs",
    "infer": "materialise inferences",
    "validate": "check completeness (SHACL)",
    "answers": "prepare answers and search",
    "store": "write the store",
}


def add_arguments(parser) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        default=None,
        help="the standard's text, a records .json from 'procgraph ingest', or a folder of them; "
        "repeat for several parts of the series (default: the bundled 8.0 standard)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        type=Path,
        default=None,
        help=f"store directory (default: $PROCGRAPH_HOME/store, here {config.default_store_path()})",
    )
    add_remote_arguments(parser, where)
    parser.add_argument(
        "--pcf-workbook",
        type=Path,
        default=None,
        help="APQC's PCF Excel release to use for the PCF reference (default: the imported or bundled facts)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def _by_part(parts: dict[str, str]) -> dict[str, list[str]]:
    """Element ids per part, in hierarchy order, parts in the order of their first element."""
    from procgraph.pcf import hierarchy_key

    out: dict[str, list[str]] = {}
    for hid in sorted(parts, key=hierarchy_key):
        out.setdefault(parts[hid], []).append(hid)
    return out


def run(args) -> int:
    remote = open_remote(args, timeout_s=REMOTE_TIMEOUT_S) if args.store_url else None
    target = args.store_url if remote is not None else config.store_path(args.store)
    if not args.quiet:
        given = ", ".join(map(str, args.source)) if args.source else "bundled standard"
        print(f"procgraph build: {given} -> {target}", file=sys.stderr)
    # a bar on a terminal, the stage lines otherwise; a remote store has no prepared answers
    progress = (
        None
        if args.quiet
        else StageReporter("procgraph build", STAGE_LABELS, total=len(STAGE_LABELS) - (remote is not None))
    )
    try:
        report = build(
            args.source or None,
            None if remote else target,
            pcf_workbook=args.pcf_workbook,
            progress=progress,
            remote=remote,
        )
    finally:
        if progress is not None:
            progress.close()
        if remote is not None:
            remote.close()
    if not args.quiet:
        graphs = ", ".join(f"{name} {n}" for name, n in sorted(report.graphs.items()))
        print(
            f"built {report.elements} elements, {report.quads} quads ({graphs}) in {report.seconds:.2f} s",
            file=sys.stderr,
        )
        print(f"PCF reference: {report.framework}", file=sys.stderr)
        if report.validation is not None:
            v = report.validation
            scored = [e for e in v.elements if e.score is not None]
            covered = [e for e in scored if e.covered]
            print(
                f"completeness: {v.overall:.0%} overall over the {len(scored)} PCF elements in scope, of which the "
                f"standard covers {len(covered)} (an element it does not cover scores 0); "
                f"{v.counts.get('Violation', 0)} violations, {v.counts.get('Warning', 0)} warnings "
                "(procgraph validate shows the gaps)",
                file=sys.stderr,
            )
        if report.parts:
            print(
                "parts (the part each element's text came from; procgraph validate lists them by element):",
                file=sys.stderr,
            )
            for part, ids in _by_part(report.parts).items():
                print(f"  {part}: {len(ids)} elements ({ids[0]} … {ids[-1]})", file=sys.stderr)
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0
