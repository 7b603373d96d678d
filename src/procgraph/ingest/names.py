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

from procgraph.ingest.script import words

_DEFINITION_OPENERS = re.compile(
    r"^(?:了解|創建|创建|為|为|用|考慮|考虑|識別|识别|提供|管理|維護|维护|制定|測量|测量|使用|協調|协调|"
    r"建立|評價|评价|評估|评估|通過|通过|根據|根据|在|向|確定|确定|定義|定义|設計|设计|開發|开发|規劃|规划|"
    r"計劃|计划|策劃|策划|分析|收集|監控|监控|支持|促進|促进|溝通|沟通|預測|预测|協商|协商|組織|组织|指導|指导|明確|明确)"
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
    """Possible name ends before the first comma (an enumeration comma 、 may be inside a name):
    ``(end, name words, next word, at a word boundary)``.

    Every character position is a candidate; one that cuts through a word of the whole sentence
    (as jieba reads it) is marked, because jieba may also glue the name's last word to the
    definition's first (資源管理 in 管理財務資源管理組織內…).
    """
    limit = len(sentence)
    m = re.search(r"[，,；;：:。]", sentence)
    if m:
        limit = m.start()
    boundaries = {w[1] for w in words(sentence[:limit])}
    out = []
    for end in range(2, limit):
        rest_words = words(sentence[end:limit])
        out.append((end, words(sentence[:end]), rest_words[0][2] if rest_words else "", end in boundaries))
    return out


def score_name_end(
    sentence: str,
    end: int,
    name_words,
    next_word: str,
    at_boundary: bool,
    name_en: str | None,
    known_names: frozenset[str],
) -> float:
    name, rest = sentence[:end], sentence[end:]
    if name in known_names:
        return 100.0
    content = [w for w in name_words if re.search(r"[\w]", w[2])]
    score = 0.0
    if name_en:
        score -= 0.7 * abs(len(content) - english_word_count(name_en))
    else:  # no English name to measure against: PCF names in Chinese run to about nine characters
        score -= 0.15 * abs(len(name) - 9)
    first_word = name_words[0][2]
    if next_word == first_word and len(first_word) >= 2:
        score += 1.5
    if _DEFINITION_OPENERS.fullmatch(next_word):
        score += 2.0
    if _FUNCTION_END.search(name) or name_words[-1][3] in _FUNCTION_POS:
        score -= 3.0
    if rest[:1] in ")）、，,":
        score -= 5.0
    if not rest:
        score -= 10.0
    if not at_boundary:
        score -= 1.5
    if len(name_words) > 1 and name_words[-1][2] == first_word:
        score -= 1.0  # a name is a verb and its object; it does not end with its own verb again
    if name.endswith("、") or rest.startswith("、"):
        score -= 5.0
    return score


def split_name(sentence: str, name_en: str | None = None, known_names: frozenset[str] = frozenset()) -> int:
    """Return the length of the element name at the start of ``sentence``."""
    best_end, best_score = None, float("-inf")
    for end, name_words, next_word, at_boundary in name_candidates(sentence):
        score = score_name_end(sentence, end, name_words, next_word, at_boundary, name_en, known_names)
        if score > best_score:
            best_end, best_score = end, score
    if best_end is None:
        return len(sentence)
    return best_end
