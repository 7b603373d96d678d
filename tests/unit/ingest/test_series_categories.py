"""Issue 14: parts of different categories in one graph (8.0 from the bundled 第8部分(1), 4.0 from
a damaged 第4部分(2) page), built with the whole PCF 7.4 imported.

Each category is a standard of its own (``gbpm-8``, ``gbpm-4``): an element's items are keyed by
its own category's standard, each part has its graph, completeness is scored over both
categories, themes tag the items of both and links are computed for the elements of both.
"""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Store

from procgraph import pcf
from procgraph.graph import GRAPHS, iris
from procgraph.graph.standard import part_graph
from tests.unit.ingest.series_pages import PART_4_1_2, build_series

PART_8, PART_4 = "第8部分(1) gbpm-8-1.txt", "第4部分(2) gbpm-4-2.txt"
PG = "https://w3id.org/procgraph/ontology#"


@pytest.fixture(scope="module")
def two_categories(tmp_path_factory, bundled_source, apqc_dir):
    """(build report, store path) of 第8部分(1) and 第4部分(2) built together from one folder."""
    root = tmp_path_factory.mktemp("categories")

    def import_pcf() -> None:
        pcf.write_csv(pcf.read_csv(apqc_dir / "pcf-cross-industry-7.4.csv"), pcf.imported_path())

    return build_series(root, bundled_source, PART_4_1_2, "gbpm-4-2.txt", import_pcf), root / "store"


def _select(store: Store, query: str) -> list[tuple]:
    """Rows of ``query`` over the union of the graphs, as the endpoint answers it."""
    rows = store.query(query, use_default_graph_as_union=True)
    return [tuple(t.value if t is not None else None for t in row) for row in rows]


def test_one_standard_per_category_and_one_graph_per_part(two_categories):
    report, store_path = two_categories
    assert report.parts["8.0"] == PART_8 and report.parts["4.1.2"] == PART_4
    # 第4部分(2) is the second source in name order (gbpm-4-2 < gbpm-8-1), so its graph is p1
    assert {part_graph("gbpm-4", 1), part_graph("gbpm-8", 2)} <= set(report.graphs)
    store = Store.read_only(str(store_path))
    standards = _select(
        store,
        f"""SELECT ?std (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        GRAPH ?g {{ ?e <{PG}coveredBy> ?std }} }} GROUP BY ?std ORDER BY ?std""",
    )
    assert standards == [(iris.standard("gbpm-4"), str(len(PART_4_1_2["elements"]))), (iris.standard("gbpm-8"), "39")]
    typed = _select(
        store,
        f"""SELECT ?std WHERE {{ GRAPH <{GRAPHS["standard"]}> {{ ?std a <{PG}Standard> }} }}
                              ORDER BY ?std""",
    )
    assert typed == [(iris.standard("gbpm-4"),), (iris.standard("gbpm-8"),)]
    sources = _select(
        store,
        """SELECT ?std ?label WHERE { ?std <http://www.w3.org/ns/prov#hadPrimarySource> ?doc .
        ?doc <http://purl.org/dc/terms/identifier> ?label } ORDER BY ?std""",
    )
    assert sources == [(iris.standard("gbpm-4"), PART_4), (iris.standard("gbpm-8"), PART_8)]
    del store


def test_items_are_keyed_by_their_own_categorys_standard(two_categories):
    _, store_path = two_categories
    store = Store.read_only(str(store_path))
    first = PART_4_1_2["elements"][0]
    risks = _select(
        store,
        f"""SELECT ?r ?t WHERE {{ <{iris.pcf_element(first["pcf_id"])}> <{PG}hasRisk> ?r .
        ?r <{PG}position> 1 ; <{PG}text> ?t FILTER(lang(?t) = "zh-hant") }}""",
    )
    assert risks == [(iris.item("gbpm-4", first["pcf_id"], "risk", 1), first["risks"][0])]
    assert bool(
        store.query(
            f"ASK {{ <{iris.item('gbpm-8', 20610, 'risk', 1)}> a <{PG}Risk> }}", use_default_graph_as_union=True
        )
    )
    assert not bool(
        store.query(
            f'ASK {{ ?x a <{PG}Risk> FILTER(STRSTARTS(STR(?x), "{iris.standard("gbpm-8")}/")'
            f" && EXISTS {{ <{iris.pcf_element(first['pcf_id'])}> <{PG}hasRisk> ?x }}) }}",
            use_default_graph_as_union=True,
        )
    )
    del store


