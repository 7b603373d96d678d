"""``procgraph validate``: check the built store (or RDF files) against the SHACL shapes.

Exit codes follow pySHACL: 0 the data conforms (no violation), 1 it does not, 2 the input is
unusable (missing store or file, unreadable RDF, broken shapes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph import config
from procgraph.atomic import write_atomic
from procgraph.progress import StageReporter
from procgraph.validate import ENGINES, save_report, validate_files, validate_path
from procgraph.validate.render import FORMATS, render

NAME = "validate"
HELP = "check completeness and structure with the SHACL shapes; exit 0 conforms, 1 does not, 2 unusable input"


def add_arguments(parser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="RDF files to validate (Turtle, TriG, N-Triples, ...); default: the built store",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text (default), json, md, html, or ttl (the raw SHACL validation report)",
    )
    parser.add_argument("--output", "-o", default="-", help="write the report to this file (default: standard output)")
    parser.add_argument("--store", type=Path, default=None, help="store directory (default: $PROCGRAPH_HOME/store)")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="oxigraph",
        help="oxigraph (fast, default) or pyshacl (the reference implementation, slow)",
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help="also keep the JSON report in the store directory (served at /api/validation)",
    )


#: The stages of a validation, for the progress bar (terminal) or the stage lines (otherwise).
STAGE_LABELS = {"open": "open the store", "shapes": "run the SHACL shapes", "report": "score the elements"}
FILE_STAGE_LABELS = {
    "read": "read the files and infer",
    "shapes": STAGE_LABELS["shapes"],
    "report": STAGE_LABELS["report"],
}


def run(args) -> int:
    with StageReporter("procgraph validate", FILE_STAGE_LABELS if args.files else STAGE_LABELS) as progress:
        if args.files:
            report = validate_files(args.files, engine=args.engine, progress=progress)
        else:
            store = config.store_path(args.store)
            report = validate_path(store, engine=args.engine, progress=progress)
            if args.save:
                save_report(report, store)
    output = render(report, args.format)
    if args.output == "-":
        sys.stdout.write(output)
    else:
        write_atomic(Path(args.output), output)
    return 0 if report.conforms else 1
