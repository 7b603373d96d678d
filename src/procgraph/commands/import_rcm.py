"""``procgraph import-rcm``: read the organisation's risk-control matrix (XLSX or CSV) into the store."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph import config
from procgraph.commands._remote import REMOTE_TIMEOUT_S, add_remote_arguments, open_remote

NAME = "import-rcm"
HELP = (
    "import your organisation's risk-control matrix (.xlsx or .csv: procgraph's own rcm export, or a sheet "
    "with headers such as 流程编号/Process ID, 风险/Risk, 控制措施/Control, 控制负责人/Owner) into the store"
)


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the matrix, .xlsx or .csv (UTF-8)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        type=Path,
        default=None,
        help=f"store directory (default: $PROCGRAPH_HOME/store, here {config.default_store_path()})",
    )
    add_remote_arguments(parser, where)
    parser.add_argument(
        "--sheet",
        default=None,
        help="the workbook's sheet (default: 'RCM', else the first sheet with a process id column)",
    )
    parser.add_argument(
        "--columns",
        type=Path,
        default=None,
        metavar="MAPPING",
        help='file mapping other headers to columns procgraph knows: JSON {"header": "owner"} or '
        "lines 'header = owner' (meanings: element, pcf_id, control_id, control, practice_no, "
        "risk_no, risk, output_no, evidence, owner, frequency, control_type, key_control; "
        "risk@en for a language)",
    )
    parser.add_argument(
        "--name",
        default="org",
        help="name of the matrix; its graph is graph/rcm-NAME, and importing the same name again "
        "replaces it (default: org)",
    )


def run(args) -> int:
    from procgraph.importrcm import import_rcm, import_rcm_remote

    options = {"name": args.name, "sheet": args.sheet, "columns": args.columns}
    if args.store_url:
        remote = open_remote(args, timeout_s=REMOTE_TIMEOUT_S)
        try:
            report = import_rcm_remote(args.file, remote, **options)
        finally:
            remote.close()
    else:
        report = import_rcm(args.file, args.store, **options)
    s = report.summary
    where = f", sheet {report.sheet}" if report.sheet else ""
    print(
        f"imported {s.controls} controls from {report.file}{where} into <{report.graph}> ({report.quads} quads): "
        f"{len(s.elements)} elements in scope, {s.standard_risks} links to the standard's risks, "
        f"{s.own_risks} risks of the organisation's own wording, {len(s.owners)} owners",
        file=sys.stderr,
    )
    if s.unmapped:
        print(
            "columns not read (procgraph does not know them; map them with --columns): " + ", ".join(s.unmapped),
            file=sys.stderr,
        )
    for warning in s.warnings:
        print(f"warning: {report.file}: {warning}", file=sys.stderr)
    v = report.validation
    gaps = [r for r in v.results if r.shape.endswith(("RcmRiskHasControl", "RcmRiskControlOwned"))] if v else []
    print(
        f"risk-control matrix gaps: {len(gaps)} (risks in scope without a control, or without an owned control); "
        "procgraph validate lists them beside the standard's",
        file=sys.stderr,
    )
    return 0
