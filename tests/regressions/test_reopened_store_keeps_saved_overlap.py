"""A worker's read-only handle that fails with an I/O error is reopened and the request retried
(server/workers._answer). The reopened handle forgot the overlap fact the build saved, so the
retry read every quad to find it again inside the request's deadline: at 100 times the bundled
data 7-8 s, which the deadline stops. The reopened handle is now primed from the saved fact."""

from __future__ import annotations

import pyoxigraph as ox

from procgraph.server import workers
from procgraph.store import union
from procgraph.store.embedded import EmbeddedStore
from tests.unit.store.test_union_overlap import COUNT, _overlapping_store


def test_a_reopened_handle_uses_the_saved_overlap(tmp_path, monkeypatch):
    store = EmbeddedStore(_overlapping_store(tmp_path / "overlap"))
    workers._prime(store, "ro")
    failures = [OSError("a file the handle lists is gone")]

    def operation(handle, request):
        if failures:
            raise failures.pop()
        return list(handle.query(request, use_default_graph_as_union=True))

    def looked(*args, **kwargs):
        raise AssertionError("the overlap was looked for inside a request")

    monkeypatch.setattr(union, "graphs_overlap", looked)
    rows = workers._answer(store, operation, COUNT, "ro")
    assert not failures  # the first try failed and the handle was reopened
    assert rows[0]["n"] == ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
