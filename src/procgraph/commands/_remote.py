"""The remote-store options ``build``, ``load`` and ``serve`` share, and the client they make.

The password is read from ``$PROCGRAPH_STORE_PASSWORD`` only: a password on the command line
would show in ``ps`` and in shell history.
"""

from __future__ import annotations

import argparse
import os

from procgraph.store.remote import KINDS, PASSWORD_ENV

#: Seconds one request of a build, a load or an import may take on a remote store (the upload or read of
#: the largest graph).
REMOTE_TIMEOUT_S = 600.0


def add_remote_arguments(parser: argparse.ArgumentParser, where) -> None:
    """``--store-url`` (into the mutually exclusive group ``where``) and the options that go with it."""
    where.add_argument(
        "--store-url",
        metavar="URL",
        help="query endpoint of a remote SPARQL store (Oxigraph server's /query, Virtuoso's /sparql)",
    )
    parser.add_argument(
        "--store-kind",
        choices=KINDS,
        default=None,
        help="kind of remote store (default: found from the URL or the server's answer)",
    )
    parser.add_argument(
        "--store-user",
        metavar="NAME",
        help=f"account for writes to the remote store; its password comes from ${PASSWORD_ENV}",
    )
    parser.add_argument(
        "--store-update-url",
        metavar="URL",
        help="the remote store's update endpoint (derived for Oxigraph server and Virtuoso)",
    )
    parser.add_argument(
        "--store-graph-store-url",
        metavar="URL",
        help="the remote store's Graph Store Protocol URL (derived for Oxigraph server and Virtuoso)",
    )


def remote_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for :class:`procgraph.store.remote.RemoteStore` (after the query URL)."""
    return {
        "update_url": args.store_update_url,
        "graph_store_url": args.store_graph_store_url,
        "kind": args.store_kind,
        "user": args.store_user,
        "password": (os.environ.get(PASSWORD_ENV) or None) if args.store_user else None,
    }


def open_remote(args: argparse.Namespace, timeout_s: float):
    """The :class:`~procgraph.store.remote.RemoteStore` the arguments name."""
    from procgraph.store.remote import RemoteStore

    return RemoteStore(args.store_url, timeout_s=timeout_s, **remote_options(args))
