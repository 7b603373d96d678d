"""The pages in a real browser (headless Chromium): find, read the matrix, switch language, download.

Expected numbers come from the ingested records of the bundled standard, not from the pages.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import rdflib

PG = rdflib.Namespace("https://w3id.org/procgraph/ontology#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


def _record(records: dict, hid: str) -> dict:
    return next(e for e in records["elements"] if e["id"] == hid)


def _expected_rows(element: dict) -> list[tuple[int, int]]:
    """(risks, outputs) per practice, from the records' practice numbers."""
    return [
        (
            sum(1 for r in element["risks"] if r.get("practice") == p["n"]),
            sum(1 for o in element["outputs"] if o.get("practice") == p["n"]),
        )
        for p in element["practices"]
    ]


def _rows(page) -> list[tuple[int, int]]:
    rows = page.locator("#rcm-table tbody tr")
    return [
        (int(rows.nth(i).get_attribute("data-risks")), int(rows.nth(i).get_attribute("data-outputs")))
        for i in range(rows.count())
    ]


def test_search_open_risk_then_its_element(page):
    page.goto("/")
    page.fill("#home-q", "沟通")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    page.click("nav.kinds a[data-kind='risk']")
    page.wait_for_url(re.compile(r"kind=risk"))
    assert page.locator("li.hit").count() == page.locator("li.hit.kind-risk").count()
    risk_hits = page.locator("li.hit.kind-risk")
    assert risk_hits.count() >= 5
    first = risk_hits.first
    text = first.locator("a.hit-title").inner_text()
    assert "沟通" in text
    first.locator("a.hit-title").click()
    page.wait_for_url(re.compile(r"/std/gbpm-8/\d+/risk/\d+$"))
    assert text in page.locator("blockquote.item-text").inner_text()
    assert "Risk" in page.locator("h1").inner_text()
    page.locator("h1 a").click()
    page.wait_for_url(re.compile(r"/pcf/\d+$"))
    assert page.locator("#rcm-table").count() == 1
    # the risk we came from is in the element's matrix
    assert text in page.locator("#rcm-table td.risks").all_inner_texts().__str__()


@pytest.mark.parametrize("hid", ["8.1.2.1", "8.0"])
def test_matrix_rows_two_risks_two_outputs(page, bundled_records, hid):
    element = _record(bundled_records, hid)
    expected = _expected_rows(element)
    assert expected and all(pair == (2, 2) for pair in expected), "the standard pairs two risks and two outputs here"
    page.goto(f"/pcf/{hid}")
    assert page.url.endswith(f"/pcf/{element['pcf_id']}")
    assert _rows(page) == expected
    first_row = page.locator("#rcm-table tbody tr").first
    assert first_row.locator("td.practice").inner_text().count(element["practices"][0]["zh-Hans"]) == 1
    for risk in element["risks"][:2]:
        assert risk["zh-Hans"] in first_row.locator("td.risks").inner_text()
    for output in element["outputs"][:2]:
        assert output["zh-Hans"] in first_row.locator("td.outputs").inner_text()


def test_truncated_element_is_marked(page, bundled_records):
    element = _record(bundled_records, "8.1.6.4")
    page.goto("/pcf/8.1.6.4")
    assert page.locator("h1 .badge.truncated").count() == 1
    assert page.locator(".notice.warn").count() == 1
    rows = _rows(page)
    assert len(rows) == len(element["practices"])
    assert sum(r for r, _ in rows) == len(element["risks"]) and all(o == 0 for _, o in rows)
    assert page.locator("#rcm-table td.outputs .gap-cell").count() == len(element["practices"])


