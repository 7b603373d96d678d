"""What a definition, a practice, a risk and an output read like.

The standard's columns run together without separators, so the segmenter decides column
boundaries from the content. These scores are deliberately simple and explainable: each is a
sum of cues a reader of the series would name (a risk names a failure and its consequence, an
output names a result or a document, a practice is an instruction). Counts and row alignment
(see :mod:`procgraph.ingest.segment`) do the rest.

>>> risk_score("溝通不暢或誤解，導致需求確認不準確。") > 2
True
>>> risk_score("與顧客溝通，確認他們的需求和對信息技術服務的期望。") < 1
True
"""

from __future__ import annotations

import re

# A consequence: 導致 / 可能導致 / 影響 / 造成 ...
_CONSEQUENCE = re.compile(
    r"導致|导致|造成|引發|引发|可能(?:影響|影响|錯失|错失|忽略|面臨|面临)|影響[^，。]{0,12}$|影响[^，。]{0,12}$|風險高|风险高"
)
# A failure in the first clause: 不足, 不準確, 未能, 缺乏 ...
_FAILURE = re.compile(
    r"不(?:足|當|当|暢|畅|準確|准确|及時|及时|全面|明確|明确|合理|充分|清晰|穩定|稳定|力|一致|佳|到位|嚴謹|严谨|科學|科学|恰當|恰当|適當|适当|周|完善|改進|改进|兼容|規範|规范|可行|透明|有效|嚴格|严格)"
    r"|未能|未經|未经|未得到|未有效|未及時|未及时|未識別|未识别|缺乏|缺失|忽視|忽视|忽略|遺漏|遗漏|偏差|偏離|偏离|失敗|失败|錯誤|错误|誤解|误解|"
    r"障礙|障碍|漏洞|過時|过时|過低|过低|過高|过高|過於|过于|遲鈍|迟钝|滯後|滞后|延誤|延误|混亂|混乱|單一|单一|主觀|主观|僵化|中斷|中断|泄露|慢|差距|問題|问题|阻力|衝突|冲突|超支"
)
# Result wording that opens an output.
_OUTPUT_OPENERS = re.compile(
    r"^(?:形成|制定出|確定出|确定出|識別出|识别出|獲得|获得|完成|生成|選定|选定|設立並|设立并|收集並整理|收集并整理|列出|"
    r"建立了|一份|詳細的|详细的|詳盡的|详尽的|明確的|明确的|清晰的|完整的|全面的|準確的|准确的|經過|经过|持續改進的|持续改进的|提高|提升|增強|增强|減少|减少|"
    r"顧客對|顾客对|員工|员工|相關方|相关方|雙方|双方)"
)
_OUTPUT_NOUNS = re.compile(
    r"(?:報告|报告|清單|清单|文件|計劃|计划|方案|路線圖|路线图|機制|机制|記錄|记录|協議|协议|目錄|目录|聲明|声明|流程|策略|"
    r"共識|共识|承諾|承诺|理解|認識|认识|關係|关系|能力|時間表|时间表)"
)
# Instruction wording that opens a practice.
_PRACTICE_OPENERS = re.compile(
    r"^(?:定期|建立|制定|確保|确保|明確|明确|全面|深入|分析|評估|评估|評審|评审|評價|评价|識別|识别|確定|确定|收集|與|与|對|对|將|将|根據|根据|"
    r"通過|通过|使用|採用|采用|利用|監控|监控|持續|持续|提供|設立|设立|維護|维护|涉及|結合|结合|選擇|选择|定義|定义|積極|积极|鼓勵|鼓励|"
    r"闡述|阐述|向|在|實施|实施|執行|执行|設計|设计|協調|协调|組織|组织|跟蹤|跟踪|記錄|记录|更新|優化|优化|改進|改进|準備|准备|培訓|培训|溝通|沟通|合理|"
    r"充分|精準|精准|增強|增强|提升|驗證|验证|比較|比较|對比|对比|整合|推動|推动|開展|开展|規劃|规划|梳理|調整|调整|管理|"
    r"檢查|检查|測量|测量|預測|预测|計算|计算|審查|审查|協商|协商|簽訂|签订|明晰|考慮|考虑)"
)


def first_clause(sentence: str) -> str:
    """The sentence up to its first comma or semicolon."""
    return re.split(r"[，,；;]", sentence, maxsplit=1)[0]


def risk_score(sentence: str) -> float:
    """How much ``sentence`` reads like a risk: a failure and its consequence."""
    score = 0.0
    first = first_clause(sentence)
    if _CONSEQUENCE.search(sentence):
        score += 2.0
    if "可能" in sentence:
        score += 0.5
    failures = len(_FAILURE.findall(first))
    score += min(failures, 2) * 1.0
    if failures == 0 and _FAILURE.search(sentence):
        score += 0.5
    if _OUTPUT_OPENERS.match(sentence):
        score -= 1.5
    if re.match(r"^(?:確保|确保|以確保|以确保)", sentence):
        score -= 1.0
    return score


def output_score(sentence: str) -> float:
    """How much ``sentence`` reads like an expected output: a result, a document, a state."""
    score = 0.0
    if _OUTPUT_OPENERS.match(sentence):
        score += 2.0
    first = first_clause(sentence)
    if _OUTPUT_NOUNS.search(first[-6:]):
        score += 1.0
    if _PRACTICE_OPENERS.match(sentence) and not _OUTPUT_OPENERS.match(sentence):
        score -= 0.5
    return score


def practice_score(sentence: str) -> float:
    """How much ``sentence`` reads like a best-practice instruction."""
    score = 0.0
    if _PRACTICE_OPENERS.match(sentence):
        score += 1.5
    if re.search(r"，(?:以|確保|确保|並|并|促進|促进|提高|保持)", sentence):
        score += 0.5
    if _OUTPUT_OPENERS.match(sentence) and not _PRACTICE_OPENERS.match(sentence):
        score -= 1.0
    return score
