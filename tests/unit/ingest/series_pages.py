"""Three hand-written pages of other parts of the 业务流程管理通用标准 series, with their records.

Each page is a list of elements written as the standard writes them (clean Traditional text, as
the site shows it once readings are removed); :func:`tests.unit.ingest.synthetic.write_page` turns it
into a damaged page the way the site damages pages. The expected records are these same texts,
item by item: ``practice`` on a risk or output is the row's practice.

* ``PART_8_2``: 第8部分(2) starting at the process group 8.2, skipping 8.2.1.2 and 8.2.2, two risks
  per practice in 8.2.1, cut off in 8.2.3.1's first risk;
* ``PART_8_1_7``: a part starting at the process 8.1.7 in the middle of group 8.1, practices as
  unpunctuated phrases (quoted in the definition), skipping 8.1.7.2, running on into 8.2 and cut
  off in 8.2.1's outputs;
* ``PART_4_1_2``: category 4.0 (only in the full PCF, not in the facts procgraph carries),
  starting at 4.1.2, skipping 4.1.2.3, two risks per practice in 4.1.2.2, cut off in 4.1.3.

:func:`build_series` builds the bundled page and one of these, damaged, from one folder, as a
user builds a downloaded series.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.ingest.synthetic import write_page

PART_8_2 = {
    "title": "業務流程管理通用標準——第8部分(2):“8.2開發與管理信息技術業務戰略”流程(2024V7.4版)",
    "part": "第8部分(2)",
    "elements": [
        {
            "id": "8.2",
            "name": "開發與管理信息技術業務戰略",
            "pcf_id": 20652,
            "parent": "8.0",
            "definition": [
                "制定與組織戰略一致的信息技術業務戰略，並對其實施進行管理。",
                "流程組包括定義業務技術和治理戰略、管理信息技術組合戰略以及定義和維護企業架構。",
            ],
            "practices": [
                "定期評審組織戰略和業務目標，確保信息技術戰略與其保持一致。",
                "建立信息技術投資組合管理機制，根據價值和風險確定投資的優先級。",
                "制定企業架構原則和標準，指導信息技術解決方案的設計和實施。",
            ],
            "risks": [
                "信息技術戰略與組織戰略脫節，可能導致信息技術投入無法支持業務目標。",
                "投資優先級確定不合理，可能導致資源浪費或關鍵項目延誤。",
                "企業架構原則不明確，可能導致系統重複建設和集成困難。",
            ],
            "outputs": [
                "形成與組織戰略一致的信息技術戰略文件。",
                "經批准的信息技術投資組合清單和優先級排序。",
                "發布的企業架構原則和標準文件。",
            ],
            "per_practice": 1,
        },
        {
            "id": "8.2.1",
            "name": "定義業務技術和治理戰略",
            "pcf_id": 20653,
            "parent": "8.2",
            "definition": ["確定支持業務發展的技術方向，並建立信息技術治理的框架和決策機制。"],
            "practices": [
                "分析業務發展需求和技術趨勢，明確業務技術戰略的方向和重點。",
                "建立信息技術治理委員會，明確決策權限和問責機制。",
            ],
            "risks": [
                "業務需求分析不充分，可能導致技術戰略偏離業務發展方向。",
                "技術趨勢判斷失誤，可能導致錯失技術創新的機會。",
                "治理委員會職責不清晰，可能導致決策效率低下。",
                "問責機制缺失，可能導致信息技術決策無人負責。",
            ],
            "outputs": [
                "形成業務技術戰略文件，明確技術方向和重點領域。",
                "技術趨勢分析報告，識別可利用的創新技術。",
                "信息技術治理委員會章程和成員名單。",
                "明確的決策權限矩陣和問責制度文件。",
            ],
            "per_practice": 2,
        },
        {
            "id": "8.2.1.1",
            "name": "建立並維護信息技術戰略情報",
            "pcf_id": 20654,
            "parent": "8.2.1",
            "definition": ["收集和分析與信息技術相關的內外部信息，為戰略決策提供依據。"],
            "practices": [
                "定期收集行業動態、競爭對手和技術供應商的信息，建立戰略情報庫。",
                "分析收集的情報，識別對組織信息技術戰略有影響的因素。",
                "向管理層提供戰略情報簡報，支持信息技術戰略決策。",
            ],
            "risks": [
                "情報收集不全面或不及時，可能導致戰略決策依據不足。",
                "情報分析不深入，可能導致忽視對戰略有重大影響的因素。",
                "情報簡報傳遞不及時，可能導致管理層錯失決策時機。",
            ],
            "outputs": [
                "建立並持續更新的信息技術戰略情報庫。",
                "戰略影響因素分析報告。",
                "定期提交給管理層的戰略情報簡報。",
            ],
            "per_practice": 1,
        },
        {
            "id": "8.2.1.3",
            "name": "定義並溝通數字化轉型戰略",
            "pcf_id": 20656,
            "parent": "8.2.1",
            "definition": ["明確組織數字化轉型的目標、路徑和措施，並向相關方溝通。"],
            "practices": [
                "結合業務戰略制定數字化轉型路線圖，明確各階段的目標和里程碑。",
                "通過多種渠道向員工和相關方溝通數字化轉型戰略，爭取廣泛支持。",
            ],
            "risks": [
                "轉型路線圖不切實際或實施不到位，可能導致轉型目標無法實現。",
                "溝通不充分或方式不當，可能導致員工對轉型產生抵觸情緒。",
            ],
            "outputs": ["經批准的數字化轉型路線圖和里程碑計劃。", "員工和相關方對數字化轉型戰略的理解和支持。"],
            "per_practice": 1,
        },
        {
            "id": "8.2.3",
            "name": "定義並維護企業架構",
            "pcf_id": 20668,
            "parent": "8.2",
            "definition": ["建立並維護描述組織業務、數據、應用和技術的企業架構。"],
            "practices": [
                "制定企業架構框架，明確業務架構、數據架構、應用架構和技術架構的內容。",
                "定期評審和更新企業架構，確保其反映業務和技術的變化。",
            ],
            "risks": [
                "架構框架不完整，可能導致架構設計缺乏系統性。",
                "架構更新滯後，可能導致架構文檔與實際系統不一致。",
            ],
            "outputs": ["形成完整的企業架構框架文件。", "定期更新的企業架構文檔和評審記錄。"],
            "per_practice": 1,
        },
        {
            "id": "8.2.3.1",
            "name": "創建並發布企業架構原則",
            "pcf_id": 20670,
            "parent": "8.2.3",
            "definition": ["制定指導架構設計和決策的原則，並在組織內發布。"],
            "practices": [
                "組織業務和技術專家共同制定企業架構原則，確保原則的可操作性。",
                "通過內部門戶發布企業架構原則，並對相關人員進行培訓。",
            ],
            "risks": ["架構原則過於抽象或缺乏共識，可能導致原則無法"],
            "outputs": [],
            "per_practice": 1,
            "truncated": True,
        },
    ],
}

PART_8_1_7 = {
    "title": "業務流程管理通用標準——第8部分(2):“8.1.7分析服務績效”流程(2024V7.4版)",
    "part": "第8部分(2)",
    "elements": [
        {
            "id": "8.1.7",
            "name": "分析服務績效",
            "pcf_id": 20648,
            "parent": "8.1",
            "definition": [
                "衡量信息技術服務的交付情況，並將分析結果用於服務改進。",
                "流程包括“評估服務水平協議合規性”、“分類處理合規問題”、“收集產品和服務反饋”以及“綜合並發布績效信息”。",
            ],
            "practices": ["評估服務水平協議合規性", "分類處理合規問題", "收集產品和服務反饋", "綜合並發布績效信息"],
            "risks": [
                "合規性評估不準確，可能導致未能發現服務水平協議的違約情況。",
                "合規問題分類錯誤，可能導致嚴重問題未能得到優先處理。",
                "反饋收集渠道單一，可能導致遺漏重要的顧客意見。",
                "績效信息發布不及時，可能影響管理層對服務質量的判斷。",
            ],
            "outputs": [
                "形成服務水平協議合規性評估報告。",
                "按嚴重程度分類的合規問題清單和處理記錄。",
                "收集並整理的產品和服務反饋記錄。",
                "定期發布的信息技術績效報告。",
            ],
            "per_practice": 1,
        },
        {
            "id": "8.1.7.1",
            "name": "評估服務水平協議合規性",
            "pcf_id": 20649,
            "parent": "8.1.7",
            "definition": ["通過對比服務的實際表現與協議的承諾，確定服務是否符合協議的要求。"],
            "practices": [
                "定期收集服務可用性、響應時間等績效數據，與協議約定的指標進行比較。",
                "識別未達到協議要求的服務，分析偏差的原因。",
                "向服務提供方和顧客通報合規性評估結果，並跟蹤改進措施的落實。",
            ],
            "risks": [
                "績效數據收集不完整或不準確，可能導致合規性評估結論錯誤。",
                "偏差原因分析不深入，可能導致同類問題反覆發生。",
                "評估結果通報不及時，可能導致改進措施延誤。",
            ],
            "outputs": [
                "完整準確的服務績效數據和指標對比表。",
                "未達標服務清單和偏差原因分析報告。",
                "評估結果通報記錄和改進措施跟蹤表。",
            ],
            "per_practice": 1,
        },
        {
            "id": "8.1.7.3",
            "name": "收集信息技術產品和服務的反饋",
            "pcf_id": 20647,
            "parent": "8.1.7",
            "definition": ["通過調查、訪談和服務台記錄等方式收集顧客對信息技術產品和服務的意見。"],
            "practices": [
                "設計顧客滿意度調查問卷，定期向顧客發放並回收。",
                "分析服務台記錄中的投訴和建議，識別需要改進的產品和服務。",
            ],
            "risks": [
                "調查問卷設計不合理或回收率低，可能導致反饋結果缺乏代表性。",
                "投訴和建議分析不及時，可能導致顧客不滿持續加劇。",
            ],
            "outputs": ["顧客滿意度調查結果和分析報告。", "需要改進的產品和服務清單。"],
            "per_practice": 1,
        },
        {
            "id": "8.2",
            "name": "開發與管理信息技術業務戰略",
            "pcf_id": 20652,
            "parent": "8.0",
            "definition": ["制定與組織戰略一致的信息技術業務戰略，並對其實施進行管理。"],
            "practices": [
                "定期評審組織戰略和業務目標，確保信息技術戰略與其保持一致。",
                "建立信息技術投資組合管理機制，根據價值和風險確定投資的優先級。",
            ],
            "risks": [
                "信息技術戰略與組織戰略脫節，可能導致信息技術投入無法支持業務目標。",
                "投資優先級確定不合理，可能導致資源浪費或關鍵項目延誤。",
            ],
            "outputs": ["形成與組織戰略一致的信息技術戰略文件。", "經批准的信息技術投資組合清單和優先級排序。"],
            "per_practice": 1,
        },
        {
            "id": "8.2.1",
            "name": "定義業務技術和治理戰略",
            "pcf_id": 20653,
            "parent": "8.2",
            "definition": ["確定支持業務發展的技術方向，並建立信息技術治理的框架和決策機制。"],
            "practices": [
                "分析業務發展需求和技術趨勢，明確業務技術戰略的方向和重點。",
                "建立信息技術治理委員會，明確決策權限和問責機制或實施監督。",
            ],
            "risks": [
                "業務需求分析不充分，可能導致技術戰略偏離業務發展方向。",
                "治理委員會職責不清晰，可能導致決策效率低下。",
            ],
            "outputs": ["形成業務技術戰略文件，明確技術方向和重點領域。", "信息技術治理委員會章程和"],
            "per_practice": 1,
            "truncated": True,
        },
    ],
}

PART_4_1_2 = {
    "title": "業務流程管理通用標準——第4部分(2):“4.1.2管理產品需求”流程(2024V7.4版)",
    "part": "第4部分(2)",
    "elements": [
        {
            "id": "4.1.2",
            "name": "管理產品需求",
            "pcf_id": 10222,
            "parent": "4.1",
            "definition": ["根據市場和顧客信息預測產品需求，並據此安排供應計劃。"],
            "practices": [
                "收集歷史銷售數據和市場信息，建立需求預測模型。",
                "與銷售和市場部門定期召開需求評審會議，確認需求預測。",
                "監控實際需求與預測的偏差，及時調整供應計劃。",
            ],
            "risks": [
                "歷史數據不完整或預測模型不合理，可能導致需求預測偏離實際。",
                "需求評審會議流於形式，可能導致各部門對需求缺乏共識。",
                "偏差監控不及時，可能導致庫存積壓或缺貨。",
            ],
            "outputs": [
                "形成經驗證的需求預測模型和預測結果。",
                "需求評審會議紀要和各部門確認的需求計劃。",
                "需求偏差分析報告和調整後的供應計劃。",
            ],
            "per_practice": 1,
        },
        {
            "id": "4.1.2.1",
            "name": "制定基準需求預測",
            "pcf_id": 10235,
            "parent": "4.1.2",
            "definition": ["根據歷史數據和統計方法，形成不考慮促銷等特殊因素的需求預測。"],
            "practices": [
                "清洗歷史銷售數據，剔除異常值和一次性訂單的影響。",
                "選擇適合產品特點的統計預測方法，計算基準需求預測。",
            ],
            "risks": ["數據清洗不徹底，可能導致基準預測失真。", "預測方法選擇不當，可能導致預測誤差過大。"],
            "outputs": ["清洗後的歷史銷售數據集。", "按產品和區域劃分的基準需求預測。"],
            "per_practice": 1,
        },
        {
            "id": "4.1.2.2",
            "name": "與顧客協同需求",
            "pcf_id": 10236,
            "parent": "4.1.2",
            "definition": ["通過與主要顧客共享需求信息，共同制定需求計劃。"],
            "practices": [
                "與主要顧客建立需求信息共享機制，定期交換銷售和庫存數據。",
                "與顧客共同評審需求計劃，協商解決供需差異。",
            ],
            "risks": [
                "信息共享機制不健全，可能導致顧客需求信息獲取不及時。",
                "共享數據口徑不一致，可能導致雙方對需求的理解存在偏差。",
                "協同評審不充分，可能導致需求計劃與顧客實際需要不符。",
                "供需差異協商失敗，可能導致顧客訂單無法按時交付。",
            ],
            "outputs": [
                "建立的顧客需求信息共享機制和數據交換記錄。",
                "雙方確認的數據口徑說明。",
                "與顧客共同確認的需求計劃。",
                "供需差異協商記錄和解決方案。",
            ],
            "per_practice": 2,
        },
        {
            "id": "4.1.2.4",
            "name": "確定可承諾量",
            "pcf_id": 10238,
            "parent": "4.1.2",
            "definition": ["根據庫存和生產計劃，計算可以向顧客承諾交付的產品數量。"],
            "practices": [
                "整合庫存、在途和計劃生產數據，計算各產品的可承諾量。",
                "向銷售部門提供可承諾量查詢，支持訂單承諾。",
            ],
            "risks": [
                "數據整合不及時或不準確，可能導致可承諾量計算錯誤。",
                "查詢結果更新滯後，可能導致銷售部門過度承諾。",
            ],
            "outputs": ["按產品和時段計算的可承諾量報表。", "銷售部門可用的可承諾量查詢功能。"],
            "per_practice": 1,
        },
        {
            "id": "4.1.3",
            "name": "創建物料計劃",
            "pcf_id": 10223,
            "parent": "4.1",
            "definition": ["根據需求計劃和物料清單確定物料的需求數量和時間。"],
            "practices": ["根據需求計劃和物料清單計算物料需求，形成物料計劃草案。"],
            "risks": ["物料清單不準確，可能導致物料需求計算錯誤或實施延誤"],
            "outputs": [],
            "per_practice": 1,
            "truncated": True,
        },
    ],
}

PAGES = {"8-2": PART_8_2, "8-1-7": PART_8_1_7, "4-1-2": PART_4_1_2}


def site_readings(bundled_source: Path) -> dict[str, str]:
    """The site's reading table as the bundled page shows it, and 驅, whose code straddles 或實."""
    from procgraph.ingest.gbkdamage import learn_readings

    return {**learn_readings(bundled_source.read_text(encoding="utf-8")), "驅": "qū"}


def build_series(root: Path, bundled_source: Path, page: dict, name: str, before: Callable[[], None] | None = None):
    """Build the bundled 第8部分(1) and ``page`` (written damaged as ``name``) from ``root/parts``
    into ``root/store``, with ``root/home`` as PROCGRAPH_HOME; ``before`` runs first inside that
    home (to import the PCF, say). Returns the build report."""
    from procgraph.build import build

    folder = root / "parts"
    folder.mkdir()
    (folder / "gbpm-8-1.txt").write_bytes(bundled_source.read_bytes())
    write_page(folder / name, page["title"], page["elements"], site_readings(bundled_source), damaged=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(root / "home"))
        if before is not None:
            before()
        return build(folder, root / "store")