def test_language_switch_is_remembered(page, bundled_records):
    from procgraph.ingest.script import traditional_forms

    element = _record(bundled_records, "8.1.1.1")
    hant = traditional_forms(element["name"]["zh-Hans"])["zh-Hant"]  # the graph's Traditional (OpenCC s2t)
    page.goto("/pcf/8.1.1.1")
    assert page.locator("html").get_attribute("lang") == "en"
    assert element["name"]["en"] in page.locator("h1").inner_text()
    page.click(".langs a[data-lang='zh-Hant']")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert hant in page.locator("h1").inner_text()
    page.click("header nav a[href='/tree']")  # a plain link: no lang parameter
    page.wait_for_url(re.compile(r"/tree$"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert hant in page.locator("#tree").inner_text()
    page.goto("/completeness")
    assert page.locator("h1").inner_text() == "完整性看板"


def test_download_turtle_parses(page, bundled_records, tmp_path):
    element = _record(bundled_records, "8.1.2.1")
    page.goto("/pcf/8.1.2.1")
    with page.expect_download() as info:
        page.click("a[data-format='ttl']")
    download = info.value
    assert download.suggested_filename == "pcf-20613-8.1.2.1.ttl"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    graph = rdflib.Graph().parse(target, format="turtle")
    node = rdflib.URIRef("https://w3id.org/procgraph/pcf/20613")
    assert (node, PG.hierarchyId, rdflib.Literal("8.1.2.1")) in graph
    assert len(set(graph.objects(node, PG.hasRisk))) == len(element["risks"])
    assert len(set(graph.subject_objects(PG.mitigates))) == len(element["risks"])
    assert (node, SKOS.prefLabel, rdflib.Literal(element["name"]["zh-Hans"], lang="zh-Hans")) in graph


def test_download_csv_matrix(page, bundled_records, tmp_path):
    element = _record(bundled_records, "8.1.2.1")
    page.goto("/pcf/8.1.2.1")
    with page.expect_download() as info:
        page.click("a[data-format='csv']")
    target = tmp_path / "rcm.csv"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("Element ID,PCF ID,")  # the header is line 1 (APQC's notice is linked, /notice)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Element ID", "PCF ID"]
    assert len(rows) - 1 == len(element["practices"])
    assert rows[1][0] == "8.1.2.1" and rows[1][rows[0].index("Risk #")] == "1; 2"


def test_keyboard_reaches_search_and_skip_link(page):
    page.goto("/tree")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("供应商")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("li.hit").count() > 0


def test_completeness_dashboard_shows_the_real_gaps(page):
    page.goto("/completeness")
    gaps = page.locator("ol.gaps").inner_text()
    for hid in ("8.1.6.4", "8.1.6.5", "8.1.7", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"):
        assert re.search(rf"(^|\n){re.escape(hid)}\s", gaps), hid
    assert "From the validation report" in page.locator(".gaps-section").inner_text()
    truncated = page.locator("ol.gaps > li").filter(has_text="8.1.6.4").inner_text()
    assert "practice mitigates no risk (practices 4, 5, 6, 7)" in truncated and "no expected outputs" in truncated
    assert "8.1.2.1" not in gaps  # complete elements are not gaps
    row = page.locator("table.heat tr[data-hid='8.1.6.4']")
    assert row.locator("td.cell").nth(3).get_attribute("class") == "cell missing"  # outputs
    assert page.locator("table.heat tr[data-hid='8.1.2.1'] td.cell.ok").count() == 6


def test_theme_page_lists_risks_with_chart(page, web_server):
    import httpx

    page.goto("/themes/communication")
    shown = page.locator("table.theme-risks tbody tr").count()
    api = httpx.get(web_server.url + "/api/risks", params={"theme": "communication"}, timeout=30)
    assert api.status_code == 200
    assert shown == api.json()["count"] > 10  # the page and the JSON API agree
    for chart in ("#chart-groups", "#chart-processes"):
        assert page.locator(f"{chart} svg.chart rect.bar").count() >= 1
        total = sum(int(t) for t in page.locator(f"{chart} svg.chart text.count").all_text_contents())
        assert total == shown  # every risk counted once in each chart


@pytest.mark.parametrize("width", [1400, 1280])
@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_chart_labels_are_not_clipped(page, width, lang):
    """Every bar label lies inside its chart and left of the bars (it was cut at the left edge)."""
    from procgraph.server.pages.charts import LABEL_WIDTH

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/themes/communication?lang={lang}")
    for svg in page.locator("svg.chart").all():
        box = svg.bounding_box()
        scale = box["width"] / float(svg.get_attribute("width"))
        labels = svg.locator("text.label").all()
        assert labels
        for label in labels:
            text = label.bounding_box()
            assert text["x"] >= box["x"] - 0.5, label.text_content()
            assert text["x"] + text["width"] <= box["x"] + LABEL_WIDTH * scale + 0.5, label.text_content()


def test_screenshots_of_the_main_pages(page, screenshots):
    shots = {
        "home": "/?lang=zh-Hans",
        "tree": "/tree",
        "element-8.1.2.1": "/pcf/8.1.2.1",
        "element-8.1.6.4-en": "/pcf/8.1.6.4?lang=en",
        "risk": "/std/gbpm-8/20610/risk/2?lang=zh-Hant",
        "theme-communication": "/themes/communication?lang=zh-Hans",
        "completeness": "/completeness",
        "search": "/search?q=沟通",
    }
    for name, path in shots.items():
        page.goto(path)
        target = screenshots / f"{name}.png"
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
