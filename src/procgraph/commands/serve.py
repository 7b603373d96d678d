"""``procgraph serve``: the SPARQL endpoint and query page over the built store (or a remote store)."""

from __future__ import annotations

import argparse

from procgraph import config
from procgraph.commands._remote import add_remote_arguments, remote_options
from procgraph.server import settings as limits

NAME = "serve"
HELP = "Serve the knowledge graph: SPARQL 1.1 endpoint at /sparql and a query page (builds the data first if needed)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store", metavar="DIR", help=f"embedded store directory (default {config.default_store_path()})"
    )
    add_remote_arguments(parser, where)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=limits.DEFAULT_TIMEOUT_S,
        help=f"seconds a query may run before it is stopped (default {limits.DEFAULT_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--max-rows",
        type=int,
        default=limits.MAX_RESULT_ROWS,
        help=f"most rows or triples in one answer (default {limits.MAX_RESULT_ROWS})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=limits.DEFAULT_WORKERS,
        help=f"query worker processes (default {limits.DEFAULT_WORKERS})",
    )
    parser.add_argument(
        "--enable-update", action="store_true", help="accept SPARQL Update and Graph Store writes (needs a token)"
    )
    parser.add_argument(
        "--update-token",
        metavar="TOKEN",
        help=f"token clients send as 'Authorization: Bearer TOKEN' (or set ${limits.UPDATE_TOKEN_ENV})",
    )
    parser.add_argument(
        "--cache-entries",
        type=int,
        default=limits.DEFAULT_CACHE_ENTRIES,
        metavar="N",
        help="answers a read-only endpoint keeps for repeated requests "
        f"(default {limits.DEFAULT_CACHE_ENTRIES}; 0 switches the cache off)",
    )
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser pages from ORIGIN to call the endpoint (repeatable; off by default)",
    )


def settings_from_args(args: argparse.Namespace) -> limits.Settings:
    """The server settings the command line asks for (errors as :class:`ProcgraphError`)."""
    from procgraph.errors import ProcgraphError

    token = args.update_token or limits.token_from_environment()
    if args.enable_update and not token:
        raise ProcgraphError(f"--enable-update needs a token: --update-token TOKEN or ${limits.UPDATE_TOKEN_ENV}")
    try:
        return limits.Settings(
            store_path=None if args.store_url else config.store_path(args.store),
            store_url=args.store_url,
            store_options=remote_options(args) if args.store_url else {},
            timeout_s=args.timeout,
            max_rows=args.max_rows,
            workers=args.workers,
            enable_update=args.enable_update,
            update_token=token if args.enable_update else None,
            cors_origins=tuple(args.cors),
            cache_entries=args.cache_entries,
        )
    except ValueError as exc:
        raise ProcgraphError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from procgraph.server.run import ensure_store, run_server

    settings = settings_from_args(args)
    if settings.store_path is not None:
        ensure_store(settings.store_path)
    run_server(settings, args.host, args.port)
    return 0
