"""``procgraph sparql``: run any SPARQL query on the built store, with the endpoint's limits."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph.commands._answers import add_output_arguments, answer
from procgraph.errors import InputError

NAME = "sparql"
HELP = (
    "run a SPARQL query on the store (text, a file, or - for standard input) with the endpoint's "
    "limits and deadline; exit 2 for a malformed or refused query"
)


def add_arguments(parser) -> None:
    parser.add_argument("query", help="the query text, a file holding it (.rq), or - to read standard input")
    add_output_arguments(parser)


def query_text(given: str) -> str:
    """The query: standard input for ``-``, a file's text when ``given`` names one, else ``given``."""
    if given == "-":
        return sys.stdin.read()
    path = Path(given)
    try:
        is_file = len(given) < 4096 and "\n" not in given and path.is_file()
    except OSError:
        is_file = False
    if is_file:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query: {exc}", file=given) from None
    return given


def run(args) -> int:
    text = query_text(args.query)
    if not text.strip():
        raise InputError("the query is empty")
    return answer(args, text)
