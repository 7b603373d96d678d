"""``procgraph import-pcf``: read APQC's PCF Excel release into the user's data home."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph.pcf import import_workbook
from procgraph.progress import StageReporter

NAME = "import-pcf"
HELP = "import APQC's PCF Excel workbook (sheet 'Combined') for use by later builds"


def add_arguments(parser) -> None:
    parser.add_argument(
        "workbook", type=Path, help="APQC's PCF Excel release, e.g. 'K014749_APQC ... Version 7.4.xlsx'"
    )
    parser.add_argument(
        "--pcf-version", default=None, help="framework version (default: read from the file name, else 7.4)"
    )


#: The stages of an import, for the progress bar (terminal) or the stage lines (otherwise).
STAGE_LABELS = {"read": "read the workbook", "write": "write the PCF facts"}


def run(args) -> int:
    with StageReporter("procgraph import-pcf", STAGE_LABELS) as progress:
        target, count = import_workbook(args.workbook, args.pcf_version, progress=progress)
    print(f"imported {count} PCF elements into {target}; run 'procgraph build' to use them", file=sys.stderr)
    return 0
