"""Cross-category links: for each element of a standard, related PCF elements in other categories.

Every element of the standard is a PCF element, so the query for it is its own APQC English
name (weight 3) and definition (0.75, when the framework has definitions), plus, as supporting
evidence, the English words of the lexicon concepts (``data/lexicon/concepts.tsv``) found in
its Chinese name, definition, practices and outputs (weights 3, 2, 1, scaled by
:data:`ZH_WEIGHT`). Query terms that many elements of the standard share ("customer", "service"
in 8.1) are damped by their share among those elements (:data:`DAMPING`): they say little about
where one element links.

The candidates are the PCF elements of the other categories below level 1, each a document of
its name (3), definition (0.5) and ancestors' names (1, context); they are scored by TF-IDF
cosine (:mod:`procgraph.graph.retrieval`), times the share of the target's own name the query
covers, cubed (:meth:`_Corpus.coverage`, :data:`COVERAGE_POWER`): a target whose name is about
something the element never names ("community relations", "market opportunities") is a false
friend however well its definition matches. The structural judgement a process architect makes:

- processes and activities (levels 3-4) are preferred to groups and tasks (:data:`LEVEL_PRIOR`);
- in each category the best target is kept, and a second one from another branch if it scores
  nearly as well; categories are kept best first while they score at least :data:`MIN_SCORE`
  and :data:`RELATIVE` times the element's best category, at most :data:`MAX_CATEGORIES`;
- terms are never generic words (plan, manage, develop, information, process...), so no link
  rests on one; a link needs :data:`MIN_SHARED` shared terms or one shared phrase;
- a link that a child element of the standard makes to the same target with a better score is
  left to the child, and the parent keeps the category with its next target there;
- a category (level 1, e.g. 8.0) links at its own level: its query adds the names of every PCF
  element below it, and its candidates are the process groups of the other categories, each a
  profile of its name, definition, category and the names of everything below it.

With names only (the carried facts) the tuning constants of :data:`NAMES_ONLY` apply. All
constants were chosen on the tune half of ``tests/integration/semantic/links_key.json``.

Each link gets a relation kind (:data:`KINDS`): ``governing`` when the target sets rules for the
work (vision, strategy, policies, governance, compliance, legal, internal controls),
``inputOutput`` when the two share their object but one produces it and the other uses it (the
first verbs of the APQC names), else ``sameWork``. Evidence lines name the shared terms, the
shared phrases, the Chinese words behind lexicon concepts and the direction of a flow.

In the ``links`` graph a link is ``element skos:related pcfElement`` plus its reification::

    <…/link/20629/10420> a rdf:Statement ;
        rdf:subject <…/pcf/20629> ; rdf:predicate skos:related ; rdf:object <…/pcf/10420> ;
        rdf:value 0.412 ; pg:linkKind pg:inputOutput ; pg:fromDefinitions true ;
        skos:note "phrases: business case" , "terms: case, financial, approval" .
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, Triple

from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.retrieval import Index, field_counts, terms
from procgraph.graph.terms import RDF_TYPE, XSD, boolean, ext, in_graph, iri, pg, text
from procgraph.pcf import Framework, PcfElement, hierarchy_key
from procgraph.resources import resource_path

LINK_BASE = iris.BASE + "link/"
#: Query fields: the element's APQC name and definition, and its Chinese texts through the lexicon.
QUERY_WEIGHTS = {"name": 3.0, "definition": 0.75}
ZH_WEIGHT = 0.5
STANDARD_WEIGHTS = {"name": 3.0, "definition": 2.0, "items": 1.0}
#: Candidate fields.
PCF_WEIGHTS = {"name": 3.0, "definition": 0.5, "ancestors": 1.0}
#: Fields of a process group's profile (the targets of a category's own links).
GROUP_WEIGHTS = {"name": 3.0, "definition": 1.0, "ancestors": 1.0, "below": 1.0}
#: Score multiplier by the target's APQC level: processes and activities first.
LEVEL_PRIOR = {2: 0.8, 3: 1.0, 4: 1.0, 5: 0.85}
#: Lowest score a kept link may have, and lowest share of the element's best category score.
MIN_SCORE = 0.08
RELATIVE = 0.5
MAX_CATEGORIES = 3
#: A category's strength: its best targets' scores with these weights (a category doing the
#: same work matches in several places, a false friend in one).
CATEGORY_WEIGHTS = (1.0, 0.5, 0.25)
#: A second target in a category needs this share of the category's best score.
SECOND = 0.85
#: Score multiplier for a target whose domain (the lexicon concepts of its name and its
#: ancestors' names below the category) the element's own texts never mention.
FOREIGN_DOMAIN = 0.6
#: The score is multiplied by the target name's coverage (:meth:`_Corpus.coverage`) to this power.
COVERAGE_POWER = 3.0
#: Query terms shared by many elements of the standard are damped: weight times
#: ``max(0, 1 - DAMPING * share)``, so a term in more than 1/DAMPING of them counts for nothing.
DAMPING = 1.2
#: With names only (the carried facts: process groups, no definitions) the documents are a few
#: words each: the cosine already says how much of a name matches, so no coverage factor, milder
#: damping and a higher relative floor (chosen on the tune half of the key, like the values above).
NAMES_ONLY = {"COVERAGE_POWER": 0.0, "DAMPING": 0.85, "RELATIVE": 0.6}
#: Shared terms a link needs when it shares no phrase.
MIN_SHARED = 2
#: The relation kinds, as local names of ``pg:`` individuals (see ontology/procgraph.ttl).
KINDS = ("sameWork", "inputOutput", "governing")

_GOVERNING = re.compile(
    r"\b(vision|mission|polic\w*|governance|framework|compliance|ethic\w*|legal|"
    r"internal controls?|standards)\b",
    re.IGNORECASE,
)
#: Groups whose every element sets rules for the rest of the enterprise: vision and strategy,
#: internal controls, enterprise risk and compliance, legal and ethics, process governance.
GOVERNING_GROUPS = ("1.1", "1.2", "9.8", "11.1", "11.2", "12.4", "13.1.1")
#: Stages of work by the first verb of an APQC name: finding out feeds deciding and producing,
#: which feeds using, approving and carrying out. Different stages sharing an object: a flow.
STAGES = {
    0: {"understand", "assess", "analyze", "survey", "research", "gather", "collect", "identify", "investigate"},
    1: {
        "develop",
        "create",
        "define",
        "establish",
        "determine",
        "design",
        "forecast",
        "prepare",
        "generate",
        "outline",
        "build",
        "formulate",
        "set",
        "draft",
        "negotiate",
        "plan",
        "prioritize",
    },
    2: {
        "approve",
        "evaluate",
        "review",
        "monitor",
        "measure",
        "use",
        "report",
        "process",
        "perform",
        "execute",
        "deliver",
        "track",
        "validate",
        "select",
        "receive",
        "implement",
        "administer",
        "operate",
        "invoice",
        "fund",
        "audit",
        "communicate",
        "issue",
        "maintain",
    },
}


@dataclass(frozen=True)
class Concept:
    """One lexicon entry: a concept name with its Chinese and English words."""

    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A related PCF element for an element of the standard, with score, relation kind and evidence."""

    source: str
    target: str
    score: float
    kind: str
    evidence: tuple[str, ...]
    from_definitions: bool


