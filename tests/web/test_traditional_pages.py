"""The pages in Traditional Chinese show the graph's converted text (關係, not the source's 關系),
and offer Taiwan's forms (繁體（台灣）) with Taiwan's words."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=60) as c:
        yield c


def test_the_switch_offers_taiwan_and_the_page_uses_its_words(client):
    page = client.get("/pcf/20613", params={"lang": "zh-Hant-TW"})
    assert page.status_code == 200
    assert "繁體（台灣）" in page.text and 'lang="zh-Hant-TW"' in page.text
    assert "搜尋" in page.text  # the interface in Taiwan's words (s2twp), not 搜索


def test_traditional_pages_show_the_proper_forms(client):
    page = client.get("/search", params={"q": "关系", "lang": "zh-Hant"}).text
    assert "關係" in page and "關系" not in page


@pytest.mark.parametrize("path", ["/", "/completeness", "/tree", "/themes/communication", "/std/gbpm-8/20613/risk/1"])
def test_every_page_renders_in_taiwan_forms(client, path):
    page = client.get(path, params={"lang": "zh-Hant-TW"})
    assert page.status_code == 200, path
    assert '<html lang="zh-Hant-TW"' in page.text or 'lang="zh-Hant-TW"' in page.text


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_the_pages_rdf_writes_canonical_tag_case(client, accept):
    answer = client.get("/pcf/20613", headers={"Accept": accept})
    assert answer.headers["content-type"].startswith(accept)
    body = answer.text
    assert "zh-Hans" in body and "zh-Hant" in body
    assert "@zh-hans" not in body and '"zh-hans"' not in body and "@zh-hant" not in body
