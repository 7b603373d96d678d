"""The pages' data shaping without a server: matrix rows, completeness columns, gap folding, charts."""

from __future__ import annotations

from procgraph.graph.rcm import Element, Item
from procgraph.server.pages.catalog import Catalog, Entry
from procgraph.server.pages.charts import bar_chart
from procgraph.server.pages.completeness import gaps


def _item(kind, n, practice=None):
    return Item(f"x/{kind}/{n}", kind, n, {"zh-Hans": f"{kind}{n}"}, {f"x/practice/{practice}"} if practice else set())


def test_align_pairs_items_and_keeps_unclaimed():
    items = [
        _item("practice", 1),
        _item("practice", 2),
        _item("risk", 1, 1),
        _item("risk", 2, 1),
        _item("output", 1, 2),
        _item("risk", 3),
        _item("output", 2),
    ]
    rows = Element("x", "8.1", None, {}, items).rows
    assert [(r.practice.n if r.practice else None, [i.n for i in r.risks], [i.n for i in r.outputs]) for r in rows] == [
        (1, [1, 2], []),
        (2, [], [1]),
        (None, [3], [2]),
    ]


def _entry(hid, covered, parent=None, **counts):
    e = Entry(
        f"e/{hid}",
        hid,
        None,
        hid.count(".") + (0 if hid.endswith(".0") else 1),
        parent and f"e/{parent}",
        names={"en": hid},
        covered=covered,
    )
    e.counts.update(counts)
    if covered:
        e.definitions["zh-Hans"] = "定义"
    return e


def test_columns_and_gap_folding():
    root = _entry("8.0", True, practice=1, risk=1, output=1)
    done = _entry("8.1", True, "8.0", practice=1, risk=1, output=0)
    bare = _entry("8.2", False, "8.0")
    leaf = _entry("8.2.1", False, "8.2")
    root.children, bare.children = [done, bare], [leaf]
    catalog = Catalog({e.iri: e for e in (root, done, bare, leaf)}, [root], set())
    assert [done.column(c) for c in ("definition", "practices", "risks", "outputs", "english")] == [
        "ok",
        "ok",
        "ok",
        "missing",
        "ok",
    ]
    assert bare.column("risks") == "na" and bare.score == (1, 1)
    found = [(g.entry.hierarchy_id, g.what, g.size) for g in gaps(catalog, catalog.subtree(root))]
    assert found == [("8.1", "outputs", 1), ("8.2", "uncovered", 2)]


def test_bar_chart_escapes_and_scales():
    chart = bar_chart([("8.1 <a&b>", 10, "/pcf/1"), ("8.2", 5, None)], title="t")
    assert "&lt;a&amp;b&gt;" in chart.svg and "<a&b>" not in chart.svg
    assert 'width="360"' in chart.svg and 'width="180"' in chart.svg
