"""Cut one element's flattened row into definition, practices, risks and outputs.

After its name, an element reads: definition (1-5 sentences), N practices, then N or 2N risks
and as many outputs, all ending in 。 and with no column separators. The segmenter enumerates
every layout the counts allow and keeps the one that reads best:

* counts: ``k = D + P + R + O`` with ``R = O`` and ``R`` = ``P`` or ``2P`` (a truncated last
  element may stop anywhere after its definition);
* content: risks read like failures with consequences (:func:`~procgraph.ingest.kinds.risk_score`),
  outputs like results, practices like instructions;
* alignment: practice *i*, its risk(s) and its output(s) share words.

Two elements (8.0 and 8.1.2.1 in part 8) write their practices as short phrases with no
punctuation, run straight into the first risk. For those a "merged" layout is tried: the
phrases are cut where the cut best matches each practice's own risks and outputs, or where the
definition quotes the phrases (8.0 quotes its process groups in “…”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from procgraph.ingest.kinds import first_clause, output_score, practice_score, risk_score
from procgraph.ingest.script import words
from procgraph.ingest.similarity import Similarity

MAX_DEFINITION_SENTENCES = 5


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    """One way of reading an element's sentences; ``score`` says how well it reads."""

    definition: list[Piece]
    practices: list[Piece]
    risks: list[Piece]
    outputs: list[Piece]
    per_practice: int
    merged: bool = False
    truncated: bool = False
    score: float = float("-inf")
    fit: float = 0.0  # merged layouts: how well the phrase cuts match their rows (total)
    notes: list[str] = field(default_factory=list)

    def practice_of_risk(self, i: int) -> int:
        return min(i // self.per_practice, len(self.practices) - 1) + 1 if self.practices else 0

    practice_of_output = practice_of_risk


def split_sentences(text: str, offset: int = 0) -> tuple[list[Piece], bool]:
    """Split at 。; returns the pieces and whether the last one is terminated."""
    pieces, start = [], 0
    for m in re.finditer("。", text):
        seg = text[start : m.end()]
        if seg.strip("。 "):
            pieces.append(Piece(offset + start, offset + m.end(), seg))
        start = m.end()
    tail = text[start:]
    terminated = not tail.strip()
    if not terminated:
        pieces.append(Piece(offset + start, offset + len(text), tail.rstrip()))
    return pieces, terminated


def _groups(layout: Layout) -> list[list[str]]:
    """Texts aligned with each practice: its risks and outputs."""
    groups: list[list[str]] = [[] for _ in layout.practices]
    for i, r in enumerate(layout.risks):
        groups[layout.practice_of_risk(i) - 1].append(r.text)
    for i, o in enumerate(layout.outputs):
        groups[layout.practice_of_output(i) - 1].append(o.text)
    return groups


def _alignment(layout: Layout, sim: Similarity) -> float:
    """Mean similarity of each practice with its own risks and outputs, minus its neighbours'."""
    if not layout.practices or not layout.risks:
        return 0.0
    groups = _groups(layout)
    total, counted = 0.0, 0
    for i, p in enumerate(layout.practices):
        if not groups[i]:  # a truncated element: this practice's rows were cut off
            continue
        own = max(sim(p.text, t) for t in groups[i])
        others = [sim(p.text, t) for j, g in enumerate(groups) if j != i for t in g]
        total += own - (sum(others) / len(others) if others else 0.0)
        counted += 1
    pairs = 0.0
    for i, o in enumerate(layout.outputs):
        if i < len(layout.risks):
            pairs += sim(layout.risks[i].text, o.text)
    return total / max(counted, 1) + (pairs / len(layout.outputs) if layout.outputs else 0.0)


def _content(layout: Layout) -> float:
    """How well each sentence fits the column the layout puts it in (summed, not averaged:
    every layout of an element places the same sentences)."""
    score = 0.0
    for r in layout.risks:
        score += min(risk_score(r.text), 3.0) - 1.0
    for piece in layout.practices + layout.outputs + layout.definition[1:]:
        score -= max(risk_score(piece.text) - 0.5, 0.0)
    for o in layout.outputs:
        score += 0.5 * output_score(o.text) - 0.3 * max(practice_score(o.text), 0.0)
    for p in layout.practices:
        score += 0.3 * practice_score(p.text)
    for d in layout.definition[1:]:
        score -= 0.2 * max(practice_score(d.text), 0.0)
    return score


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest substring of ``a`` that occurs in ``b``."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def score_layout(layout: Layout, sim: Similarity) -> float:
    phrases = 0.0
    if layout.merged:
        groups = _groups(layout)
        verbatim = sum(longest_common_run(p.text, "".join(g)) for p, g in zip(layout.practices, groups))
        phrases = 0.5 * layout.fit + 0.3 * verbatim
    return (
        _content(layout)
        + 4.0 * _alignment(layout, sim)
        + phrases
        - 0.4 * (len(layout.definition) - 1)
        - (1.0 if layout.merged else 0.0)
        - (0.5 if layout.per_practice == 2 else 0.0)
    )


def regular_layouts(sentences: list[Piece], terminated: bool):
    """Layouts with one sentence per item (the common case)."""
    k = len(sentences)
    for d in range(1, min(MAX_DEFINITION_SENTENCES, k) + 1):
        for mult in (1, 2):
            if terminated:
                per = 1 + 2 * mult
                if (k - d) % per or (k - d) // per < 1:
                    continue
                p = (k - d) // per
                r = p * mult
                yield Layout(
                    sentences[:d], sentences[d : d + p], sentences[d + p : d + p + r], sentences[d + p + r :], mult
                )
            else:
                for p in range(1, k - d + 1):
                    rest = k - d - p
                    r = min(rest, p * mult)
                    o = rest - r
                    if o > r:
                        continue
                    yield Layout(
                        sentences[:d],
                        sentences[d : d + p],
                        sentences[d + p : d + p + r],
                        sentences[d + p + r :],
                        mult,
                        truncated=True,
                    )


_LOOSE_ENDS = "與与和及並并或的"
_PRACTICE_START = re.compile(
    r"(?:使用|定義|定义|定期|建立|制定|持續|持续|開展|开展|實施|实施|採用|采用|進行|进行|執行|执行|評估|评估|管理|維護|维护)"
)


def phrase_quality(phrase: str) -> float:
    """Penalty for a practice phrase that is too short, too long, or cut at a function word."""
    score = -0.5 * max(0, 4 - len(phrase)) - 0.05 * max(0, len(phrase) - 14)
    if _PRACTICE_START.match(phrase):
        score += 0.5
    if phrase[0] in _LOOSE_ENDS or phrase[-1] in _LOOSE_ENDS:
        score -= 1.0
    return score


def phrase_fit(
    phrase: str, index: int, group_grams: list[set[str]], sim: Similarity, all_grams: set[str] | None = None
) -> float:
    """Bigrams of ``phrase`` found in its own rows count for it; found only in other rows, against."""
    if all_grams is None:
        all_grams = set().union(*group_grams)
    score = 0.0
    own = group_grams[index]
    for gram in sim.grams(phrase):
        if gram in own:
            score += 1.0
        elif gram in all_grams:
            score -= 1.0
        else:
            score -= 0.3
    return score


def _cut_phrases(
    blob: Piece, n: int, groups: list[list[str]], sim: Similarity, quoted: list[str]
) -> tuple[list[Piece], float] | None:
    """Cut an unpunctuated run of ``n`` practice phrases.

    Quoted phrases from the definition win when they tile the run exactly. Otherwise a dynamic
    programme over character positions picks the cuts whose phrases best match their own rows
    (:func:`phrase_fit`), preferring jieba word boundaries and phrases of ordinary length.
    Returns the phrases and the fit per phrase.
    """
    text = blob.text
    if quoted and len(quoted) >= n and "".join(quoted[:n]) == text:
        pieces, pos = [], 0
        for q in quoted[:n]:
            pieces.append(Piece(blob.start + pos, blob.start + pos + len(q), q))
            pos += len(q)
        return pieces, 10.0 * n
    length = len(text)
    if length < 2 * n:
        return None
    group_grams = [set().union(*(sim.grams(t) for t in g)) if g else set() for g in groups]
    all_grams = set().union(*group_grams)
    word_ends = {w[1] for w in words(text)}

    def gain(index: int, start: int, end: int) -> float:
        phrase = text[start:end]
        value = phrase_fit(phrase, index, group_grams, sim, all_grams) + phrase_quality(phrase)
        return value - (0.0 if end in word_ends else 1.5)

    neg = float("-inf")
    # best[i][e]: best score of cutting text[:e] into i phrases; back[i][e]: start of phrase i
    best = [[neg] * (length + 1) for _ in range(n + 1)]
    back = [[0] * (length + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for end in range(2 * i, length - 2 * (n - i) + 1):
            for start in range(max(0, end - 24), end - 1):
                if best[i - 1][start] == neg:
                    continue
                value = best[i - 1][start] + gain(i - 1, start, end)
                if value > best[i][end]:
                    best[i][end], back[i][end] = value, start
    if best[n][length] == neg:
        return None
    cuts, end = [length], length
    for i in range(n, 0, -1):
        end = back[i][end]
        cuts.append(end)
    cuts.reverse()
    pieces = [Piece(blob.start + a, blob.start + b, text[a:b]) for a, b in zip(cuts, cuts[1:])]
    return pieces, best[n][length]


def merged_layouts(sentences: list[Piece], terminated: bool, sim: Similarity, quoted: list[str]):
    """Layouts where the practices are an unpunctuated run glued to the first risk."""
    k = len(sentences)
    if not terminated:
        return
    for d in range(1, min(MAX_DEFINITION_SENTENCES, k - 2) + 1):
        if (k - d) % 2:
            continue
        r = (k - d) // 2
        glued = sentences[d]
        head = first_clause(glued.text)
        for mult in (1, 2):
            if r % mult:
                continue
            p = r // mult
            if p < 2 or len(head) < 3 * p:
                continue
            for cut in _risk_starts(head):
                blob = Piece(glued.start, glued.start + cut, glued.text[:cut])
                risk1 = Piece(glued.start + cut, glued.end, glued.text[cut:])
                risks = [risk1] + sentences[d + 1 : d + r]
                outputs = sentences[d + r :]
                shell = Layout(sentences[:d], [Piece(0, 0, "")] * p, risks, outputs, mult, merged=True)
                cut_phrases = _cut_phrases(blob, p, _groups(shell), sim, quoted)
                if cut_phrases:
                    phrases, fit = cut_phrases
                    yield Layout(sentences[:d], phrases, risks, outputs, mult, merged=True, fit=fit)


def _risk_starts(head: str) -> list[int]:
    """Word boundaries in the last part of ``head`` where the first risk may begin."""
    bounds = [w[0] for w in words(head)]
    return [b for b in bounds if 4 <= len(head) - b <= 14 and b >= 4]


def segment(sentences: list[Piece], terminated: bool, quoted: list[str] | None = None) -> Layout:
    """Choose the best layout for one element's sentences (definition first)."""
    sim = Similarity([s.text for s in sentences])
    best: Layout | None = None
    candidates = list(regular_layouts(sentences, terminated))
    candidates += list(merged_layouts(sentences, terminated, sim, quoted or []))
    for layout in candidates:
        layout.score = score_layout(layout, sim)
        if best is None or layout.score > best.score:
            best = layout
    if best is None:
        best = Layout(sentences[:1], [], [], [], 1, truncated=not terminated)
        best.notes.append("no layout with definition, practices, risks and outputs fits this element")
    return best
