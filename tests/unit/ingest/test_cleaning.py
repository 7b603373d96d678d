"""Pinyin readings, punctuation and provenance spans."""

from __future__ import annotations

import re

from procgraph.ingest.pinyin import is_syllable, reading_spans
from procgraph.ingest.punctuation import restore_fullwidth
from procgraph.ingest.traced import TracedText

DOCUMENT_PARENS = ["(IT)", "(KPI)", "(SLA)", "(1)", "(2024V7.4版)", "(期望的輸出)", "(如顧客、合作伙伴、媒體等)"]


def strip(text: str) -> str:
    traced = TracedText.from_source(text).replace((s, e, "") for s, e in reading_spans(text))
    return traced.text


def test_readings_removed_and_document_parentheses_kept():
    text = (
        "業(yè)務(wù)流程(IT)與(KPI)及(SLA)第8部分(1)(2024V7.4版)"
        "預(yù)期結(jié)果(期望的輸(shū)出)(如顧(gù)客、合作伙伴、媒體等)"
    )
    assert strip(text) == (
        "業務流程(IT)與(KPI)及(SLA)第8部分(1)(2024V7.4版)預期結果(期望的輸出)(如顧客、合作伙伴、媒體等)"
    )


def test_syllables():
    for good in ["yè", "wù", "zhǔn", "lǜ", "guān", "er", "chuàng", "qū"]:
        assert is_syllable(good), good
    for bad in ["it", "kpi", "sla", "abc", "xyz", "q"]:
        assert not is_syllable(bad), bad


def test_reading_only_after_a_han_character():
    assert list(reading_spans("見附件(a)與(yǔ)")) == [(7, 11)]
    assert list(reading_spans("管理(a)")) == []
    assert list(reading_spans("note (shù)")) == []


def test_bundled_source_has_no_pinyin_left(records):
    texts = [e["name"]["zh-Hant"] for e in records["elements"]]
    for e in records["elements"]:
        texts += [i["zh-Hant"] for k in ("practices", "risks", "outputs") for i in e[k]]
        if e["definition"]:
            texts.append(e["definition"]["zh-Hant"])
    for t in texts:
        for m in re.finditer(r"\(([^()]*)\)", t):
            assert not is_syllable(m.group(1)), (t, m.group(0))
    for paren in ("(IT)", "(KPI)", "(SLA)"):
        assert any(paren in t for t in texts), paren


def test_punctuation_restored():
    assert restore_fullwidth("計劃,預算;是否?") == "計劃，預算；是否？"
    assert restore_fullwidth("version 1,2 a;b") == "version 1,2 a;b"


def test_spans_point_at_the_source(records, bundled_source):
    """Every item's span, cleaned the same way, reads as the item (repairs aside)."""
    source = bundled_source.read_text(encoding="utf-8")
    repaired = [(r["offset"], r["end"]) for r in records["repairs"]]
    checked = 0
    for e in records["elements"]:
        for kind in ("practices", "risks", "outputs"):
            for item in e[kind]:
                s, t = item["span"]
                assert 0 <= s < t <= len(source)
                if any(a < t and s < b for a, b in repaired):
                    continue
                assert restore_fullwidth(strip(source[s:t])) == item["zh-Hant"]
                checked += 1
    assert checked > 600


def test_traced_replace_keeps_spans():
    t = TracedText.from_source("ab(x)cd", offset=100)
    u = t.replace([(2, 5, "")]).replace([(0, 1, "AA")])
    assert u.text == "AAbcd"
    assert u.span(0, 2) == (100, 101)
    assert u.span(3, 5) == (105, 107)
