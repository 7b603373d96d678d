"""Mojibake repair: every damaged spot of the bundled page, and damage made the same way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procgraph.ingest.gbkdamage import (
    damage,
    damaged_spans,
    decode_as_site,
    find_repairs,
    gbk_char,
    is_user_defined,
    learn_readings,
)
from procgraph.ingest.pinyin import reading_spans
from procgraph.ingest.punctuation import punctuation_edits
from procgraph.ingest.source import find_body, read_source
from procgraph.ingest.traced import TracedText

# The 18 damaged spots of the bundled page: what the page shows there and what a reader of the
# standard knows stood there (checked against the GBK bytes by hand).
SPOTS = [
    ("失敗??冃Х治霾粶?zhǔn)確", "失敗。績效分析不準確"),
    ("偏差或?qū)嵤┦茏?。?duì)需求", "偏差或實施受阻。對需求"),
    ("混亂??蚣軕?yīng)用", "混亂。框架應用"),
    ("流程??绮块T協(xié)作機", "流程。跨部門協作機"),
    ("報(bào)告?;诩夹g(shù)趨勢", "報告。基于技術趨勢"),
    ("流程??刂谱兏秶陀绊?,保持", "流程。控制變更范圍和影響，保持"),
    ("確??勺粉櫤蜏y量", "確保可追蹤和測量"),
    ("分析?;谛畔⒓夹g(shù)顧客", "分析。基于信息技術顧客"),
    ("估?;谠u(píng)估結(jié)果", "估。基于評估結果"),
    ("主張?,F(xiàn)有狀態(tài)", "主張。現有狀態"),
    ("或?qū)嵤┢x實(shí)際", "或實施偏離實際"),
    ("或?qū)Ρ炔粶?zhǔn)確,可能", "或對比不準確，可能"),
    ("礎(chǔ)?,F(xiàn)有信息", "礎。現有信息"),
    ("礎(chǔ)?,F(xiàn)有信息", "礎。現有信息"),
    ("他們?cè)陬櫩完P(guān)系管理", "他們在顧客關系管理"),
    ("他們?cè)陉P(guān)系管理", "他們在關系管理"),
    ("或?qū)I(yè)性不足", "或專業性不足"),
    ("策略??绮块T協(xié)作的", "策略。跨部門協作的"),
]


def clean(text: str) -> str:
    """Repair, drop readings and restore punctuation, as ingest does."""
    traced = TracedText.from_source(text)
    traced = traced.replace((r.start, r.end, r.repaired) for r in find_repairs(text))
    traced = traced.replace((s, e, "") for s, e in reading_spans(traced.text))
    return traced.replace(punctuation_edits(traced.text)).text


@pytest.fixture(scope="module")
def body(bundled_source):
    return find_body(read_source(bundled_source)).line


@pytest.fixture(scope="module")
def repaired_body(body):
    return clean(body)


@pytest.mark.parametrize("index", range(len(SPOTS)), ids=[f"spot{i + 1}" for i in range(len(SPOTS))])
def test_bundled_spot_repaired(body, repaired_body, index):
    """Each spot, at its own place (the n-th occurrence when a damaged text occurs twice), both
    within the whole page and within a short excerpt around it."""
    damaged, original = SPOTS[index]
    occurrence = [d for d, _ in SPOTS[:index]].count(damaged)
    at = -1
    for _ in range(occurrence + 1):
        at = body.index(damaged, at + 1)
    assert original in clean(body[max(0, at - 300) : at + len(damaged) + 300])
    assert sum(repaired_body.startswith(original, m) for m in range(len(repaired_body))) >= occurrence + 1


def test_eighteen_spots_found_and_reported(body, records):
    assert len(damaged_spans(body)) == 18
    assert len(records["repairs"]) == 18
    source = open(records["source"]["path"], encoding="utf-8").read()
    for rep in records["repairs"]:
        assert source[rep["offset"] : rep["end"]] == rep["damaged"]
        assert rep["confidence"] >= 0.5 and rep["note"]
    assert "?" not in "".join(e["name"]["zh-Hant"] for e in records["elements"])


def test_no_mojibake_left(records):
    texts = []
    for e in records["elements"]:
        texts += [e["definition"]["zh-Hant"]] + [i["zh-Hant"] for k in ("practices", "risks", "outputs") for i in e[k]]
    joined = "".join(texts)
    for bad in ("?", "冃", "Х", "┦", "┢", "⒓", "Ρ", "绮", "诩", "谱"):
        assert bad not in joined, bad


def test_site_decoder_reproduces_the_damage():
    readings = {"驅": "qū", "對": "duì", "準": "zhǔn"}
    assert damage("或對比不準確", readings) == "或?qū)Ρ炔粶?zhǔn)確"
    assert damage("失敗。績效分析不準確", readings) == "失敗??冃Х治霾粶?zhǔn)確"
    assert decode_as_site(b"\xe9\x54") == "門"
    assert decode_as_site(b"\xbf\xe9\x54\x85\x66") == "块T" + gbk_char(0x85, 0x66)


def test_user_defined_areas():
    assert is_user_defined(0xA3, 0x98) and is_user_defined(0xFC, 0xB7) and is_user_defined(0xAB, 0xEB)
    assert not is_user_defined(0xA1, 0xA3) and gbk_char(0xA3, 0x98) is None


def test_damage_made_the_same_way_is_repaired(records, bundled_source):
    """Damage the whole clean standard with the site's passes; every spot comes back."""
    readings = learn_readings(bundled_source.read_text(encoding="utf-8"))
    text = "".join(
        e["id"]
        + e["name"]["zh-Hant"]
        + e["definition"]["zh-Hant"]
        + "".join(i["zh-Hant"] for k in ("practices", "risks", "outputs") for i in e[k])
        for e in records["elements"]
    )
    damaged = damage(text, readings)
    assert len(damaged_spans(damaged)) >= 10  # the byte-level passes really did straddle characters
    assert clean(damaged) == text


@pytest.mark.parametrize(
    "sentence",
    [
        "轉型失敗。績效分析不準確或未及時實施。",
        "需求文件缺失。可測量的指標不明確，導致評估困難。",
        "管理流程。跨部門協作機制建立。",
        "導致需求理解偏差或實施受阻。",
    ],
)
def test_short_page_borrows_the_bundled_context(sentence, bundled_source):
    """A page too short to be its own context is repaired with the bundled part's statistics."""
    readings = {**learn_readings(bundled_source.read_text(encoding="utf-8")), "驅": "qū"}
    damaged = damage(sentence, readings)
    assert damaged != sentence.replace("，", ",") and find_repairs(damaged)
    assert clean(damaged) == sentence


def test_clean_text_needs_no_repair(records, bundled_source):
    from tests.unit.ingest.synthetic import annotate

    readings = learn_readings(bundled_source.read_text(encoding="utf-8"))
    text = "".join(annotate(e["definition"]["zh-Hant"], readings) for e in records["elements"])
    text += "(IT)(KPI)(SLA)(1)(2024V7.4版)(如顧客、合作伙伴、媒體等)"
    assert find_repairs(text) == []


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("?,;()abgyèùzhǔn業務績效分析不準確冃Х治霾粶。ITKPI") + ["(yè)", "(qū)", "?qū)"]),
        max_size=40,
    ).map("".join)
)
def test_mangled_text_never_raises(text):
    repairs = find_repairs(text)
    last = 0
    for r in repairs:
        assert last <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.damaged
        last = r.end
