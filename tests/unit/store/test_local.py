"""The embedded store: writes replace the previous store only when complete (also under
SIGKILL), interrupted swaps recover, and missing or damaged stores give a clear StoreError."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from procgraph.errors import StoreError
from procgraph.store import open_store, read_marker, write_store
from procgraph.store.local import MARKER

G = NamedNode("https://w3id.org/procgraph/graph/standard")


def quads(n: int, tag: str = "v") -> list[Quad]:
    return [
        Quad(NamedNode(f"https://example.org/{i}"), NamedNode("https://example.org/p"), Literal(f"{tag}{i}"), G)
        for i in range(n)
    ]


def test_write_then_open_read_only(tmp_path):
    path = tmp_path / "store"
    write_store(quads(10), path)
    store = open_store(path)
    assert len(store) == 10
    assert read_marker(path)["quads"] == 10
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(quads(1, "x")[0])


def test_rebuild_replaces_the_store_and_leaves_no_temporaries(tmp_path):
    path = tmp_path / "store"
    write_store(quads(10), path)
    write_store(quads(3, "new"), path)
    assert {q.object.value for q in open_store(path)} == {"new0", "new1", "new2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_failed_build_leaves_the_previous_store(tmp_path):
    path = tmp_path / "store"
    write_store(quads(5), path)

    def broken():
        yield from quads(3, "bad")
        raise RuntimeError("the graph stage failed")

    with pytest.raises(RuntimeError):
        write_store(broken(), path)
    assert len(open_store(path)) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_an_interrupted_swap_is_recovered(tmp_path):
    path = tmp_path / "store"
    write_store(quads(4), path)
    os.replace(path, tmp_path / ".store.previous")  # as if killed between the two renames
    assert len(open_store(path)) == 4


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda p: None, "no procgraph store here"),
        (lambda p: p.mkdir(), "not a complete procgraph store"),
        (lambda p: p.write_text("x"), "no procgraph store here"),
    ],
)
def test_missing_or_foreign_store_says_how_to_rebuild(tmp_path, damage, message):
    path = tmp_path / "store"
    damage(path)
    with pytest.raises(StoreError, match=message) as info:
        open_store(path)
    assert f"procgraph build --store {path}" in str(info.value)


def test_damaged_database_is_a_store_error(tmp_path):
    path = tmp_path / "store"
    write_store(quads(4), path)
    for f in path.iterdir():
        if f.name != MARKER:
            f.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="cannot be opened") as info:
        open_store(path)
    assert "procgraph build --store" in str(info.value)


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pyoxigraph import Literal, NamedNode, Quad
    from procgraph.store import write_store

    def slow():
        g = NamedNode("https://w3id.org/procgraph/graph/standard")
        for i in range(10**9):
            if i == 1000:
                print("writing", flush=True)
                time.sleep(60)
            yield Quad(NamedNode(f"https://example.org/{i}"), NamedNode("https://example.org/p"), Literal("x"), g)

    write_store(slow(), sys.argv[1])
""")


def test_sigkill_during_a_build_leaves_the_previous_store_usable(tmp_path):
    path = tmp_path / "store"
    write_store(quads(7), path)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        assert any(p.name.startswith(".store.building-") for p in tmp_path.iterdir())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert len(open_store(path)) == 7
    write_store(quads(2), path)  # the next build clears the dead build's leftovers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert len(open_store(path)) == 2


def test_store_path_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "store"
    path.write_text("not a directory")
    with pytest.raises(StoreError, match="is a file"):
        write_store(quads(1), path)
