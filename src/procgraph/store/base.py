"""The one interface every store procgraph serves from implements.

Two classes implement it: :class:`procgraph.store.embedded.EmbeddedStore` (an Oxigraph directory
on disk) and :class:`procgraph.store.remote.RemoteStore` (a SPARQL store on another server,
Oxigraph server or Virtuoso). The server's protocol code (:mod:`procgraph.server.execute`) asks
only for what is named here, so both answer the same requests the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import pyoxigraph as ox


class SparqlStore(Protocol):
    """SPARQL over a store: pyoxigraph's ``query``, ``update`` and ``contains_named_graph``.

    ``query`` takes pyoxigraph's dataset keywords (``use_default_graph_as_union``,
    ``default_graph``, ``named_graphs``) and ``base_iri``, and returns pyoxigraph's answers
    (``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``).
    """

    def query(self, query: str, **kwargs: Any) -> Any: ...
    def update(self, update: str, **kwargs: Any) -> None: ...
    def contains_named_graph(self, graph: ox.NamedNode) -> bool: ...


class GraphStoreMethods(Protocol):
    """What the Graph Store Protocol needs from a store beyond SPARQL (graph ``None``: the default)."""

    def graph_triples(self, graph: str | None) -> Iterable[ox.Triple] | None: ...
    def replace_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool: ...
    def add_to_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool: ...
    def drop_graph(self, graph: str | None) -> bool: ...
