"""``procgraph query``: run a named query (``queries/*.rq``) on the store without a server.

``procgraph query`` lists the named queries with their titles and parameters;
``procgraph query NAME --PARAM VALUE …`` runs one, its parameters bound as ``/api/queries/NAME``
binds them (:func:`procgraph.queries.bind`), with the endpoint's limits and deadline. A
parameter whose default is a theme (``risks-by-theme --topic``) also takes any theme label or
slug (沟通, 溝通, communication), resolved by the thesaurus ``/api/risks?theme=`` uses.
"""

from __future__ import annotations

import argparse
import json

from procgraph.commands._answers import add_output_arguments, answer
from procgraph.errors import QueryError

NAME = "query"
HELP = (
    "run a named query (procgraph query NAME --param value …; no NAME lists them) with the endpoint's "
    "limits and deadline"
)


def add_arguments(parser) -> None:
    parser.add_argument("name", nargs="?", help="the named query (without it: the list of named queries)")
    parser.add_argument(
        "parameters",
        nargs=argparse.REMAINDER,
        metavar="--PARAM VALUE",
        help="the query's parameters, e.g. --topic 沟通 (procgraph query NAME --help lists them)",
    )
    add_output_arguments(parser)


def _queries():
    from procgraph.queries import named_queries

    return named_queries()


def query_parser(query) -> argparse.ArgumentParser:
    """The options of one named query: its parameters, and the output options again."""
    parser = argparse.ArgumentParser(
        prog=f"procgraph query {query.name}",
        description=query.header.get("title", query.name),
        epilog=query.header.get("parameters"),
    )
    for p in query.parameters:
        parser.add_argument(
            f"--{p.name}", default=argparse.SUPPRESS, metavar=p.kind.upper(), help=f"{p.kind} (default {p.default})"
        )
    add_output_arguments(parser, suppress=True)
    return parser


def _theme_value(default: str, value: str) -> str:
    """A theme label or slug as its IRI when the parameter's default is a theme; other values unchanged."""
    from procgraph.queries import theme_value

    resolved = theme_value(default, value)
    if resolved is None:
        raise QueryError(
            f"no theme is called {value!r}; name one by a label in zh-Hans, zh-Hant or en, its slug "
            "or its IRI (procgraph themes list shows them)"
        )
    return resolved


def values_for(query, options: dict) -> dict[str, str]:
    """The parameter values given on the command line, theme labels resolved to IRIs."""
    kinds = {p.name: p for p in query.parameters}
    values = {}
    for name, value in options.items():
        if name in kinds:
            p = kinds[name]
            values[name] = _theme_value(p.default, value) if p.kind == "iri" else value
    return values


def listing(queries) -> tuple[list[str], list[list[str]]]:
    rows = [
        [q.name, q.header.get("title", ""), " ".join(f"--{p.name} {p.default}" for p in q.parameters)]
        for q in queries.values()
    ]
    return ["name", "title", "parameters (defaults)"], rows


def run(args) -> int:
    from procgraph.queries import bind
    from procgraph.server import errors

    queries = _queries()
    if not args.name:
        if args.format == "json":
            print(json.dumps({"queries": [q.describe() for q in queries.values()]}, ensure_ascii=False, indent=2))
        else:
            from procgraph.textable import table

            columns, rows = listing(queries)
            print(table(columns, rows, max_cell=80))
        return 0
    query = queries.get(args.name)
    if query is None:
        raise QueryError(
            f"no named query {args.name!r}; the named queries: {', '.join(queries)} "
            "(procgraph query lists them with their parameters)"
        )
    parser = query_parser(query)
    try:
        given = vars(parser.parse_args(args.parameters))
    except SystemExit as exc:  # --help (0), or argparse's own usage error (2), already printed
        return int(exc.code or 0)
    for key in ("format", "store", "store_url", "timeout", "max_rows"):
        if key in given:
            setattr(args, key, given.pop(key))
    try:
        text = bind(query, values_for(query, given))
    except errors.ProtocolError as exc:
        raise QueryError(exc.message) from None
    return answer(args, text)
