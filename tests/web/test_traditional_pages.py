"""The pages in Traditional Chinese show the graph's converted text (關係, not the source's 關系),
and offer Taiwan's forms (繁體（台灣）) with Taiwan's words (s2twp and the project's phrase table:
品質, 流程運作); on those pages search finds by Taiwan's words and the matrix CSV has zh-Hant-TW columns."""

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


def test_taiwan_pages_use_the_phrase_table(client):
    page = client.get("/pcf/20635", params={"lang": "zh-Hant-TW"}).text  # 8.1.5.3: 服务质量, 信息
    assert "流程運作和控制需應對的風險" in page and "流程執行" not in page  # the matrix column, 运行 → 運作
    assert "服務品質" in page and "服務質量" not in page  # 质量 → 品質, not s2twp's 質量 (mass)
    assert "服務質量" in client.get("/pcf/20635", params={"lang": "zh-Hant"}).text  # zh-Hant keeps s2t's form


@pytest.mark.parametrize("query, taiwan", [("品質", "品質"), ("資訊", "資訊"), ("專案", "專案")])
def test_search_finds_by_taiwan_words(client, query, taiwan):
    page = client.get("/search", params={"q": query, "lang": "zh-Hant-TW"}).text
    hits = re.findall(r'<li class="hit kind-\w+">(.*?)</li>', page, re.S)
    assert hits, f"no hits for {query}"  # the standard says 质量 / 信息 / 项目, never 品质 / 资讯 / 专案
    assert any(taiwan in hit for hit in hits)  # and the hits read in Taiwan's words


def _matrix_csv(client, lang: str) -> list[dict]:
    answer = client.get("/pcf/20635", params={"format": "csv", "lang": lang})
    assert answer.status_code == 200 and "Accept-Language" in answer.headers["vary"]
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_the_matrix_csv_of_a_taiwan_page_has_taiwan_columns(client):
    rows = _matrix_csv(client, "zh-Hant-TW")
    taiwan = {"Element (zh-Hant-TW)", "Practice (zh-Hant-TW)", "Risks (zh-Hant-TW)", "Outputs (zh-Hant-TW)"}
    assert taiwan <= set(rows[0])
    risks = "\n".join(row["Risks (zh-Hant-TW)"] for row in rows)
    assert "服務品質" in risks and "資訊" in risks and "服務質量" not in risks
    # the zh-Hant where the graph has no Taiwan form
    assert all(row["Practice (zh-Hant-TW)"] for row in rows if row["Practice (zh-Hant)"])
    plain = _matrix_csv(client, "zh-Hant")
    assert not any(name.endswith("(zh-Hant-TW)") for name in plain[0])  # other pages: the export's columns
    assert [row["Risks (zh-Hant)"] for row in plain] == [row["Risks (zh-Hant)"] for row in rows]
