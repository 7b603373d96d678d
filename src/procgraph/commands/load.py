"""``procgraph load``: load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into a store."""

from __future__ import annotations

import argparse

from procgraph import config
from procgraph.store.loading import FORMAT_NAMES

NAME = "load"
HELP = "Load your own RDF files into the store (or a remote SPARQL store) so the endpoint serves them."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="RDF files; the format comes from the file name")
    parser.add_argument("--graph", metavar="IRI", help="named graph for the triples (default: the default graph)")
    parser.add_argument("--format", choices=sorted(FORMAT_NAMES), help="format of every FILE (default: from the name)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help=f"embedded store directory (default {config.default_store_path()})")
    where.add_argument("--store-url", metavar="URL", help="SPARQL query endpoint of a remote store (e.g. Oxigraph's /query)")
    parser.add_argument("--create", action="store_true",
                        help="create the embedded store when the directory does not exist yet (else: an error)")
    parser.add_argument("--store-graph-store-url", metavar="URL",
                        help="Graph Store Protocol URL of the remote store (derived for Oxigraph server)")


def run(args: argparse.Namespace) -> int:
    from procgraph.store import loading

    if args.store_url:
        from procgraph.store.remote import RemoteStore

        remote = RemoteStore(args.store_url, graph_store_url=args.store_graph_store_url, timeout_s=300)
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
            raise StoreError(f"there is no store at {target}",
                             hint="check --store, or pass --create to make a new store there")
        loaded = loading.load_into_store(args.files, target, graph=args.graph, fmt=args.format)
    for item in loaded:
        print(f"{item.path}: {item.quads} quads ({item.format.name})")
    where = f" into graph <{args.graph}>" if args.graph else ""
    print(f"loaded {sum(i.quads for i in loaded)} quads from {len(loaded)} file(s){where} into {target}")
    return 0
