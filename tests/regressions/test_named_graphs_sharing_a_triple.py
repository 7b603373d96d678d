"""Two named graphs holding the same triple: the union default graph is a set, so a query that
names no dataset sees the triple once. The overlap check asked for the second graph inside a
UNION branch where the first was not in scope, so it only ever found a named graph overlapping
the stored default graph; such a store was queried with pyoxigraph's union option and counted
the triple twice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pyoxigraph as ox

from procgraph.server.execute import QueryRequest
from procgraph.server.workers import WorkerPool
from procgraph.store import union
from procgraph.store.local import write_store

S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")


def _store(path: Path, graphs: int) -> Path:
    write_store([ox.Quad(S, P, ox.Literal("x"), ox.NamedNode(f"http://example.org/g{i}")) for i in range(graphs)], path)
    return path


def test_the_check_finds_two_named_graphs_sharing_a_triple(tmp_path):
    assert union.graphs_overlap(ox.Store.read_only(str(_store(tmp_path / "two", 2)))) is True
    assert union.graphs_overlap(ox.Store.read_only(str(_store(tmp_path / "one", 1)))) is False


def test_the_endpoint_counts_the_shared_triple_once(tmp_path):
    async def count() -> bytes:
        pool = WorkerPool(_store(tmp_path / "two", 2), 1)
        try:
            request = QueryRequest("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", accept="text/csv")
            answer = await pool.call("query", request, 10)
        finally:
            pool.close()
        assert answer.status == 200
        return answer.body

    assert asyncio.run(count()).split() == [b"n", b"1"]
