"""Where an element's name ends and its definition begins.

In the flattened table an element reads ``8.1.1了解信息技術顧客需求評價顧客群以及…。``: the
name runs straight into the definition. The name is the Chinese rendering of the PCF element's
English name, so it has about as many words as the English name; the definition opens with an
instruction or a preposition (評價, 通過, 根據, 在…); in several elements the definition opens
with the very verb the name starts with (制定信息技術愿景 / 制定目標…). A name quoted in the
parent's definition (8.0 lists its process groups in “…”) settles the question outright.
"""

from __future__ import annotations

import re

from procgraph.ingest.kinds import _PRACTICE_OPENERS
from procgraph.ingest.script import words

_DEFINITION_OPENERS = re.compile(
    r"^(?:了解|創建|创建|為|为|用|考慮|考虑|識別|识别|提供|管理|維護|维护|制定|測量|测量|使用|協調|协调|"
    r"建立|評價|评价|評估|评估|通過|通过|根據|根据|在|向|確定|确定|定義|定义|設計|设计|開發|开发|規劃|规划|"
    r"計劃|计划|策劃|策划|分析|收集|監控|监控|支持|促進|促进|溝通|沟通|預測|预测|協商|协商|組織|组织|指導|指导)"
)
_FUNCTION_END = re.compile(r"(?:的|和|與|与|並|并|或|及|以|對|对|在|為|为|于|於|將|将)$")
# Parts of speech (jieba) that cannot end a name: prepositions, conjunctions, particles, adverbs.
_FUNCTION_POS = {"p", "c", "u", "uj", "ul", "d", "r"}
_EN_STOP = {"a", "an", "the", "of", "for", "to", "in", "on", "with", "by"}


def english_word_count(name_en: str) -> int:
    """Content words of an English PCF name, the yardstick for the Chinese name's length."""
    tokens = re.findall(r"[A-Za-z]+", re.sub(r"\([^)]*\)", "", name_en))
    return max(1, sum(1 for t in tokens if t.lower() not in _EN_STOP))


def name_candidates(sentence: str):
    """Possible name ends (word boundaries before the first comma): ``(end, words before, next word)``."""
    limit = len(sentence)
    m = re.search(r"[，,、；;：:]", sentence)
    if m:
        limit = m.start()
    segs = words(sentence[:limit])
    out = []
    for j in range(1, len(segs)):
        end = segs[j - 1][1]
        if end >= 2:
            out.append((end, segs[:j], segs[j][2]))
    return out


def score_name_end(sentence: str, end: int, name_words, next_word: str, name_en: str | None,
                   known_names: frozenset[str]) -> float:
    name, rest = sentence[:end], sentence[end:]
    if name in known_names:
        return 100.0
    content = [w for w in name_words if re.search(r"[\w]", w[2])]
    score = 0.0
    if name_en:
        score -= 0.7 * abs(len(content) - english_word_count(name_en))
    first_word = name_words[0][2]
    if next_word == first_word and len(first_word) >= 2:
        score += 1.5
    if _DEFINITION_OPENERS.match(rest) or _PRACTICE_OPENERS.match(rest):
        score += 2.0
    if _FUNCTION_END.search(name) or name_words[-1][3] in _FUNCTION_POS:
        score -= 3.0
    if rest[:1] in ")）、，,":
        score -= 5.0
    if not rest:
        score -= 10.0
    return score


def split_name(sentence: str, name_en: str | None = None,
               known_names: frozenset[str] = frozenset()) -> int:
    """Return the length of the element name at the start of ``sentence``."""
    best_end, best_score = None, float("-inf")
    for end, name_words, next_word in name_candidates(sentence):
        score = score_name_end(sentence, end, name_words, next_word, name_en, known_names)
        if score > best_score:
            best_end, best_score = end, score
    if best_end is None:
        return len(sentence)
    return best_end
