"""The bundled standard (part 8, 8.0 Manage IT) parsed element by element.

The shape checks hold for every element (ids, levels, parents, PCF facts, counts and
alignment); the spot checks pin the traps the real text sets.
"""

from __future__ import annotations

import csv
import re

from procgraph.ingest.pcfnames import core_facts

EXPECTED_IDS = (
    "8.0 8.1 8.1.1 8.1.1.1 8.1.1.2 8.1.2 8.1.2.1 8.1.2.2 8.1.2.3 8.1.2.4 8.1.3 8.1.3.1 8.1.3.2 "
    "8.1.3.3 8.1.3.4 8.1.3.5 8.1.4 8.1.4.1 8.1.4.2 8.1.4.3 8.1.4.4 8.1.4.5 8.1.4.6 8.1.4.7 "
    "8.1.4.8 8.1.4.9 8.1.5 8.1.5.1 8.1.5.2 8.1.5.3 8.1.5.4 8.1.5.5 8.1.5.6 8.1.5.7 8.1.6 "
    "8.1.6.1 8.1.6.2 8.1.6.3 8.1.6.4"
).split()


def test_all_elements_in_order(records):
    assert [e["id"] for e in records["elements"]] == EXPECTED_IDS


def test_source_and_title(records, bundled_source):
    assert records["source"]["title"].startswith("業務流程管理通用標準——第8部分(1)")
    assert len(records["source"]["sha256"]) == 64
    assert records["source"]["line"] == 3


def test_hierarchy_and_pcf_facts(by_id):
    facts = core_facts()
    for hid, e in by_id.items():
        assert e["pcf_id"] == facts[hid].pcf_id
        assert e["level"] == facts[hid].level
        assert e["name"]["en"] == facts[hid].name_en
        if e["parent"]:
            assert e["parent"] in by_id
            assert hid.startswith(e["parent"].removesuffix(".0"))
    assert by_id["8.1.1.1"]["pcf_id"] == 20610


def test_rows_are_aligned(records):
    for e in records["elements"]:
        p, r, o = len(e["practices"]), len(e["risks"]), len(e["outputs"])
        assert p >= 1, e["id"]
        if e["truncated"]:
            continue
        assert r == o and r in (p, 2 * p), (e["id"], p, r, o)
        per = r // p
        for kind in ("risks", "outputs"):
            assert [i["practice"] for i in e[kind]] == [n // per + 1 for n in range(r)], e["id"]
        assert [i["n"] for i in e["practices"]] == list(range(1, p + 1))


def test_items_are_whole_sentences(records):
    for e in records["elements"]:
        for kind in ("risks", "outputs"):
            for i, item in enumerate(e[kind]):
                last = e["truncated"] and kind == "risks" and i == len(e[kind]) - 1
                assert last or item["zh-Hant"].endswith("。"), (e["id"], kind, item["n"])
        assert "。" not in e["name"]["zh-Hant"]


def test_names(by_id):
    assert by_id["8.0"]["name"]["zh-Hant"] == "管理信息技術(IT)"
    assert by_id["8.1.1"]["name"]["zh-Hant"] == "了解信息技術顧客需求"
    # the definition opens with the name's own verb
    assert by_id["8.1.2.3"]["name"]["zh-Hant"] == "制定信息技術愿景"
    assert by_id["8.1.2.3"]["definition"]["zh-Hant"].startswith("制定目標以確定信息技術愿景。")
    assert by_id["8.1.5.6"]["name"]["zh-Hant"] == "協商并制定服務水平協議"
    assert by_id["8.1.4.8"]["name"]["zh-Hant"] == "支持業務案例"
    assert by_id["8.1.5.4"]["definition"]["zh-Hant"].startswith("通過評價")


def test_definition_sentences_match_apqc(by_id, apqc_dir):
    """The Chinese definitions translate APQC's: same number of sentences."""
    with open(apqc_dir / "pcf-cross-industry-7.4.csv", encoding="utf-8") as f:
        english = {row["hierarchy_id"]: row["definition_en"] for row in csv.DictReader(f)}
    for hid, e in by_id.items():
        n_en = len(re.findall(r"[.!?](?:\s|$)", english[hid]))
        assert e["definition"]["zh-Hant"].count("。") == n_en, hid


def test_category_practices_are_its_process_groups(by_id):
    e = by_id["8.0"]
    assert [p["zh-Hant"] for p in e["practices"]] == [
        "開發與管理信息技術顧客關系",
        "開發與管理信息技術業務戰略",
        "開發與管理信息技術彈性和風險",
        "管理信息",
        "開發與管理服務/解決方案",
        "部署服務/解決方案",
        "創建與管理支持服務/解決方案",
    ]
    assert len(e["risks"]) == len(e["outputs"]) == 14
    assert e["risks"][0]["zh-Hant"].startswith("顧客需求分析不準確")
    assert e["risks"][13]["practice"] == 7


def test_unpunctuated_practice_phrases(by_id):
    e = by_id["8.1.2.1"]
    assert [p["zh-Hant"] for p in e["practices"]] == [
        "定義需求收集機制",
        "定期業務需求分析會議",
        "使用ITIL或類似框架指導需求管理",
        "跨部門協作與溝通",
        "未來技術趨勢評估",
        "需求驗證與評審",
        "需求變更管理",
        "文件化記錄",
        "持續改進機制",
    ]
    assert len(e["risks"]) == 18
    assert e["risks"][0]["zh-Hant"] == "需求收集不全面，遺漏關鍵業務單元的需求。"
    assert e["outputs"][17]["practice"] == 9


def test_truncated_last_element(by_id, records):
    e = by_id["8.1.6.4"]
    assert e["truncated"] is True
    assert [x["truncated"] for x in records["elements"]].count(True) == 1
    assert len(e["practices"]) == 7
    assert len(e["risks"]) == 3 and e["outputs"] == []
    assert e["risks"][-1]["zh-Hant"].endswith("可能導致員工")


def test_simplified_derived_with_opencc(by_id):
    e = by_id["8.1.1"]
    assert e["name"]["zh-Hans"] == "了解信息技术顾客需求"
    assert e["risks"][0]["zh-Hans"] == "未能及时或有效地收集顾客反馈，导致需求理解不准确。"


def test_deterministic(bundled_source, records):
    from procgraph.ingest import ingest
    from procgraph.ingest.pipeline import dumps

    assert dumps(ingest(bundled_source)) == dumps(records)
