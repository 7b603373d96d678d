"""Chinese script conversion and word segmentation, behind one small interface.

zh-Hant is kept as written in the source; zh-Hans is derived with OpenCC (``t2s``), a maintained
converter. Word boundaries come from jieba, which works on Simplified text, so Traditional text
is segmented through its character-aligned Simplified form.
"""

from __future__ import annotations

import functools
import logging


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
