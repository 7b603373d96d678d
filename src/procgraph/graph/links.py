"""Cross-category links: for each element of a standard, related PCF elements in other categories.

The standard is Chinese and the PCF English, so both sides are first mapped to concepts of a
small bilingual lexicon (``data/lexicon/concepts.tsv``: each concept with its zh-Hans words
and its English words). An element of the standard gets a weighted concept vector from its
name (weight 3), definition (2) and practices and outputs (1); a PCF element from its English
name (3), definition (1, when the full PCF is imported) and its ancestors' names (1). Concepts
are weighted by inverse document frequency over the PCF elements, and the score of a pair is
the cosine of the two vectors. Each element keeps its best :data:`TOP_K` links scoring at
least :data:`MIN_SCORE`; each link keeps its evidence (for every shared concept, the Chinese
words found on one side and the English words on the other).

Only PCF elements outside the standard's own category and below level 1 are candidates: with
the facts procgraph carries these are the process groups (level 2); with the full PCF imported
they are processes, activities and tasks too.

In the ``links`` graph a link is ``element skos:related pcfElement`` plus its reification
holding the score (``rdf:value``) and the evidence (one ``skos:note`` per shared concept)::

    <…/link/20643/20599> a rdf:Statement ;
        rdf:subject <…/pcf/20643> ; rdf:predicate skos:related ; rdf:object <…/pcf/20599> ;
        rdf:value 0.794 ; skos:note "training: 培训、新员工 ↔ onboarding, training" .
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, Mapping

from pyoxigraph import Literal, NamedNode, Quad, Triple

from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.terms import XSD, ext, in_graph, iri, text
from procgraph.graph.themes import match_chinese, match_english, statement
from procgraph.pcf import Framework, PcfElement
from procgraph.resources import resource_path

LINK_BASE = iris.BASE + "link/"
#: Links kept per element of the standard, best first.
TOP_K = 5
#: Lowest cosine score a link may have.
MIN_SCORE = 0.12
#: Field weights on each side.
STANDARD_WEIGHTS = {"name": 3.0, "definition": 2.0, "items": 1.0}
PCF_WEIGHTS = {"name": 3.0, "definition": 1.0, "ancestors": 1.0}


@dataclass(frozen=True)
class Concept:
    """One lexicon entry: a concept name with its Chinese and English words."""

    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A related PCF element for an element of the standard, with score and evidence."""

    source: str
    target: str
    score: float
    evidence: tuple[str, ...]


def parse_lexicon(path) -> tuple[Concept, ...]:
    """Read the tab-separated lexicon; ``#`` lines are comments."""
    concepts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(f"a lexicon line needs 3 tab-separated columns, found {len(parts)}",
                             file=str(path), position=f"line {number}")
        name, zh, en = (p.strip() for p in parts)
        concepts.append(Concept(name, _words(zh), _words(en)))
    return tuple(concepts)


