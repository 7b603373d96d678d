"""On the English pages the standard's items are Chinese: each page that shows items says so
once, and names every item's element in English beside it."""

from __future__ import annotations

import re

import httpx
import pytest

NOTE = "exist in Chinese only"


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=60) as c:
        yield c


@pytest.mark.parametrize(
    "path", ["/pcf/20613", "/std/gbpm-8/20613/risk/1", "/themes/communication", "/search?q=沟通&kind=risk"]
)
def test_an_english_page_with_items_says_once_they_are_chinese(client, path):
    sep = "&" if "?" in path else "?"
    english = client.get(f"{path}{sep}lang=en").text
    assert english.count(NOTE) == 1
    chinese = client.get(f"{path}{sep}lang=zh-Hans").text
    assert NOTE not in chinese and 'class="note chinese-only"' not in chinese


def test_every_chinese_risk_has_its_element_in_english(client):
    page = client.get("/themes/communication", params={"lang": "en"}).text
    body = page[page.index('<table class="theme-risks">') :]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>", body, re.S)
    assert rows
    for cell in rows:
        name = re.sub(r"<[^>]+>", " ", cell)
        assert re.search(r"[A-Za-z]{3}", name), cell  # the element's English name, beside the Chinese risk


def test_search_hits_name_their_element_in_english(client):
    page = client.get("/search", params={"q": "沟通", "kind": "risk", "lang": "en"}).text
    wheres = re.findall(r'<span class="where">(.*?)</span>\s*<span class="why">', page, re.S)
    assert wheres and all(re.search(r"[A-Za-z]{3}", re.sub(r"<[^>]+>", " ", w).replace(" in ", " ")) for w in wheres)
