"""Issue 14 B: several parts of the series built into one graph, one named graph per part."""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from procgraph.build import build
from procgraph.graph import GRAPHS
from procgraph.graph.standard import part_graph
from procgraph.ingest.gbkdamage import learn_readings
from tests.ingest.series_pages import PART_8_1_7
from tests.ingest.synthetic import write_page


def test_two_parts_one_graph(tmp_path, monkeypatch, bundled_source):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))
    readings = {**learn_readings(bundled_source.read_text(encoding="utf-8")), "驅": "qū"}
    folder = tmp_path / "parts"
    folder.mkdir()
    (folder / "gbpm-8-1.txt").write_bytes(bundled_source.read_bytes())
    write_page(folder / "gbpm-8-2.txt", PART_8_1_7["title"], PART_8_1_7["elements"], readings, damaged=True)
    report = build(folder, tmp_path / "store")
    assert report.elements == 39 + 5
    assert report.parts["8.0"].startswith("第8部分(1)") and report.parts["8.1.7.3"].startswith("第8部分(2)")
    assert {part_graph("gbpm-8", 1), part_graph("gbpm-8", 2)} <= set(report.graphs)
    covered = {e.id for e in report.validation.elements if e.covered}
    assert {"8.0", "8.1.6.4", "8.1.7", "8.1.7.3", "8.2.1"} <= covered  # the union of both parts
    store = Store.read_only(str(tmp_path / "store"))
    ask = store.query(f"""ASK {{ GRAPH <{part_graph('gbpm-8', 2)}> {{
        <https://w3id.org/procgraph/pcf/20647> <https://w3id.org/procgraph/ontology#coveredBy> ?s }} }}""")
    assert bool(ask)
    assert GRAPHS["standard"] in {g.value for g in store.named_graphs()}
    del store
