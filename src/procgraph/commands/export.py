"""``procgraph export``: the built store as RDF or as a risk-control matrix spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph.export import FORMAT_ALIASES, FORMATS, NOTICE_FILE, export, resolve_format
from procgraph.graph import GRAPH_NAMES
from procgraph.progress import StageReporter

NAME = "export"
HELP = "export the built graph (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, RCM as CSV/XLSX)"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=list(FORMATS) + list(FORMAT_ALIASES),
        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
        + "; "
        + "; ".join(f"{a}: same as {f}" for a, f in FORMAT_ALIASES.items())
        + f". A CSV has its header on line 1; APQC's notice goes beside it in {NOTICE_FILE}",
    )
    parser.add_argument(
        "--graph",
        "-g",
        default=None,
        help=f"export one named graph ({', '.join(GRAPH_NAMES)} or its IRI); default: all graphs",
    )
    parser.add_argument(
        "--element",
        default=None,
        help="risk-control matrix only: the matrix of this element (its own practices, risks and "
        "outputs, as its page shows), by hierarchy id (8.1.5) or PCF ID (20632); an id no element "
        "has is an error",
    )
    parser.add_argument(
        "--with-descendants",
        action="store_true",
        help="with --element: add every element below it (8.1.5 and 8.1.5.1, 8.1.5.2, ...)",
    )
    parser.add_argument("--output", "-o", required=True, help="output file, or - for standard output")
    parser.add_argument("--store", type=Path, default=None, help="store directory (default: $PROCGRAPH_HOME/store)")


#: The stages of an export, for the progress bar (terminal) or the stage lines (otherwise).
STAGE_LABELS = {"open": "open the store", "export": "read and serialize", "write": "write the output"}


def run(args) -> int:
    with StageReporter("procgraph export", STAGE_LABELS) as progress:
        written = export(
            args.format,
            args.output,
            store=args.store,
            graph=args.graph,
            element=args.element,
            descendants=args.with_descendants,
            progress=progress,
        )
    if args.output != "-":
        print(f"wrote {written} bytes to {args.output}", file=sys.stderr)
        if FORMATS[resolve_format(args.format)].extension == "csv":
            print(
                f"APQC's notice, which must travel with the CSV: {Path(args.output).parent / NOTICE_FILE}",
                file=sys.stderr,
            )
    elif FORMATS[resolve_format(args.format)].extension == "csv":
        print(
            f"note: the CSV carries no notice lines; APQC's notice must travel with it (written to {NOTICE_FILE} "
            "beside the file when you give -o FILE)",
            file=sys.stderr,
        )
    return 0
