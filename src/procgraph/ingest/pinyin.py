"""Find the pinyin readings the scraping site put after characters: 業(yè)務(wù).

The site converted the text to Traditional Chinese and wrote the reading after every character
it converted. So a reading is a parenthesised, lower-case, valid Hanyu Pinyin syllable that
directly follows a Traditional character (one that OpenCC's t2s changes). The document's own
parentheses, such as ``(IT)``, ``(KPI)``, ``(1)``, ``(2024V7.4版)`` or ``(如顧客、合作伙伴、媒體等)``,
are kept.

>>> [m for m in reading_spans("業(yè)務(wù)(IT)(1)")]
[(1, 5), (6, 10)]
"""

from __future__ import annotations

import functools
import re
import unicodedata

_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()
_FINALS = (
    "a o e i u v ai ei ui ao ou iu ie ve er an en in un vn ang eng ing ong "
    "ia iao ian iang iong ua uo uai uan uang ue van ueng iou uei uen"
).split()
_SYLLABLE = re.compile(
    r"(?:%s)?(?:%s)"
    % ("|".join(sorted(_INITIALS, key=len, reverse=True)), "|".join(sorted(_FINALS, key=len, reverse=True)))
)
_GROUP = re.compile(r"\(([a-zü\u00e0-\u01dc\u0300-\u036f]{1,7})\)")


def _bare(syllable: str) -> str:
    """Strip tone marks: 'zhǔn' -> 'zhun', 'lǜ' -> 'lv'."""
    decomposed = unicodedata.normalize("NFD", syllable)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("ü", "v").replace("u\u0308", "v")


def is_syllable(text: str) -> bool:
    """True when ``text`` is one Hanyu Pinyin syllable (tone marks optional)."""
    bare = _bare(text)
    return bool(bare) and _SYLLABLE.fullmatch(bare) is not None


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


@functools.lru_cache(maxsize=8192)
def is_converted(ch: str) -> bool:
    """True for a Han character whose Simplified form differs (業, 務; not 件, 管)."""
    from procgraph.ingest.script import to_simplified

    return is_han(ch) and to_simplified(ch) != ch


def reading_spans(text: str):
    """Yield ``(start, end)`` of every pinyin reading group in ``text``."""
    for m in _GROUP.finditer(text):
        if m.start() > 0 and is_converted(text[m.start() - 1]) and is_syllable(m.group(1)):
            yield m.start(), m.end()
