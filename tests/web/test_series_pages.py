"""Issue 14 B in the browser: a store built from two parts of the series shows coverage per
category and per part on the home page and the completeness dashboard (Debian's Chromium)."""

from __future__ import annotations

import pytest

from tests.unit.ingest.series_pages import PART_8_1_7, build_series
from tests.web.conftest import Server

PART_2 = "第8部分(2) gbpm-8-2.txt"


@pytest.fixture(scope="module")
def series_server(tmp_path_factory, bundled_source):
    root = tmp_path_factory.mktemp("series-web")
    build_series(root, bundled_source, PART_8_1_7, "gbpm-8-2.txt")
    server = Server(root / "store").start()
    yield server
    server.stop()


@pytest.fixture()
def series_page(browser, series_server):
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="en-US", base_url=series_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_home_shows_each_part_and_leads_to_its_elements(series_page):
    page = series_page
    page.goto("/")
    parts = page.locator("#coverage-parts tbody tr")
    assert parts.count() == 2
    assert parts.nth(0).locator("th").inner_text().startswith("第8部分(1)")
    second = page.locator(f"#coverage-parts tr[data-part='{PART_2}']")
    assert second.is_visible()
    assert second.locator("td").nth(1).inner_text() == "5"
    category = page.locator("#coverage-categories tr[data-category='8.0'] td")
    assert category.nth(1).inner_text() == "44"  # covered by either part
    first = second.locator("a").first
    href = first.get_attribute("href")
    assert href.startswith("/pcf/")
    first.click()
    page.wait_for_url("**" + href)
    assert "8.1.7" in page.locator("h1").inner_text()  # the part's first element


def test_dashboard_shows_parts_above_the_heat_map(series_page):
    page = series_page
    page.goto("/completeness")
    table = page.locator("#coverage-parts")
    assert table.is_visible()
    assert table.bounding_box()["y"] < page.locator("#heat-table").bounding_box()["y"]
    assert page.locator("#heat-table tr[data-hid='8.1.7.3']").count() == 1
