"""Issue 14 B: several parts of the series built into one graph, one named graph per part.

One build of two parts (the bundled 第8部分(1) and a damaged 第8部分(2) page starting at 8.1.7)
for the whole module: completeness is scored over the union, the report names each element's
part, and the home page and completeness dashboard show coverage per category and per part.
"""

from __future__ import annotations

import json
import re

import pytest
from pyoxigraph import Store

from procgraph.graph import GRAPHS
from procgraph.graph.standard import part_graph
from procgraph.validate import load_saved_report
from procgraph.validate.render import render
from tests.unit.ingest.series_pages import PART_8_1_7, build_series

PART_1, PART_2 = "第8部分(1) gbpm-8-1.txt", "第8部分(2) gbpm-8-2.txt"


@pytest.fixture(scope="module")
def series(tmp_path_factory, bundled_source):
    """(build report, store path) of the two parts built from a folder."""
    root = tmp_path_factory.mktemp("series")
    return build_series(root, bundled_source, PART_8_1_7, "gbpm-8-2.txt"), root / "store"


def test_two_parts_one_graph(series):
    report, store_path = series
    assert report.elements == 39 + 5
    assert report.parts["8.0"] == PART_1 and report.parts["8.1.7.3"] == PART_2
    assert {part_graph("gbpm-8", 1), part_graph("gbpm-8", 2)} <= set(report.graphs)
    covered = {e.id for e in report.validation.elements if e.covered}
    assert {"8.0", "8.1.6.4", "8.1.7", "8.1.7.3", "8.2.1"} <= covered  # the union of both parts
    store = Store.read_only(str(store_path))
    ask = store.query(f"""ASK {{ GRAPH <{part_graph("gbpm-8", 2)}> {{
        <https://w3id.org/procgraph/pcf/20647> <https://w3id.org/procgraph/ontology#coveredBy> ?s }} }}""")
    assert bool(ask)
    assert GRAPHS["standard"] in {g.value for g in store.named_graphs()}
    del store


def test_completeness_is_scored_over_the_union(series):
    """An element only part 2 covers is covered and scored on its content, not reported as a coverage gap."""
    report, _ = series
    by_id = {e.id: e for e in report.validation.elements}
    for hid in ("8.1.7", "8.1.7.1", "8.1.7.3"):  # only in part 2
        entry = by_id[hid]
        assert entry.covered and entry.score is not None and entry.score > 0
        assert not any(g.aspect == "coverage" for g in entry.gaps), (hid, entry.gaps)
    assert "8.1.7.2" not in {e.id for e in report.validation.elements if e.covered}  # the part skips it
    assert by_id["8.1.7.2"].score == 0
    # the overall score is the mean over every scored element of both parts
    scores = [e.score for e in report.validation.elements if e.score is not None]
    assert report.validation.overall == pytest.approx(sum(scores) / len(scores), abs=1e-4)


def test_report_says_which_part_each_element_came_from(series):
    report, store_path = series
    by_id = {e.id: e for e in report.validation.elements}
    assert by_id["8.1.1.1"].part == PART_1 and by_id["8.1.7.3"].part == PART_2
    assert by_id["8.1.7.2"].part == ""  # covered by no part
    parts = {p["part"]: p for p in report.validation.by_part()}
    assert list(parts) == [PART_1, PART_2]
    assert parts[PART_1]["elements"] == 39 and parts[PART_2]["elements"] == 5
    assert (parts[PART_2]["first"], parts[PART_2]["last"]) == ("8.1.7", "8.2.1")
    saved = load_saved_report(store_path)  # what the server and 'procgraph validate --format json' show
    assert [p["part"] for p in saved["by_part"]] == [PART_1, PART_2]
    assert {e["id"]: e["part"] for e in saved["elements"]}["8.1.7.3"] == PART_2
    text = render(report.validation, "text")
    assert f"{PART_2}: 5 elements 个元素 (8.1.7 … 8.2.1)" in text
    assert "by category / 按类别" in text


def test_build_command_lists_parts_and_is_deterministic(series, tmp_path, monkeypatch, capsys):
    from procgraph.cli import main

    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))
    _, store_path = series
    folder = store_path.parent / "parts"
    assert (
        main(
            [
                "build",
                "--source",
                str(folder / "gbpm-8-1.txt"),
                "--source",
                str(folder / "gbpm-8-2.txt"),
                "--store",
                str(tmp_path / "store"),
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert f"{PART_1}: 39 elements (8.0 … 8.1.6.4)" in err and f"{PART_2}: 5 elements (8.1.7 … 8.2.1)" in err
    # the same parts give the same bytes: every graph, and the saved report with its parts
    from procgraph.export import export_bytes
    from procgraph.store import open_store

    def exported(path):
        store = open_store(path)
        try:
            return export_bytes(store, "trig")
        finally:
            del store

    assert exported(tmp_path / "store") == exported(store_path)
    assert (tmp_path / "store" / "validation.json").read_bytes() == (store_path / "validation.json").read_bytes()


@pytest.fixture(scope="module")
def client(series):
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    app = create_app(Settings(store_path=series[1], workers=1, timeout_s=20))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/completeness"])
def test_pages_show_coverage_per_category_and_per_part(client, path):
    r = client.get(path, headers={"Accept-Language": "en"})
    assert r.status_code == 200
    html = r.text
    assert 'id="coverage-categories"' in html and 'data-category="8.0"' in html
    assert 'id="coverage-parts"' in html
    for part in (PART_1, PART_2):
        assert f'data-part="{part}"' in html
    row = html.split(f'data-part="{PART_2}"', 1)[1].split("</tr>", 1)[0]
    span = row.split("<td>", 1)[1].split("</td>")[0]
    figures = dict(re.findall(r'<td data-figure="(\w+)" data-value="[\d.]*">([^<]*)</td>', row))
    assert "8.1.7" in span and "8.2.1" in span and figures["in_scope"] == "5"  # the elements taken from the part
    category = html.split('data-category="8.0"', 1)[1].split("</tr>", 1)[0]
    covered = dict(re.findall(r'<td data-figure="(\w+)" data-value="[\d.]*">([^<]*)</td>', category))["covered"]
    assert covered == "44"  # every element of either part


def test_validation_api_has_parts(client):
    body = json.loads(client.get("/api/validation").text)
    assert [p["part"] for p in body["by_part"]] == [PART_1, PART_2]