def _words(cell: str) -> tuple[str, ...]:
    return tuple(sorted({w.strip() for w in cell.split("|") if w.strip()}, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> tuple[Concept, ...]:
    """The lexicon that ships with procgraph."""
    return parse_lexicon(resource_path("data", "lexicon", "concepts.tsv"))


Vector = dict[str, float]
Found = dict[str, set[str]]


def _add(vector: Vector, found: Found, concept: Concept, words: list[str], weight: float) -> None:
    if words:
        vector[concept.name] = vector.get(concept.name, 0.0) + weight
        found.setdefault(concept.name, set()).update(words)


def standard_vector(element: Mapping[str, Any], lexicon) -> tuple[Vector, Found]:
    """Concept weights of an element of the standard from its zh-Hans texts."""
    fields = {"name": (element.get("name") or {}).get("zh-Hans") or "",
              "definition": (element.get("definition") or {}).get("zh-Hans") or "",
              "items": "\n".join(i.get("zh-Hans") or "" for col in ("practices", "outputs")
                                 for i in element.get(col) or [])}
    vector, found = {}, {}
    for field, value in fields.items():
        for concept in lexicon:
            _add(vector, found, concept, match_chinese(value, concept.zh), STANDARD_WEIGHTS[field])
    return vector, found


def pcf_vector(e: PcfElement, ancestors: list[PcfElement], lexicon) -> tuple[Vector, Found]:
    """Concept weights of a PCF element from its English name, definition and ancestors' names."""
    fields = {"name": e.name_en or "", "definition": e.definition_en or "",
              "ancestors": "; ".join(a.name_en or "" for a in ancestors)}
    vector, found = {}, {}
    for field, value in fields.items():
        for concept in lexicon:
            _add(vector, found, concept, match_english(value, concept.en), PCF_WEIGHTS[field])
    return vector, found


def _ancestors(e: PcfElement, index: Mapping[str, PcfElement]) -> list[PcfElement]:
    out, parent = [], index.get(e.parent_id) if e.parent_id else None
    while parent is not None:
        out.append(parent)
        parent = index.get(parent.parent_id) if parent.parent_id else None
    return out


def _idf(vectors: list[Vector]) -> dict[str, float]:
    df: dict[str, int] = {}
    for v in vectors:
        for c in v:
            df[c] = df.get(c, 0) + 1
    n = len(vectors)
    return {c: math.log((n + 1) / (d + 0.5)) for c, d in df.items()}


def _weighted(vector: Vector, idf: Mapping[str, float]) -> Vector:
    """A concept vector with each weight multiplied by the concept's idf (0 for concepts no PCF element has)."""
    return {c: w * idf.get(c, 0.0) for c, w in vector.items()}


def _norm(weighted: Vector) -> float:
    return math.sqrt(sum(w * w for w in weighted.values()))


class _Candidates:
    """The PCF side, scored once: idf-weighted vectors, their norms and an index from concept to candidates.

    The cosine of an element with every candidate then only visits candidates that share a
    concept with it, and never recomputes a candidate's norm.
    """

    def __init__(self, elements: list[PcfElement], vectors: list[Vector], idf: Mapping[str, float]):
        self.elements, self.idf = elements, idf
        self.weighted = [_weighted(v, idf) for v in vectors]
        self.norms = [_norm(w) for w in self.weighted]
        self.by_concept: dict[str, list[int]] = {}
        for i, w in enumerate(self.weighted):
            for c in w:
                self.by_concept.setdefault(c, []).append(i)

    def scores(self, vector: Vector) -> dict[int, float]:
        """Cosine of ``vector`` with every candidate sharing a concept with it, by candidate index."""
        mine = _weighted(vector, self.idf)
        norm = _norm(mine)
        dots: dict[int, float] = {}
        for c, x in mine.items():
            for i in self.by_concept.get(c, ()):
                dots[i] = dots.get(i, 0.0) + x * self.weighted[i][c]
        return {i: dot / (norm * self.norms[i]) for i, dot in dots.items() if norm and self.norms[i]}


def compute_links(records: Mapping[str, Any], fw: Framework, lexicon=None, *, top_k: int = TOP_K,
                  min_score: float = MIN_SCORE) -> list[Link]:
    """The best links of every element of the standard to PCF elements of other categories."""
    from procgraph.graph.standard import element_resolver

    lexicon = lexicon or load_lexicon()
    index = fw.by_hierarchy_id()
    resolve = element_resolver(records, fw)
    candidates = [e for e in fw.elements if e.level >= 2]
    pcf_side = [pcf_vector(e, _ancestors(e, index), lexicon) for e in candidates]
    side = _Candidates(candidates, [v for v, _ in pcf_side], _idf([v for v, _ in pcf_side]))
    links: list[Link] = []
    for element in records.get("elements") or []:
        category = str(element["id"]).split(".")[0]
        vector, found = standard_vector(element, lexicon)
        scored = []
        for i, score in side.scores(vector).items():
            e = candidates[i]
            if score >= min_score and e.hierarchy_id.split(".")[0] != category:
                scored.append((-round(score, 6), e.hierarchy_id, e, pcf_side[i][1]))
        for neg, _, e, pfound in sorted(scored, key=lambda s: (s[0], _sort_key(s[1])))[:top_k]:
            shared = sorted(set(found) & set(pfound))
            evidence = tuple(f"{c}: {'、'.join(sorted(found[c]))} ↔ {', '.join(sorted(pfound[c]))}" for c in shared)
            links.append(Link(resolve(str(element["id"])), iris.pcf_element(e.pcf_id), -neg, evidence))
    return links


def _sort_key(hid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in hid.split("."))


def link_iri(link: Link) -> str:
    """``…/link/<source key>/<target key>`` (keys are PCF IDs, or h-… for unkeyed elements)."""
    return f"{LINK_BASE}{link.source.rsplit('/', 1)[-1]}/{link.target.rsplit('/', 1)[-1]}"


def link_triples(link: Link) -> list[Triple]:
    """``skos:related`` plus the annotation with score and evidence."""
    node = iri(link_iri(link))
    score = Literal(f"{link.score:.3f}", datatype=NamedNode(XSD + "decimal"))
    out = statement(link_iri(link), link.source, ext("skos", "related"), link.target)
    out.append(Triple(node, ext("rdf", "value"), score))
    return out + [Triple(node, ext("skos", "note"), text(line)) for line in link.evidence]


def link_quads(records: Mapping[str, Any], fw: Framework, lexicon=None) -> list[Quad]:
    """The ``links`` graph, sorted."""
    triples: list[Triple] = []
    for link in compute_links(records, fw, lexicon):
        triples += link_triples(link)
    return in_graph(triples, GRAPHS["links"])
