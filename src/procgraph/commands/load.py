"""``procgraph load``: load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into a store."""

from __future__ import annotations

import argparse

from procgraph import config
from procgraph.commands._remote import REMOTE_TIMEOUT_S, add_remote_arguments, open_remote
from procgraph.store.loading import FORMAT_NAMES

NAME = "load"
HELP = "Load your own RDF files into the store (or a remote SPARQL store) so the endpoint serves them."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="RDF files; the format comes from the file name")
    parser.add_argument("--graph", metavar="IRI", help="named graph for the triples (default: the default graph)")
    parser.add_argument("--format", choices=sorted(FORMAT_NAMES), help="format of every FILE (default: from the name)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store", metavar="DIR", help=f"embedded store directory (default {config.default_store_path()})"
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the embedded store when the directory does not exist yet (else: an error)",
    )
    add_remote_arguments(parser, where)


def run(args: argparse.Namespace) -> int:
    from procgraph.store import loading

    if args.store_url:
        remote = open_remote(args, timeout_s=REMOTE_TIMEOUT_S)
        try:
            loaded = loading.load_into_remote(args.files, remote, graph=args.graph, fmt=args.format)
        finally:
            remote.close()
        target = args.store_url
    else:
        from pathlib import Path

        from procgraph.errors import StoreError

        target = config.store_path(args.store)
        if not Path(target).exists() and not args.create:
            raise StoreError(
                f"there is no store at {target}", hint="check --store, or pass --create to make a new store there"
            )
        loaded = loading.load_into_store(args.files, target, graph=args.graph, fmt=args.format)
    for item in loaded:
        print(f"{item.path}: {item.quads} quads ({item.format.name})")
    where = f" into graph <{args.graph}>" if args.graph else ""
    print(f"loaded {sum(i.quads for i in loaded)} quads from {len(loaded)} file(s){where} into {target}")
    return 0
