"""Chinese script conversion and word segmentation, behind one small interface.

The records keep zh-Hant as the source publishes it (the site's own mechanical conversion, with
forms such as 關系, 范圍, 并, 后); zh-Hans is derived from it with OpenCC (``t2s``), a maintained
converter. The graph's Traditional texts are converted back from that clean zh-Hans
(:func:`traditional_forms`: OpenCC ``s2t`` for zh-Hant, ``s2twp`` for zh-Hant-TW, ``s2hk`` for
zh-Hant-HK), so they read 關係, 範圍, 並, 後, and in Taiwan 資訊科技, 專案, 品質 (s2twp corrected by
the project's phrase table ``data/lexicon/zh-hant-tw.tsv``, :func:`to_taiwan`). Word boundaries
come from jieba, which works on Simplified text, so Traditional text is segmented through its
character-aligned Simplified form.
"""

from __future__ import annotations

import functools
import logging
import re


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (OpenCC t2s)."""
    return _t2s().convert(text)


def to_traditional(text: str) -> str:
    """Simplified → Traditional Chinese (OpenCC s2t)."""
    return _s2t().convert(text)


@functools.lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=1)
def taiwan_phrases() -> dict[str, str]:
    """The project's Taiwan phrase table (``data/lexicon/zh-hant-tw.tsv``): zh-Hans phrase → zh-Hant-TW form."""
    from procgraph.resources import resource_path

    table: dict[str, str] = {}
    for line in resource_path("data", "lexicon", "zh-hant-tw.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            hans, taiwan = line.split("\t")[:2]
            table[hans.strip()] = taiwan.strip()
    return table


@functools.lru_cache(maxsize=1)
def _taiwan_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in sorted(taiwan_phrases(), key=len, reverse=True)))


def to_taiwan(text: str) -> str:
    """Simplified → Traditional Chinese with Taiwan's words: OpenCC s2twp (信息技术 → 資訊科技, 项目 → 專案),
    corrected by the project's phrase table (:func:`taiwan_phrases`: 质量 → 品質, 流程运行 → 流程運作).

    >>> to_taiwan("信息技术项目的质量")
    '資訊科技專案的品質'
    """
    convert, phrases = _converter("s2twp").convert, taiwan_phrases()
    if not phrases:
        return convert(text)
    pieces, pos = [], 0
    for found in _taiwan_pattern().finditer(text):
        pieces += [convert(text[pos : found.start()]), phrases[found.group()]]
        pos = found.end()
    return "".join(pieces) + convert(text[pos:])


def to_hongkong(text: str) -> str:
    """Simplified → Traditional Chinese in Hong Kong's forms (OpenCC s2hk)."""
    return _converter("s2hk").convert(text)


#: The Traditional languages the graph carries, with the conversion from zh-Hans of each.
TRADITIONAL = (("zh-Hant", to_traditional), ("zh-Hant-TW", to_taiwan), ("zh-Hant-HK", to_hongkong))


def traditional_forms(hans: str) -> dict[str, str]:
    """zh-Hant (s2t) of a zh-Hans text, and zh-Hant-TW / zh-Hant-HK where they differ from it.

    >>> traditional_forms("关系范围并后")
    {'zh-Hant': '關係範圍並後'}
    >>> traditional_forms("信息技术项目")
    {'zh-Hant': '信息技術項目', 'zh-Hant-TW': '資訊科技專案'}
    """
    out = {"zh-Hant": to_traditional(hans)}
    for lang, convert in TRADITIONAL[1:]:
        value = convert(hans)
        if value != out["zh-Hant"]:
            out[lang] = value
    return out


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def words(text: str) -> list[tuple[int, int, str, str]]:
    """Segment ``text`` (either script) into ``(start, end, word, part_of_speech)`` tuples.

    Offsets refer to ``text`` itself; the words are returned in ``text``'s own script.
    """
    simp = to_simplified(text)
    if len(simp) != len(text):  # OpenCC phrase tables are length-preserving in practice; be safe
        simp = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in text)
    out, pos = [], 0
    for pair in _jieba().cut(simp, HMM=True):
        end = pos + len(pair.word)
        out.append((pos, end, text[pos:end], pair.flag))
        pos = end
    return out