def test_completeness_themes_and_links_cover_both_categories(two_categories):
    report, store_path = two_categories
    by_id = {e.id: e for e in report.validation.elements}
    assert by_id["4.1.2"].covered and by_id["4.1.2"].part == PART_4
    assert by_id["8.1.1"].covered and by_id["8.1.1"].part == PART_8
    assert not by_id["4.1.2.3"].covered  # the part skips it
    assert {p["part"] for p in report.validation.by_part()} == {PART_4, PART_8}
    store = Store.read_only(str(store_path))
    tagged = _select(
        store,
        f"""SELECT DISTINCT ?std WHERE {{ GRAPH <{GRAPHS["themes"]}> {{ ?tag ?p ?item }}
        ?e <{PG}hasRisk> ?item ; <{PG}coveredBy> ?std }} ORDER BY ?std""",
    )
    assert (iris.standard("gbpm-4"),) in tagged and (iris.standard("gbpm-8"),) in tagged
    linked = _select(
        store,
        f"""SELECT DISTINCT ?id WHERE {{ GRAPH <{GRAPHS["links"]}> {{ ?e ?p ?target }}
        ?e <{PG}hierarchyId> ?id ; <{PG}coveredBy> <{iris.standard("gbpm-4")}> }}""",
    )
    assert linked, "no element of category 4 links to another category"
    del store


def test_pages_show_both_categories(two_categories):
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    app = create_app(Settings(store_path=two_categories[1], workers=1, timeout_s=20))
    with TestClient(app) as client:
        for path in ("/", "/completeness"):
            html = client.get(path, headers={"Accept-Language": "en"}).text
            assert 'data-category="4.0"' in html and 'data-category="8.0"' in html, path
            for part in (PART_4, PART_8):
                assert f'data-part="{part}"' in html, path
        body = json.loads(client.get("/api/validation").text)
        assert {p["part"] for p in body["by_part"]} == {PART_4, PART_8}
        first = PART_4_1_2["elements"][0]
        store = Store.read_only(str(two_categories[1]))
        (risk,) = _select(
            store,
            f"""SELECT ?t WHERE {{ <{iris.item("gbpm-4", first["pcf_id"], "risk", 1)}>
                                      <{PG}text> ?t FILTER(lang(?t) = "zh-hans") }}""",
        )
        del store
        page = client.get(f"/pcf/{first['pcf_id']}", headers={"Accept": "text/html", "Accept-Language": "zh-Hans"})
        assert page.status_code == 200 and risk[0] in page.text
        assert f'href="/std/gbpm-4/{first["pcf_id"]}/risk/1"' in page.text
        item = client.get(f"/std/gbpm-4/{first['pcf_id']}/risk/1", headers={"Accept": "text/html"})
        assert item.status_code == 200 and risk[0] in item.text


def test_the_risk_control_matrix_export_has_both_categories(two_categories):
    import csv
    import io

    from procgraph.export import export_bytes
    from procgraph.store import open_store

    store = open_store(two_categories[1])
    try:
        rows = list(csv.reader(io.StringIO(export_bytes(store, "rcm-csv").decode("utf-8-sig"))))
    finally:
        del store
    ids = [row[0] for row in rows[1:]]
    assert "4.1.2" in ids and "8.1.1.1" in ids
    assert ids.index("4.1.2") < ids.index("8.1.1.1")  # hierarchy order across the categories
