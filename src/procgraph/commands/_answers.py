"""What ``procgraph query`` and ``procgraph sparql`` share: store and limit options, running a
query through :func:`procgraph.server.oneshot.run_once`, and writing its answer.

Output formats (``-f``): ``table`` (default; a plain-text table, CJK-aware widths, long cells cut
with "…", IRIs written with procgraph's usual prefixes and the query's own:
``theme:communication``), ``csv`` (SPARQL 1.1 CSV results: header on line 1, no comments),
``json`` (the SPARQL 1.1 Query Results JSON document, exactly as ``/sparql`` returns it), ``tsv``
and ``xml``. A
CONSTRUCT or DESCRIBE answer is RDF: ``table`` writes Turtle, ``json`` JSON-LD, and ``ttl``,
``nt``, ``jsonld``, ``rdf`` name one. An ASK answer is ``true`` or ``false``.

Exit codes: 0 answered; 2 the query is malformed, refused, too large an answer, past the deadline,
or the store cannot be opened (one message on standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from procgraph import config
from procgraph.errors import QueryError

RESULT_FORMATS = ("table", "csv", "json", "tsv", "xml")
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "rdf")
FORMATS = RESULT_FORMATS + GRAPH_FORMATS
#: For a CONSTRUCT/DESCRIBE answer: what ``table`` and ``json`` mean.
_GRAPH_EQUIVALENT = {"table": "ttl", "json": "jsonld"}


def add_output_arguments(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """``-f``, ``--store``, ``--store-url``, ``--timeout``, ``--max-rows`` (defaults: the endpoint's)."""
    from procgraph.server import settings as limits

    default = (lambda value: argparse.SUPPRESS) if suppress else (lambda value: value)
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=default("table"),
        help="table (default), csv (header on line 1), json (SPARQL JSON results), tsv, xml; "
        "for CONSTRUCT/DESCRIBE ttl, nt, jsonld, rdf",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        type=Path,
        default=default(None),
        help=f"store directory (default: $PROCGRAPH_HOME/store, here {config.default_store_path()})",
    )
    where.add_argument(
        "--store-url",
        metavar="URL",
        default=default(None),
        help="ask a remote SPARQL store (its query endpoint) instead",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=default(limits.DEFAULT_TIMEOUT_S),
        metavar="SECONDS",
        help=f"stop the query after this long, as the endpoint does (default {limits.DEFAULT_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--max-rows",
        type=int,
        default=default(limits.MAX_RESULT_ROWS),
        metavar="N",
        help=f"most rows or triples in the answer, as the endpoint (default {limits.MAX_RESULT_ROWS})",
    )


def settings(args):
    """Endpoint settings for one query: one read-only worker on the store, or the remote store."""
    from procgraph.server.settings import Settings

    try:
        return Settings(
            store_path=None if args.store_url else config.store_path(args.store),
            store_url=args.store_url,
            timeout_s=args.timeout,
            max_rows=args.max_rows,
            workers=1,
            cache_entries=0,
        )
    except ValueError as exc:
        raise QueryError(str(exc)) from None


def _format_param(text: str, fmt: str) -> str:
    from procgraph.server import safety

    try:
        form = safety.scan_query(text).form
    except QueryError:
        form = None  # run_query says why, as the endpoint does
    if form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in _GRAPH_EQUIVALENT:
            return _GRAPH_EQUIVALENT[fmt]
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a {form} answer is RDF, not a table: use -f ttl, nt, jsonld or rdf")
        return fmt
    if fmt in GRAPH_FORMATS:
        raise QueryError(
            f"-f {fmt} is for CONSTRUCT and DESCRIBE answers; a {form or 'SELECT'} answer "
            "is written as table, csv, json, tsv or xml"
        )
    return "json" if fmt == "table" else fmt


def answer(args, text: str, out=None) -> int:
    """Run ``text`` as the endpoint would and write the answer to ``out`` (standard output)."""
    from procgraph.server.execute import EMPTY_GRAPHS_HEADER, QueryRequest
    from procgraph.server.oneshot import run_once

    out = out or sys.stdout
    param = _format_param(text, args.format)
    reply = run_once(settings(args), QueryRequest(query=text, format_param=param, max_rows=args.max_rows))
    body = reply.body.decode("utf-8", "replace")
    if reply.status != 200:
        raise QueryError(body.strip() or f"the query failed (status {reply.status})")
    if reply.headers.get(EMPTY_GRAPHS_HEADER):
        print(
            f"note: these graphs are not in the store and read as empty: {reply.headers[EMPTY_GRAPHS_HEADER]}",
            file=sys.stderr,
        )
    if args.format == "table" and param == "json":
        body = render_table(json.loads(body), prefixes(text)) + "\n"
    out.write(body if body.endswith("\n") or not body else body + "\n")
    out.flush()
    return 0


def prefixes(text: str) -> dict[str, str]:
    """procgraph's usual prefixes (pg:, pcf:, theme:, skos:, …) and those the query declares."""
    from procgraph.namespaces import PREFIXES
    from procgraph.sparqltext import tokenize

    found = dict(PREFIXES)
    tokens = tokenize(text)
    for i, token in enumerate(tokens[:-2]):
        if token.keyword == "PREFIX" and tokens[i + 2].kind == "iri":
            found[tokens[i + 1].text.rstrip(":")] = tokens[i + 2].text[1:-1]
    return found


def compact(iri: str, names: dict[str, str]) -> str:
    """``iri`` as prefix:local with the longest namespace that gives a plain local name, else as it is.

    >>> compact("https://w3id.org/procgraph/theme/communication", {"theme": "https://w3id.org/procgraph/theme/"})
    'theme:communication'
    """
    best = max(
        (ns for ns in names.values() if iri.startswith(ns) and _plain_local(iri[len(ns) :])), key=len, default=None
    )
    if best is None:
        return iri
    prefix = next(p for p, ns in names.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def _plain_local(local: str) -> bool:
    return bool(local) and all(ch.isalnum() or ch in "_-" for ch in local)


def cell(binding: dict | None, names: dict[str, str] | None = None) -> str:
    """A SPARQL JSON term as a table cell: the IRI (compacted with ``names``), the literal's text,
    ``_:id`` for a blank node."""
    if not binding:
        return ""
    if binding.get("type") == "bnode":
        return "_:" + binding["value"]
    if binding.get("type") == "triple":
        return "<< … >>"
    if binding.get("type") == "uri" and names:
        return compact(binding["value"], names)
    return binding.get("value", "")


def render_table(document: dict, names: dict[str, str] | None = None) -> str:
    """A SPARQL JSON results document (SELECT or ASK) as a terminal table (IRIs compacted with ``names``)."""
    from procgraph.textable import table

    if "boolean" in document:
        return "true" if document["boolean"] else "false"
    columns = document["head"]["vars"]
    rows = [[cell(b.get(c), names) for c in columns] for b in document["results"]["bindings"]]
    return table(columns, rows)
