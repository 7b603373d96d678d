"""The embedded Oxigraph store on disk, seen through the one store interface (:mod:`procgraph.store.base`)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from procgraph.errors import StoreError
from procgraph.store import union
from procgraph.store.local import open_store

#: Tries at opening a read-only handle while the update worker may be rewriting files.
OPEN_ATTEMPTS = 5


def _graph_name(graph: str | None):
    return ox.NamedNode(graph) if graph else ox.DefaultGraph()


class EmbeddedStore:
    """A pyoxigraph store on disk, opened read-only (queries) or read-write (updates).

    A read-only handle sees the database as it was when opened; :meth:`refresh` reopens it
    (used when a read fails because the files changed underneath).
    """

    #: ``update`` takes ``union_default_graph`` (the remote store leaves that to its server).
    union_updates = True

    def __init__(self, path: Path, *, read_only: bool = True, snapshot: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.snapshot = snapshot
        self.store = self._open()
        self._overlap: bool | None = None  # do two graphs share a triple? (None: not known yet)
        self._merged: ox.Store | None = None  # the store with its set union as default graph

    def _open(self) -> ox.Store:
        """Open the database; a read-only open is retried while a writer is replacing files.

        RocksDB's read-only mode reads the file list once; if the update worker compacts at that
        moment a listed file can vanish, which fails the open. A second try sees the new list.
        """
        if self.snapshot:  # a checkpoint made by the update worker: no marker, never written to
            return ox.Store.read_only(str(self.path))
        for attempt in range(OPEN_ATTEMPTS):
            try:
                return open_store(self.path, read_only=self.read_only)
            except StoreError:
                if not self.read_only or attempt == OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    def refresh(self) -> None:
        """Reopen a read-only handle (it is a snapshot); a read-write handle is always current."""
        if not self.read_only:
            return
        del self.store  # the old handle goes before the new one opens
        self._overlap, self._merged = None, None
        self.store = self._open()

    def prime(self, overlap: bool | None = None) -> None:
        """Settle now how the union default graph is evaluated, rather than in the first query
        that needs it (at 100 times the bundled data finding the overlap reads every quad, 7-8 s,
        and copying an overlapping store takes longer: inside a query's deadline a fresh worker
        would be stopped before it ever answered). ``overlap``: the answer if known (the build
        saves it: :func:`procgraph.queries.prepared.saved_graphs_overlap`)."""
        self._overlap = union.graphs_overlap(self.store) if overlap is None else overlap
        if self._overlap and self._merged is None:
            self._merged = union.merged_store(self.store)

    def _changed(self) -> None:
        self._overlap, self._merged = None, None

    def query(self, query: str, *, use_default_graph_as_union: bool = False, default_graph=None, **kwargs):
        """pyoxigraph's ``query``, with a default graph that is a set of triples (see :mod:`.union`)."""
        if use_default_graph_as_union:
            if self._overlap is None:  # not primed (a handle reopened, or after a write): settle it now
                self.prime()
            if self._merged is None:
                return self.store.query(query, use_default_graph_as_union=True, **kwargs)
            return self._merged.query(query, **kwargs)
        several = isinstance(default_graph, list) and len(default_graph) > 1
        if several and union.graphs_overlap(self.store, default_graph):
            named = kwargs.pop("named_graphs", None)
            merged = union.merged_store(self.store, default_graph, named)
            # the dataset given here, not the query's FROM, which names graphs of the real store
            return merged.query(query, default_graph=ox.DefaultGraph(), named_graphs=named or [], **kwargs)
        if default_graph is not None:
            kwargs["default_graph"] = default_graph
        return self.store.query(query, **kwargs)

    def update(self, update: str, *, union_default_graph: bool = False, **kwargs) -> None:
        """Apply ``update``; with ``union_default_graph`` its WHERE sees every graph (see :mod:`.union`)."""
        if union_default_graph:
            update = union.union_update(
                update, [g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]
            )
        self._changed()
        self.store.update(update, **kwargs)
        self.store.flush()

    def snapshot_to(self, target: Path) -> None:
        """Write a consistent read-only copy of the database to ``target`` (hard links; see workers)."""
        self.store.backup(str(target))

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return self.store.contains_named_graph(graph)

    def graph_triples(self, graph: str | None) -> Iterable[ox.Triple] | None:
        name = _graph_name(graph)
        if graph and not self.store.contains_named_graph(name):
            return None
        return (q.triple for q in self.store.quads_for_pattern(None, None, None, name))

    def _exists(self, graph: str | None) -> bool:
        return graph is None or self.store.contains_named_graph(ox.NamedNode(graph))

    def replace_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool:
        self._changed()
        created = not self._exists(graph)
        name = _graph_name(graph)
        if not created:
            self.store.clear_graph(name)
        self.add_to_graph(graph, triples)
        return created

    def add_to_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool:
        self._changed()
        created = not self._exists(graph)
        name = _graph_name(graph)
        if graph:
            self.store.add_graph(name)
        self.store.extend([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples])
        self.store.flush()
        return created

    def drop_graph(self, graph: str | None) -> bool:
        self._changed()
        if graph is None:
            self.store.clear_graph(ox.DefaultGraph())
        elif self.store.contains_named_graph(ox.NamedNode(graph)):
            self.store.remove_graph(ox.NamedNode(graph))
        else:
            return False
        self.store.flush()
        return True
