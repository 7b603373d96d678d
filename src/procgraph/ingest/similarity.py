"""Lexical similarity between short Chinese texts, for row alignment.

Rows of the standard's table are written in parallel: a practice, the risk it controls and the
output it yields reuse the same words (收集顧客反饋 / 未能及時收集顧客反饋 / ...). Character
bigram overlap, with bigrams common to the whole element discounted, measures that.

>>> s = Similarity(["定期收集顧客反饋。", "未能收集顧客反饋，導致遺漏。", "評估服務水平。"])
>>> s("定期收集顧客反饋。", "未能收集顧客反饋，導致遺漏。") > s("定期收集顧客反饋。", "評估服務水平。")
True
"""

from __future__ import annotations

from collections import Counter

from procgraph.ingest.pinyin import is_han


def bigrams(text: str) -> set[str]:
    han = [ch if is_han(ch) or ch.isalnum() else " " for ch in text]
    joined = "".join(han)
    return {joined[i : i + 2] for i in range(len(joined) - 1) if " " not in joined[i : i + 2]}


class Similarity:
    """Dice overlap of character bigrams, ignoring bigrams found in most of ``corpus``."""

    def __init__(self, corpus: list[str], common_share: float = 0.4):
        counts = Counter(b for text in corpus for b in bigrams(text))
        limit = max(3, int(len(corpus) * common_share))
        self.common = {b for b, n in counts.items() if n > limit}
        self._cache: dict[str, set[str]] = {}

    def grams(self, text: str) -> set[str]:
        if text not in self._cache:
            self._cache[text] = bigrams(text) - self.common
        return self._cache[text]

    def __call__(self, a: str, b: str) -> float:
        ga, gb = self.grams(a), self.grams(b)
        if not ga or not gb:
            return 0.0
        return 2 * len(ga & gb) / (len(ga) + len(gb))
