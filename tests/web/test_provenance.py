"""Provenance one click away: element rows carry no IRIs or character offsets; an item's page
shows its source text as cleaned with each mojibake repair marked, the raw scrape a click further."""

from __future__ import annotations

import re

import httpx
import pytest

PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


@pytest.fixture(scope="module")
def client(web_server):
    with httpx.Client(base_url=web_server.url, timeout=60) as c:
        yield c


def _provenance(html: str) -> tuple[str, str]:
    """(the page without its provenance disclosure, the disclosure)."""
    start = html.index('<details class="provenance"')
    return html[:start], html[start:]


def test_element_rows_have_no_iris_or_offsets(client):
    html = client.get("/pcf/20613", params={"lang": "en"}).text
    body, prov = _provenance(html)
    table = body[body.index('id="rcm-table"') : body.index("</table>", body.index('id="rcm-table"'))]
    assert "https://w3id.org/procgraph/std/" not in table and "Source characters" not in table
    assert "<code>https://w3id.org/procgraph/pcf/20613</code>" not in body  # the element's IRI moved
    assert "<code>https://w3id.org/procgraph/pcf/20613</code>" in prov
    assert "https://w3id.org/procgraph/std/gbpm-8/20613/risk/1" in prov  # each item's IRI and span, one click away


def test_item_shows_cleaned_text_with_its_repair_marked(client):
    html = client.get("/std/gbpm-8/20608/risk/4", params={"lang": "en"}).text
    _, prov = _provenance(html)
    cleaned = re.search(r'<blockquote class="source cleaned"[^>]*>(.*?)</blockquote>', prov, re.S).group(1)
    marked = re.findall(r'<ins title="([^"]*)">([^<]*)</ins>', cleaned)
    assert marked, cleaned
    title, text = marked[0]
    assert "績效分析不準" in text and "confidence 100" in title and "zhǔn" in title  # the damage as the file has it
    plain = re.sub(r"<[^>]+>", "", cleaned)
    assert not PINYIN.search(plain), plain
    assert "Read as" in prov and "lost byte" in prov  # the table of repairs
    raw = re.search(r'<details class="raw">.*?<blockquote[^>]*>(.*?)</blockquote>', prov, re.S).group(1)
    assert "zhǔn" in raw or "(dǎo)" in raw  # the raw scrape, a further click away


def test_item_without_repairs_says_so(client):
    html = client.get("/std/gbpm-8/20613/risk/1", params={"lang": "en"}).text
    _, prov = _provenance(html)
    assert "no mojibake" in prov and "<ins" not in prov
    cleaned = re.search(r'<blockquote class="source cleaned"[^>]*>(.*?)</blockquote>', prov, re.S).group(1)
    assert cleaned and not PINYIN.search(cleaned)
