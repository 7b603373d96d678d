"""Whether two graphs share a triple decides how the union default graph is evaluated
(store/union.py). Finding out reads every quad (7-8 s at 100 times the bundled data), so the
build saves the answer with the store and a worker settles it before it says it is ready:
never inside a query's deadline, where a fresh worker at scale was stopped before it answered."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from procgraph.build import build
from procgraph.queries import prepared
from procgraph.store import union
from procgraph.store.embedded import EmbeddedStore
from procgraph.store.local import write_store

SMALL = Path(__file__).resolve().parents[1] / "graph" / "fixtures" / "records-small.json"
S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _overlapping_store(path: Path) -> Path:
    """A store whose two graphs hold the same triple, with the fact saved as the build saves it."""
    quads = [ox.Quad(S, P, ox.Literal("x"), ox.NamedNode(f"http://example.org/g{i}")) for i in (1, 2)]

    def finish(directory: Path) -> None:
        found = union.graphs_overlap(ox.Store.read_only(str(directory)))
        prepared.write_answers(directory, prepared.Preparation([], [], found))

    write_store(quads, path, finish=finish)
    return path


def test_the_build_saves_what_the_store_holds(tmp_path):
    store = tmp_path / "store"
    build(SMALL, store)
    assert prepared.saved_graphs_overlap(store) is union.graphs_overlap(ox.Store.read_only(str(store)))
    overlapping = _overlapping_store(tmp_path / "overlap")
    assert prepared.saved_graphs_overlap(overlapping) is True


def test_the_saved_fact_does_not_hold_once_the_files_change(tmp_path):
    path = _overlapping_store(tmp_path / "overlap")
    writable = ox.Store(str(path))
    writable.add(ox.Quad(S, P, ox.Literal("y"), ox.NamedNode("http://example.org/g3")))
    writable.flush()
    del writable
    assert prepared.saved_graphs_overlap(path) is None
    assert prepared.saved_graphs_overlap(tmp_path / "nothing-here") is None


def test_a_primed_store_never_looks_inside_a_query(tmp_path, monkeypatch):
    store = EmbeddedStore(_overlapping_store(tmp_path / "overlap"))
    store.prime(True)

    def looked(*args, **kwargs):
        raise AssertionError("the overlap was looked for inside a query")

    monkeypatch.setattr(union, "graphs_overlap", looked)
    rows = list(store.query(COUNT, use_default_graph_as_union=True))
    assert rows[0]["n"].value == "1"  # the triple once: the union is a set of triples


def test_priming_without_a_saved_fact_finds_it(tmp_path):
    store = EmbeddedStore(_overlapping_store(tmp_path / "overlap"))
    store.prime()
    assert [r["n"].value for r in store.query(COUNT, use_default_graph_as_union=True)] == ["1"]
