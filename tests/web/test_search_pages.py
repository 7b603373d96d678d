"""The search page pages its hits (it showed the first 100 of 155 with no next page on "All")
and offers every hit as CSV."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=60) as c:
        yield c


def _hits(html: str) -> list[str]:
    return re.findall(r'<li class="hit kind-(\w+)">', html)


def test_all_hits_are_reachable_page_by_page(client):
    first = client.get("/search", params={"q": "沟通", "lang": "en"}).text
    total = int(re.search(r"Results 1–100 of (\d+)", first).group(1))
    assert total > 100 and len(_hits(first)) == 100
    assert 'rel="next"' in first and 'rel="prev"' not in first
    seen = len(_hits(first))
    for number in range(2, -(-total // 100) + 1):
        page = client.get("/search", params={"q": "沟通", "lang": "en", "page": number}).text
        assert f"Results {(number - 1) * 100 + 1}–" in page and 'rel="prev"' in page
        seen += len(_hits(page))
    assert seen == total


def test_a_kind_filter_pages_within_the_kind(client):
    page = client.get("/search", params={"q": "沟通", "kind": "risk", "lang": "en"}).text
    assert set(_hits(page)) == {"risk"}
    n = int(re.search(r"Results 1–\d+ of (\d+)", page).group(1))
    assert re.search(rf'data-kind="risk"[^>]*>[^<]*\({n}\)', page)


def test_every_hit_as_csv(client):
    page = client.get("/search", params={"q": "沟通", "lang": "en"}).text
    total = int(re.search(r"Results 1–100 of (\d+)", page).group(1))
    response = client.get("/search", params={"q": "沟通", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == total
    assert [r["Rank"] for r in rows[:3]] == ["1", "2", "3"]
    assert all(
        "沟通" in r["Text (zh-Hans)"] + r["Element (zh-Hans)"] + r["Matched"] + r["Themes"] or r["Themes"] for r in rows
    )


def test_a_bad_page_or_format_is_refused(client):
    assert client.get("/search", params={"q": "沟通", "page": "0"}).status_code == 400
    assert client.get("/search", params={"q": "沟通", "format": "xlsx"}).status_code == 406