def parse_lexicon(path) -> tuple[Concept, ...]:
    """Read the tab-separated lexicon; ``#`` lines are comments."""
    concepts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(
                f"line {number}: a lexicon line needs 3 tab-separated columns, found {len(parts)}", file=str(path)
            )
        name, zh, en = (p.strip() for p in parts)
        concepts.append(Concept(name, _words(zh), _words(en)))
    return tuple(concepts)


def _words(cell: str) -> tuple[str, ...]:
    return tuple(sorted({w.strip() for w in cell.split("|") if w.strip()}, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> tuple[Concept, ...]:
    """The lexicon that ships with procgraph."""
    return parse_lexicon(resource_path("data", "lexicon", "concepts.tsv"))


def chinese_concepts(element: Mapping[str, Any], lexicon) -> dict[str, tuple[float, list[str]]]:
    """Concept name -> (weight, Chinese words found) from the element's zh-Hans texts."""
    fields = {
        "name": (element.get("name") or {}).get("zh-Hans") or "",
        "definition": (element.get("definition") or {}).get("zh-Hans") or "",
        "items": "\n".join(i.get("zh-Hans") or "" for col in ("practices", "outputs") for i in element.get(col) or []),
    }
    found: dict[str, tuple[float, list[str]]] = {}
    for field, value in fields.items():
        for concept in lexicon:
            words = [w for w in concept.zh if w in value]
            if words:
                weight, seen = found.get(concept.name, (0.0, []))
                found[concept.name] = (weight + STANDARD_WEIGHTS[field], sorted(set(seen) | set(words)))
    return found


def _english_concepts(value: str, lexicon) -> frozenset[str]:
    """Names of the lexicon concepts whose English words occur in ``value`` (whole words)."""
    words = set(terms(value))
    return frozenset(name for name, english in _concept_terms(lexicon) if english & words)


@functools.lru_cache(maxsize=4)
def _concept_terms(lexicon) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((c.name, frozenset(t for w in c.en for t in terms(w))) for c in lexicon)


def _ancestors(e: PcfElement, index: Mapping[str, PcfElement]) -> list[PcfElement]:
    out, parent = [], index.get(e.parent_id) if e.parent_id else None
    while parent is not None:
        out.append(parent)
        parent = index.get(parent.parent_id) if parent.parent_id else None
    return out


def _category(hid: str) -> str:
    return hid.split(".")[0]


def _within(a: str, b: str) -> bool:
    """``a`` is ``b`` or below it (hierarchy ids)."""
    ka, kb = hierarchy_key(a), hierarchy_key(b)
    return ka[: len(kb)] == kb


class _Corpus:
    """The candidates of one framework: documents, their index, readable forms of their terms.

    ``level`` None: the PCF elements below level 1, each its name, definition and ancestors'
    names. ``level`` 2: the process groups, each a profile of the group (its name and
    definition, its category's name and the names of every element below it), the targets of
    a category's own links.
    """

    def __init__(self, fw: Framework, lexicon, level: int | None = None):
        index = fw.by_hierarchy_id()
        if level is None:
            self.elements = [e for e in fw.elements if e.level >= 2]
        else:
            self.elements = [e for e in fw.elements if e.level == level]
        below: dict[str, list[str]] = {}
        if level is not None:
            for e in fw.elements:
                for a in _ancestors(e, index):
                    if a.level == level:
                        below.setdefault(a.hierarchy_id, []).append(e.name_en or "")
        self.surface: list[dict[str, str]] = []
        counts = []
        for e in self.elements:
            surface: dict[str, str] = {}
            if level is None:
                fields = {
                    "name": e.name_en or "",
                    "definition": e.definition_en or "",
                    "ancestors": "; ".join(a.name_en or "" for a in _ancestors(e, index)),
                }
                weights = PCF_WEIGHTS
            else:
                fields = {
                    "name": e.name_en or "",
                    "definition": e.definition_en or "",
                    "ancestors": "; ".join(a.name_en or "" for a in _ancestors(e, index)),
                    "below": "; ".join(below.get(e.hierarchy_id, [])),
                }
                weights = GROUP_WEIGHTS
            counts.append(field_counts(fields, weights, surface))
            self.surface.append(surface)
        self.index = Index(counts)
        self.position = {id(e): i for i, e in enumerate(self.elements)}
        self.with_definitions = any(e.definition_en for e in self.elements)
        self.domains = [
            _english_concepts(
                " ; ".join([e.name_en or ""] + [a.name_en or "" for a in _ancestors(e, index) if a.level >= 2]), lexicon
            )
            for e in self.elements
        ]
        self.name_terms = [
            sorted({t for t in terms(e.name_en or "") if " " not in t and t in self.index.idf}) for e in self.elements
        ]
        self.name_weight = [sum(self.index.idf[t] for t in words) for words in self.name_terms]
        self.categories = [_category(e.hierarchy_id) for e in self.elements]
        self.keys = [hierarchy_key(e.hierarchy_id) for e in self.elements]

    def coverage(self, doc: int, query: Mapping[str, float]) -> float:
        """Share of the target's name (its words weighted by idf) that the query has.

        A false friend matches a word of a name whose other words say what it is about
        ("community relations" for IT customer communities: 0.5, "market opportunities" for IT
        opportunities: 0.76); a name the query covers (1.0) is about the same thing. Bigrams
        and generic words do not count; the score takes the coverage to the power
        :data:`COVERAGE_POWER`, so a name half covered keeps an eighth of its score.
        """
        total = self.name_weight[doc]
        return sum(self.index.idf[t] for t in self.name_terms[doc] if t in query) / total if total else 0.0


def _query(
    e: PcfElement | None, element: Mapping[str, Any], lexicon
) -> tuple[dict[str, float], dict[str, tuple[str, tuple[str, ...]]]]:
    """Query term weights of an element, and for each lexicon term the concept and Chinese words behind it."""
    fields = {"name": e.name_en if e else "", "definition": (e.definition_en or "") if e else ""}
    counts = field_counts(fields, QUERY_WEIGHTS)
    behind: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, (weight, words) in sorted(chinese_concepts(element, lexicon).items()):
        concept = next(c for c in lexicon if c.name == name)
        for english in concept.en:
            for t in terms(english):
                counts[t] = counts.get(t, 0.0) + ZH_WEIGHT * weight / 3.0
                behind.setdefault(t, (english, tuple(words)))
    return counts, behind


def _category_query(hid: str, counts: Mapping[str, float], fw: Framework) -> dict[str, float]:
    """A category's query: its own, plus the names of every PCF element below it (weight 1).

    A category does all the work of its groups, so it is compared with the other categories'
    groups as a whole, profile to profile (the groups' documents are profiles too).
    """
    out = dict(counts)
    below = "; ".join(e.name_en or "" for e in fw.elements if e.level > 1 and _within(e.hierarchy_id, hid))
    for t, w in field_counts({"below": below}, {"below": 1.0}).items():
        out[t] = out.get(t, 0.0) + w
    return out


def _damping(queries: list[dict[str, float]], factor: float = DAMPING) -> dict[str, float]:
    """Per term, 1 minus :data:`DAMPING` times the share of the standard's elements whose query has it (at least 0)."""
    df: dict[str, int] = {}
    for q in queries:
        for t in q:
            df[t] = df.get(t, 0) + 1
    n = max(len(queries), 1)
    return {t: max(0.0, 1.0 - factor * d / n) for t, d in df.items()} if n >= 5 else {}


def _stage(name: str) -> int | None:
    first = (name or "").split(" ", 1)[0].lower().strip(",")
    return next((stage for stage, verbs in STAGES.items() if first in verbs), None)


def relation_kind(source: PcfElement | None, target: PcfElement) -> tuple[str, str | None]:
    """The relation kind of a link and, for a flow, which way it goes."""
    if _GOVERNING.search(target.name_en or "") or any(_within(target.hierarchy_id, g) for g in GOVERNING_GROUPS):
        return "governing", None
    mine, theirs = _stage(source.name_en if source else ""), _stage(target.name_en)
    if mine is not None and theirs is not None and mine != theirs:
        return "inputOutput", (
            "this element's output is an input of the target"
            if mine < theirs
            else "the target's output is an input of this element"
        )
    return "sameWork", None


@dataclass
class _Scored:
    target: PcfElement
    score: float
    doc: int
    corpus: _Corpus
    query: Mapping[str, float]

    @property
    def shared(self) -> list[str]:
        """The shared terms, by their part of the score (largest first); only links need them."""
        return _shared(self.doc, self.corpus, self.query)


def _shared(doc: int, corpus: _Corpus, qv: Mapping[str, float]) -> list[str]:
    """Shared terms, by their part of the score (largest first)."""
    vector = corpus.index.vectors[doc]
    return [t for _, t in sorted((-qv[t] * vector[t], t) for t in qv if t in vector)]


def _param(name: str, with_definitions: bool) -> float:
    """A tuning constant, for the full PCF or (:data:`NAMES_ONLY`) for names only."""
    return globals()[name] if with_definitions else NAMES_ONLY.get(name, globals()[name])


def _candidates(
    hid: str, counts: Mapping[str, float], qv: Mapping[str, float], corpus: _Corpus, mine: set[str]
) -> list[_Scored]:
    """Every PCF element of another category the query reaches, with its score.

    The score is the cosine, times the level prior, times :data:`FOREIGN_DOMAIN` for a target
    whose domain the element never mentions, times the target name's coverage to the power
    :data:`COVERAGE_POWER`; a candidate needs a shared phrase or :data:`MIN_SHARED` shared terms.
    """
    own = _category(hid)
    power = _param("COVERAGE_POWER", corpus.with_definitions)
    categories, vectors, elements = corpus.categories, corpus.index.vectors, corpus.elements
    first = []
    for i, cosine in corpus.index.scores(qv).items():
        if categories[i] == own:
            continue
        bound = cosine * LEVEL_PRIOR.get(elements[i].level, 1.0)
        if corpus.domains[i] and not corpus.domains[i] & mine:
            bound *= FOREIGN_DOMAIN
        if bound > 0:
            first.append((-bound, i))
    # Best bound first (the coverage factor only lowers a score). Below MIN_SCORE only a
    # category's best few count (its strength): a candidate that cannot reach them is skipped
    # before its coverage and shared terms are worked out. The result is the same, faster.
    keep = len(CATEGORY_WEIGHTS)
    best: dict[str, list[float]] = {}  # per category, the best final scores so far (at most keep)
    scored = []
    for negative, i in sorted(first):
        category = categories[i]
        top = best.setdefault(category, [])
        if -negative < MIN_SCORE and len(top) >= keep and top[-1] >= -negative:
            continue
        score = -negative * corpus.coverage(i, counts) ** power if power else -negative
        if score <= 0 or (score < MIN_SCORE and len(top) >= keep and top[-1] >= score):
            continue
        common = qv.keys() & vectors[i].keys()
        if len(common) < MIN_SHARED and not any(" " in t for t in common):
            continue
        top.append(score)
        top.sort(reverse=True)
        del top[keep:]
        scored.append(_Scored(elements[i], score, i, corpus, qv))
    return scored


def _rank(scored: list[_Scored], max_categories: int, relative: float = RELATIVE) -> list[list[_Scored]]:
    """The categories an element links to, best first, each with its candidates best first.

    A category's strength is its best scores weighted by :data:`CATEGORY_WEIGHTS`; categories
    are kept while they reach :data:`MIN_SCORE` and :data:`RELATIVE` times the best one, at
    most ``max_categories``.
    """
    by_category: dict[str, list[_Scored]] = {}
    for s in sorted(scored, key=lambda s: (-s.score, s.corpus.keys[s.doc])):
        by_category.setdefault(s.corpus.categories[s.doc], []).append(s)
    strength = {c: sum(w * s.score for w, s in zip(CATEGORY_WEIGHTS, ss)) for c, ss in by_category.items()}
    ranked = sorted(by_category.items(), key=lambda cs: (-strength[cs[0]], int(cs[0])))
    if not ranked:
        return []
    floor = max(MIN_SCORE, relative * strength[ranked[0][0]])
    kept = []
    for category, group in ranked[:max_categories]:
        if strength[category] < floor or group[0].score < MIN_SCORE:
            break
        kept.append(group)
    return kept


def _pick(group: list[_Scored], taken) -> list[_Scored]:
    """In one category: the best target no child element links better, and a second from another branch
    if it scores :data:`SECOND` times as well."""
    usable = [s for s in group if s.score >= MIN_SCORE and not taken(s)]
    if not usable:
        return []
    best, out = usable[0], [usable[0]]
    for other in usable[1:]:
        if other.score < SECOND * best.score:
            break
        a, b = other.target.hierarchy_id, best.target.hierarchy_id
        if not _within(a, b) and not _within(b, a):
            out.append(other)
            break
    return out


def _parent_hid(key: tuple[int, ...]) -> str:
    """The hierarchy id of the parent of an element with this key (a category's is "N.0")."""
    return f"{key[0]}.0" if len(key) == 2 else ".".join(str(k) for k in key[:-1])


def compute_links(records: Mapping[str, Any], fw: Framework, lexicon=None) -> list[Link]:
    """The links of every element of the standard to PCF elements of other categories.

    Elements below level 1 link to processes and activities (:class:`_Corpus` of the PCF
    elements); a category (level 1) links to the process groups of other categories (their
    profiles). Elements are done deepest first, so that a link a child element makes better is
    left to the child: the parent keeps the category with its next target.
    """
    from procgraph.graph.standard import element_resolver

    lexicon = lexicon or load_lexicon()
    corpus = _Corpus(fw, lexicon)
    groups: _Corpus | None = None
    by_hid = fw.by_hierarchy_id()
    resolve = element_resolver(records, fw)
    elements = [e for e in records.get("elements") or [] if str(e.get("id") or "")]
    queries = {str(e["id"]): _query(by_hid.get(str(e["id"])), e, lexicon) for e in elements}
    damping = _damping(
        [queries[str(e["id"])][0] for e in elements if len(hierarchy_key(str(e["id"]))) >= 2],
        _param("DAMPING", corpus.with_definitions),
    )
    order = sorted(elements, key=lambda e: (-len(hierarchy_key(str(e["id"]))), hierarchy_key(str(e["id"]))))
    kids: dict[str, list[str]] = {}  # element -> its child elements in the standard
    for element in order:
        key = hierarchy_key(str(element["id"]))
        if len(key) > 1:
            kids.setdefault(_parent_hid(key), []).append(str(element["id"]))
    found: dict[str, list[_Scored]] = {}
    for element in order:
        hid = str(element["id"])
        depth = len(hierarchy_key(hid))
        counts, _ = queries[hid]
        source = by_hid.get(hid)
        mine = set(chinese_concepts(element, lexicon)) | _english_concepts(
            f"{source.name_en}; {source.definition_en or ''}" if source else "", lexicon
        )
        if depth == 1:
            groups = groups or _Corpus(fw, lexicon, level=2)
            space = groups
            counts = _category_query(hid, counts, fw)
        else:
            space = corpus
        qv = space.index.query_vector(counts, damping)
        scored = _candidates(hid, counts, qv, space, mine)
        broad = MAX_CATEGORIES + (1 if depth <= 3 else 0)
        children = [s for child in kids.get(hid, ()) for s in found.get(child, ())]

        def taken(s: _Scored) -> bool:  # called only by _pick below, in this iteration: these children
            return any(c.target.hierarchy_id == s.target.hierarchy_id and c.score >= s.score for c in children)  # noqa: B023

        relative = _param("RELATIVE", corpus.with_definitions)
        found[hid] = [p for group in _rank(scored, broad, relative) for p in _pick(group, taken)]
    links = []
    for element in elements:
        hid = str(element["id"])
        # groups was made above for any category (level 1) element
        space = groups if groups is not None and len(hierarchy_key(hid)) == 1 else corpus
        for s in found.get(hid, []):
            links.append(_link(resolve(hid), by_hid.get(hid), s, queries[hid][1], space))
    return sorted(links, key=lambda link: (link.source, -link.score, link.target))


def _link(source_iri: str, source: PcfElement | None, s: _Scored, behind: Mapping, corpus: _Corpus) -> Link:
    surface = corpus.surface[s.doc]
    kind, flow = relation_kind(source, s.target)
    phrases = [surface.get(t, t) for t in s.shared if " " in t][:4]
    words = [surface.get(t, t) for t in s.shared if " " not in t][:6]
    evidence = []
    if phrases:
        evidence.append("phrases: " + ", ".join(phrases))
    if words:
        evidence.append("terms: " + ", ".join(words))
    concepts: dict[tuple[str, ...], list[str]] = {}
    for t in s.shared:
        if t in behind:
            english = concepts.setdefault(tuple(behind[t][1]), [])
            if behind[t][0] not in english:
                english.append(behind[t][0])
    zh = [f"{'、'.join(words)} ↔ {', '.join(english)}" for words, english in sorted(concepts.items())]
    if zh:
        evidence.append("zh: " + "; ".join(zh[:4]))
    if flow:
        evidence.append("flow: " + flow)
    return Link(
        source_iri, iris.pcf_element(s.target.pcf_id), round(s.score, 3), kind, tuple(evidence), corpus.with_definitions
    )


#: The order evidence lines are shown in, by their prefix.
EVIDENCE_ORDER = ("phrases", "terms", "zh", "flow")


def evidence_key(line: str) -> tuple[int, str]:
    """Sort key putting evidence lines in :data:`EVIDENCE_ORDER` (unknown prefixes last)."""
    prefix = line.split(":", 1)[0]
    return (EVIDENCE_ORDER.index(prefix) if prefix in EVIDENCE_ORDER else len(EVIDENCE_ORDER), line)


def link_iri(link: Link) -> str:
    """``…/link/<source key>/<target key>`` (keys are PCF IDs, or h-… for unkeyed elements)."""
    return f"{LINK_BASE}{link.source.rsplit('/', 1)[-1]}/{link.target.rsplit('/', 1)[-1]}"


def link_triples(link: Link) -> list[Triple]:
    """``skos:related`` plus the reification with score, relation kind, basis and evidence."""
    node, s, o = iri(link_iri(link)), iri(link.source), iri(link.target)
    related = ext("skos", "related")
    out = [
        Triple(s, related, o),
        Triple(node, RDF_TYPE, ext("rdf", "Statement")),
        Triple(node, ext("rdf", "subject"), s),
        Triple(node, ext("rdf", "predicate"), related),
        Triple(node, ext("rdf", "object"), o),
        Triple(node, ext("rdf", "value"), Literal(f"{link.score:.3f}", datatype=NamedNode(XSD + "decimal"))),
        Triple(node, pg("linkKind"), pg(link.kind)),
        Triple(node, pg("fromDefinitions"), boolean(link.from_definitions)),
    ]
    return out + [Triple(node, ext("skos", "note"), text(line)) for line in link.evidence]


def link_quads(records: Mapping[str, Any], fw: Framework, lexicon=None) -> list[Quad]:
    """The ``links`` graph, sorted."""
    triples: list[Triple] = []
    for link in compute_links(records, fw, lexicon):
        triples += link_triples(link)
    return in_graph(triples, GRAPHS["links"])
