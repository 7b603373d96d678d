"""Issue 18: the query page showed 34,497 rows in 18.8 s while saying "1.83 s".

The results table now shows a page of 100 rows at a time with previous/next, and the time it
reports is what the user waited (Run pressed until the first page is painted), with the time
the answer arrived beside it. Driven in Debian's Chromium against a real server.
"""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import browser  # noqa: F401  (the headless Chromium fixture)

QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 250"


@pytest.fixture()
def query_page(browser, bundled_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="en-US", base_url=bundled_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto("/sparql")
    yield page
    context.close()


def test_a_large_result_is_paged(query_page):
    page = query_page
    page.fill("#query", QUERY)
    page.click("button[type=submit]")
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results tbody tr").count() == 100
    assert page.inner_text(".pager .where") == "rows 1–100 of 250"
    assert page.is_disabled("[data-page=prev]")
    first = page.inner_text("#results tbody tr >> nth=0")
    page.click("[data-page=next]")
    assert page.inner_text(".pager .where") == "rows 101–200 of 250"
    assert page.inner_text("#results tbody tr >> nth=0") != first
    page.click("[data-page=next]")
    assert page.inner_text(".pager .where") == "rows 201–250 of 250"
    assert page.locator("#results tbody tr").count() == 50
    assert page.is_disabled("[data-page=next]")


def test_the_time_shown_is_the_time_waited(query_page):
    page = query_page
    page.fill("#query", QUERY)
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('status').dataset.waited !== undefined")
    status = page.inner_text("#status")
    match = re.search(r"250 rows · ([\d.]+) s \(answer received after ([\d.]+) s\)", status)
    assert match, status
    assert float(match.group(1)) >= float(match.group(2))


def test_a_small_result_has_no_pager(query_page):
    page = query_page
    page.fill("#query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
    page.click("button[type=submit]")
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results tbody tr").count() == 3
    assert not page.is_visible(".pager")
