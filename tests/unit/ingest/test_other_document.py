"""Ingest is for the format: a second page, another category, other counts."""

from __future__ import annotations

import pytest

from procgraph.ingest import ingest
from procgraph.ingest.gbkdamage import learn_readings
from tests.unit.ingest.synthetic import write_page

FINANCE = [
    {
        "id": "9.0",
        "name": "管理財務資源",
        "definition": [
            "管理組織內與財務資源相關的流程組。",
            "流程組包括“執行規劃與管理會計”、“執行收入會計”以及“執行總賬會計與報告”。",
        ],
        "practices": ["執行規劃與管理會計", "執行收入會計", "執行總賬會計與報告"],
        "risks": [
            "預算編製不合理，可能導致資源分配失衡。",
            "成本核算不準確，可能導致定價決策失誤。",
            "收入確認不及時，可能導致財務報告失真。",
            "應收賬款管理不善，可能導致現金流緊張。",
            "總賬記錄錯誤，可能導致報表數據不可靠。",
            "報告編製延誤，可能影響管理層決策。",
        ],
        "outputs": [
            "形成合理的預算方案，支持資源有效配置。",
            "形成準確的成本核算報告，為定價提供依據。",
            "確保收入及時確認，提高財務報告質量。",
            "形成應收賬款跟蹤記錄，保障現金流穩定。",
            "形成準確的總賬記錄，保證報表數據可靠。",
            "按時發布財務報告，支持管理層決策。",
        ],
    },
    {
        "id": "9.1",
        "name": "執行規劃與管理會計",
        "definition": ["規劃、預算和預測組織的財務績效。", "衡量並報告成本和盈利能力。"],
        "practices": [
            "制定年度預算編製程序，明確各部門的職責和時間要求。",
            "建立滾動預測機制，定期更新財務預測。",
            "定期分析成本結構，識別降本增效的機會。",
            "向管理層報告盈利能力分析結果，支持經營決策。",
        ],
        "risks": [
            "預算編製程序不明確，可能導致預算延誤或數據不一致。",
            "預測機制缺失或實施不及時，可能導致預測偏離實際。",
            "成本分析不全面，可能導致錯失降本機會。",
            "盈利能力報告不準確，可能導致管理層決策失誤。",
        ],
        "outputs": [
            "形成經批准的年度預算編製程序和時間表。",
            "績效考核使用的滾動財務預測報告。",
            "形成成本結構分析報告和降本建議清單。",
            "提交給管理層的盈利能力分析報告。",
        ],
    },
    {
        "id": "9.1.1",
        "name": "執行規劃、預算與預測",
        "definition": ["根據組織戰略制定財務計劃、預算和預測。"],
        "practices": [
            "收集各業務單元的預算需求，確保覆蓋全部業務。",
            "審核並匯總預算數據，形成組織預算草案。",
            "比較實際結果與預算，分析差異原因。",
        ],
        "risks": [
            "預算需求收集不全面，導致預算遺漏重要業務。",
            "業務單元提交延遲，導致預算編製延誤。",
            "預算數據審核不嚴格，導致預算草案存在錯誤。",
            "匯總口徑不一致，可能導致預算數據無法比較。",
            "差異分析不及時，導致問題未能及時糾正。",
            "差異原因分析不深入，可能導致改進措施無效。",
        ],
        "outputs": [
            "覆蓋全部業務單元的預算需求清單。",
            "按時提交的各業務單元預算資料。",
            "經審核的組織預算草案。",
            "口徑統一的預算匯總表。",
            "按月編製的預算差異分析報告。",
            "針對差異原因的改進措施清單。",
        ],
    },
    {
        "id": "9.1.2",
        "name": "執行成本會計與控制",
        "definition": ["核算產品和服務的成本，並控制成本的發生。"],
        "practices": ["建立成本核算方法，明確成本歸集和分配規則。", "定期盤點存貨，核對賬實是否相符。"],
        "risks": ["成本核算方法不合理，可能導致成本信息失真。", "存貨盤點不及時或不準確，導致賬實不符"],
        "outputs": [],
    },
]


@pytest.fixture(scope="module")
def finance_records(tmp_path_factory, bundled_source):
    # the site's reading table: what the bundled page shows, and 驅, whose code straddles 或實
    readings = {**learn_readings(bundled_source.read_text(encoding="utf-8")), "驅": "qū"}
    path = tmp_path_factory.mktemp("doc") / "gbpm-9.txt"
    write_page(
        path, "業務流程管理通用標準——第9部分(1):“9.0管理財務資源”流程(2024V7.4版)", FINANCE, readings, damaged=True
    )
    text = path.read_text(encoding="utf-8")
    assert "(wù)" in text and "," in text  # the page really carries readings and ASCII commas
    assert "或?qū)" in text and "??" in text  # and damage made the same way as in the bundled page
    return ingest(path)


def test_elements_and_names(finance_records):
    elements = finance_records["elements"]
    assert [e["id"] for e in elements] == ["9.0", "9.1", "9.1.1", "9.1.2"]
    for got, want in zip(elements, FINANCE):
        assert got["name"]["zh-Hant"] == want["name"], got["id"]
        assert got["definition"]["zh-Hant"] == "".join(want["definition"]), got["id"]
    assert elements[0]["pcf_id"] == 17058 and elements[0]["name"]["en"] == "Manage Financial Resources"


def test_columns_and_alignment(finance_records):
    for got, want in zip(finance_records["elements"], FINANCE):
        for kind in ("practices", "risks", "outputs"):
            assert [i["zh-Hant"] for i in got[kind]] == want[kind], (got["id"], kind)
    e911 = finance_records["elements"][2]
    assert [r["practice"] for r in e911["risks"]] == [1, 1, 2, 2, 3, 3]
    e90 = finance_records["elements"][0]
    assert [o["practice"] for o in e90["outputs"]] == [1, 1, 2, 2, 3, 3]


def test_damage_repaired(finance_records):
    assert len(finance_records["repairs"]) >= 2
    assert {r["repaired"][:2] for r in finance_records["repairs"]} >= {"實施", "。績"}


def test_truncated_and_warnings(finance_records):
    last = finance_records["elements"][-1]
    assert last["truncated"] is True and last["outputs"] == []
    assert any(w.startswith("9.1.2:") and "stops mid-sentence" in w for w in finance_records["warnings"])
    assert any(w.startswith("9.1.1:") and "not an element of PCF" in w for w in finance_records["warnings"])
