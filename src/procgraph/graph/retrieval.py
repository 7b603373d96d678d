"""A small TF-IDF retrieval model over English process texts (used by :mod:`procgraph.graph.links`).

Texts are lower-cased, split into words, stripped of function words and reduced by a light
suffix stemmer, so "communicate", "communication" and "communications" are one term. Terms are
the stems that are not :data:`GENERIC` (words every process uses: plan, manage, develop,
information, process...) plus the bigrams of adjacent words without a generic verb and with at
least one non-generic stem ("business case", "service level"), so that a phrase shared by two definitions counts for
more than its words apart.

A document is a set of weighted fields (name, definition, ancestors' names); its vector is
``log(1 + weighted term frequency) * idf`` and two texts score the cosine of their vectors.

>>> terms("Develop and manage IT service levels")
['servic', 'servic level']
>>> terms("Create business case")
['business case', 'case']
>>> stem("communications") == stem("communicate")
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_WORD = re.compile(r"[a-z0-9]+")
_BREAK = re.compile(r"[,;:.()\"“”]")

#: Function words, and words that only say "IT" in this corpus.
STOPWORDS = frozenset(
    """
a an and are as at be been being both but by can could do does each either etc for from had has have
how in into is it its itself may more most must of on or other others our out over per should so such
than that the their them then there these they this those through to under up upon use used using
via was were what when where whether which while who whom will with within without would e g i ie eg
all any also across along among around based including include includes ensure ensures ensuring
information technology able basis basic consider considering considered affect affects affected
well result results high importance collection term regular multiple provision effort efforts
direct directly given toward towards order ordering part parts particular level-of like
certain mean means necessary need needed often one two three many much several well make makes
making made take takes taking based various e.g i.e
""".split()
)

#: Verbs and words common to process names across the whole framework: sharing one of them says
#: nothing about two processes being related (issue 12: no link for a shared generic word alone).
GENERIC_VERBS = """
plan plans planning planned manage manages managing management managed develop develops developing
development developed establish establishes establishing define defines defining definition perform
performs performing performed create creates creating maintain maintains maintaining identify
identifies identifying identification determine determines determining support supports supporting
provide provides providing conduct conducting implement implementing implementation execute
executing execution review reviewing evaluate evaluating evaluation assess assessing assessment
analyze analyzing analysis understand understanding set sets setting ensure
""".split()
GENERIC_NOUNS = """
information process processes processing business organization organizations organizational
organisation enterprise activity activities new current existing overall various relevant related
specific appropriate key general approach approaches need needs order way ways level levels
structure environment environments
""".split()


def stem(word: str) -> str:
    """A light suffix stemmer: plurals, -ing, -ed, -ation, -ity, -ment and a final e.

    >>> [stem(w) for w in ("services", "service", "training", "trained", "strategies", "strategic")]
    ['servic', 'servic', 'train', 'train', 'strateg', 'strateg']
    """
    for suffix in (
        "izations",
        "ization",
        "ations",
        "ation",
        "ities",
        "ity",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ers",
        "er",
        "ed",
        "es",
        "ial",
        "al",
        "ic",
        "s",
        "y",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] if not (suffix == "es" and word.endswith("ees")) else word[:-1]
            break
    word = word[:-1] if word.endswith("e") and len(word) > 4 else word
    return word[:-2] if word.endswith("at") and len(word) >= 7 else word


_VERBS = frozenset(stem(w) for w in GENERIC_VERBS)
GENERIC = _VERBS | frozenset(stem(w) for w in GENERIC_NOUNS)


def _chunks(text: str) -> Iterable[list[tuple[str, str]]]:
    """Runs of (stem, word) between punctuation and function words."""
    for part in _BREAK.split(text.lower()):
        run: list[tuple[str, str]] = []
        for word in _WORD.findall(part):
            if word in STOPWORDS or word.isdigit() or len(word) < 2:
                if run:
                    yield run
                run = []
            else:
                run.append((stem(word), word))
        if run:
            yield run


def terms(text: str, surface: dict[str, str] | None = None) -> list[str]:
    """The terms of ``text`` in order: non-generic stems and bigrams with a non-generic stem.

    ``surface``, when given, records a readable form of every term (the words as written).
    """
    out: list[str] = []
    for run in _chunks(text or ""):
        for i, (s, w) in enumerate(run):
            if s not in GENERIC:
                out.append(s)
                if surface is not None:
                    surface.setdefault(s, w)
            if i + 1 < len(run):
                (s2, w2) = run[i + 1]
                if s not in _VERBS and s2 not in _VERBS and (s not in GENERIC or s2 not in GENERIC):
                    bigram = f"{s} {s2}"
                    out.append(bigram)
                    if surface is not None:
                        surface.setdefault(bigram, f"{w} {w2}")
    return out


Vector = dict[str, float]


def field_counts(
    fields: Mapping[str, str], weights: Mapping[str, float], surface: dict[str, str] | None = None
) -> Vector:
    """Weighted term frequencies of a document made of named text fields."""
    counts: Vector = {}
    for name, value in fields.items():
        weight = weights.get(name, 0.0)
        if weight and value:
            for t in terms(value, surface):
                counts[t] = counts.get(t, 0.0) + weight
    return counts


@dataclass
class Index:
    """TF-IDF vectors of a document collection, with an inverted index for fast cosine scoring."""

    counts: list[Vector]
    idf: dict[str, float] = field(init=False)
    vectors: list[Vector] = field(init=False)
    postings: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        df: dict[str, int] = {}
        for c in self.counts:
            for t in c:
                df[t] = df.get(t, 0) + 1
        n = len(self.counts)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self.vectors = [_unit({t: math.log1p(w) * self.idf[t] for t, w in c.items()}) for c in self.counts]
        self.postings = {}
        for i, v in enumerate(self.vectors):
            for t in v:
                self.postings.setdefault(t, []).append(i)

    def query_vector(self, counts: Mapping[str, float], boost: Mapping[str, float] | None = None) -> Vector:
        """A query's unit vector over the collection's terms (terms the collection lacks are dropped)."""
        boost = boost or {}
        return _unit({t: math.log1p(w) * self.idf[t] * boost.get(t, 1.0) for t, w in counts.items() if t in self.idf})

    def scores(self, query: Mapping[str, float]) -> dict[int, float]:
        """Cosine of a unit query vector with every document sharing a term with it."""
        dots: dict[int, float] = {}
        for t, x in query.items():
            for i in self.postings.get(t, ()):
                dots[i] = dots.get(i, 0.0) + x * self.vectors[i][t]
        return dots


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}
