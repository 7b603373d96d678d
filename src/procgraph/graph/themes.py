"""Theme tagging: the SKOS theme thesaurus (``data/themes.ttl``) and the tags it gives every item.

Every practice, risk and output of a standard, and every framework element, is tagged with
the themes whose labels occur in its text. Chinese labels (prefLabel, altLabel, hiddenLabel
in zh-Hans) are looked for in the zh-Hans text; English labels are looked for as whole words
in English text (APQC names and definitions). The words that matched are kept as evidence, so
a user can see why an item carries a theme. Matching is plain string search over a fixed
thesaurus, so the same input always gives the same tags.

In the ``themes`` graph a tag is stated twice: the plain fact ``item dcterms:subject theme``
for queries, and a reified statement (RDF's own ``rdf:Statement``) of that fact holding the
evidence, one ``skos:note`` per matched word::

    <…/tag/std/gbpm-8/20610/risk/3/communication> a rdf:Statement ;
        rdf:subject <…/risk/3> ; rdf:predicate dcterms:subject ; rdf:object theme:communication ;
        skos:note "沟通"@zh-Hans .

Only vocabularies procgraph already uses appear (RDF, SKOS, DCMI terms): no new terms.

A tag is only stated for the theme whose label matched; broader themes are reached by
following ``skos:broader`` at query time, never restated.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from pyoxigraph import Literal, Quad, Triple, parse

from procgraph.graph import GRAPHS, iris
from procgraph.graph.terms import RDF_TYPE, ext, in_graph, iri, text
from procgraph.pcf import Framework
from procgraph.resources import resource_path

THEME_BASE = iris.BASE + "theme/"
TAG_BASE = iris.BASE + "tag/"
SCHEME = THEME_BASE + "scheme"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LABEL_KINDS = ("prefLabel", "altLabel", "hiddenLabel")


@dataclass(frozen=True)
class Theme:
    """One theme of the thesaurus, with its labels by language and its place in the hierarchy."""

    iri: str
    slug: str
    labels: dict[str, tuple[str, ...]]  # "prefLabel@en" -> ("communication",), ...
    broader: tuple[str, ...]
    narrower: tuple[str, ...]
    scope: dict[str, str]

    def label(self, lang: str, kind: str = "prefLabel") -> str | None:
        values = self.labels.get(f"{kind}@{lang.lower()}")
        return values[0] if values else None

    def words(self, lang: str) -> tuple[str, ...]:
        """Every label of the theme in ``lang`` (preferred, alternative, hidden), longest first."""
        found = {w for kind in LABEL_KINDS for w in self.labels.get(f"{kind}@{lang.lower()}", ())}
        return tuple(sorted(found, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Evidence:
    """One matched word: the word as written in the thesaurus, its language and the field it was found in."""

    word: str
    lang: str
    field: str


@dataclass(frozen=True)
class Tag:
    """A theme given to a target (item or element IRI), with the evidence that gave it."""

    target: str
    theme: str
    evidence: tuple[Evidence, ...]


class Thesaurus:
    """The themes of ``data/themes.ttl``, indexed by IRI, slug and every label (case-folded)."""

    def __init__(self, themes: Iterable[Theme], triples: list[Triple]):
        self.themes = {t.iri: t for t in sorted(themes, key=lambda t: t.slug)}
        self.triples = triples
        self._by_name: dict[str, str] = {}
        for t in self.themes.values():
            self._by_name.setdefault(t.slug.lower(), t.iri)
            for values in t.labels.values():
                for word in values:
                    self._by_name.setdefault(_fold(word), t.iri)

    def resolve(self, name: str) -> Theme | None:
        """The theme named by IRI, slug or any label in any language or script (None if unknown)."""
        name = (name or "").strip()
        if name in self.themes:
            return self.themes[name]
        key = self._by_name.get(_fold(name))
        if key is None:
            from procgraph.ingest.script import to_simplified

            key = self._by_name.get(_fold(to_simplified(name)))
        return self.themes.get(key) if key else None

    def narrower_closure(self, theme_iri: str) -> list[str]:
        """The theme and every theme below it, in a stable order."""
        seen, todo = [], [theme_iri]
        while todo:
            current = todo.pop(0)
            if current in seen or current not in self.themes:
                continue
            seen.append(current)
            todo.extend(self.themes[current].narrower)
        return seen


def _fold(word: str) -> str:
    return " ".join(word.casefold().split())


def parse_thesaurus(path) -> Thesaurus:
    """Read a SKOS thesaurus in Turtle into a :class:`Thesaurus`."""
    triples = [q.triple for q in parse(path=str(path))]
    concepts: dict[str, dict[str, Any]] = {}
    concept_type = SKOS + "Concept"
    for t in triples:
        if t.predicate == RDF_TYPE and t.object.value == concept_type:
            concepts.setdefault(t.subject.value, {"labels": {}, "broader": [], "narrower": [], "scope": {}})
    for t in triples:
        entry = concepts.get(t.subject.value)
        if entry is None:
            continue
        local = t.predicate.value.removeprefix(SKOS)
        if local in LABEL_KINDS and isinstance(t.object, Literal):
            entry["labels"].setdefault(f"{local}@{(t.object.language or '').lower()}", []).append(t.object.value)
        elif local in ("broader", "narrower"):
            entry[local].append(t.object.value)
        elif local == "scopeNote" and isinstance(t.object, Literal):
            entry["scope"][(t.object.language or "").lower()] = t.object.value
    themes = [Theme(iri=k, slug=k.rsplit("/", 1)[-1],
                    labels={lab: tuple(sorted(v)) for lab, v in e["labels"].items()},
                    broader=tuple(sorted(e["broader"])), narrower=tuple(sorted(e["narrower"])), scope=e["scope"])
              for k, e in concepts.items()]
    return Thesaurus(themes, triples)


@functools.lru_cache(maxsize=1)
def load_thesaurus() -> Thesaurus:
    """The thesaurus that ships with procgraph (``data/themes.ttl``)."""
    return parse_thesaurus(resource_path("data", "themes.ttl"))


# --- matching ------------------------------------------------------------------------------

_EN_WORDS = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@functools.lru_cache(maxsize=1 << 16)
def _english_tokens(value: str) -> tuple[str, ...]:
    return tuple(_EN_WORDS.findall(value.casefold()))  # cached: each text is matched against every theme


def match_chinese(value: str, words: Iterable[str]) -> list[str]:
    """The words (longest first) found in ``value``, leaving out a word found only inside a longer match."""
    found, covered = [], []
    for word in words:
        if not word or word not in value:  # most words are absent: skip the scan
            continue
        spans = list(_occurrences(value, word))
        free = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b for a, b in covered)]
        if free:
            found.append(word)
        covered.extend(spans)
    return found


def match_english(value: str, words: Iterable[str]) -> list[str]:
    """The words or phrases found in ``value`` as whole words (case-insensitive)."""
    tokens = _english_tokens(value)
    joined = " " + " ".join(tokens) + " "
    return [w for w in words if " " + " ".join(_english_tokens(w)) + " " in joined and _english_tokens(w)]


def _occurrences(value: str, word: str):
    """``[start, end)`` of each non-overlapping occurrence of ``word``, left to right (as ``re.finditer``)."""
    at = value.find(word)
    while at >= 0:
        yield at, at + len(word)
        at = value.find(word, at + len(word))


class Tagger:
    """Tags texts with themes; built once from a thesaurus."""

    def __init__(self, thesaurus: Thesaurus):
        self.thesaurus = thesaurus
        self._zh = [(t.iri, t.words("zh-Hans")) for t in thesaurus.themes.values()]
        self._en = [(t.iri, t.words("en")) for t in thesaurus.themes.values()]

    def tag(self, target: str, fields: Mapping[str, Mapping[str, str]]) -> list[Tag]:
        """Tags of one target from its texts: ``{"text": {"zh-Hans": ..., "en": ...}, "name": {...}}``."""
        evidence: dict[str, list[Evidence]] = {}
        for field in sorted(fields):
            texts = fields[field] or {}
            zh = _simplified(texts)
            if zh:
                for theme, words in self._zh:
                    evidence.setdefault(theme, []).extend(Evidence(w, "zh-Hans", field) for w in match_chinese(zh, words))
            en = texts.get("en")
            if isinstance(en, str) and en.strip():
                for theme, words in self._en:
                    evidence.setdefault(theme, []).extend(Evidence(w, "en", field) for w in match_english(en, words))
        return [Tag(target, theme, tuple(sorted(set(ev), key=lambda e: (e.field, e.lang, e.word))))
                for theme, ev in sorted(evidence.items()) if ev]


def _simplified(texts: Mapping[str, str]) -> str | None:
    value = texts.get("zh-Hans")
    if isinstance(value, str) and value.strip():
        return value
    value = texts.get("zh-Hant")
    if isinstance(value, str) and value.strip():
        from procgraph.ingest.script import to_simplified

        return to_simplified(value)
    return None


# --- what gets tagged ----------------------------------------------------------------------

def _texts(values: Mapping[str, Any] | None) -> dict[str, str]:
    return {k: v for k, v in (values or {}).items() if k in ("zh-Hans", "zh-Hant", "en") and isinstance(v, str)}


def record_targets(records: Mapping[str, Any], fw: Framework | None) -> dict[str, dict[str, dict[str, str]]]:
    """Target IRI -> field -> texts by language, for every element and item of the records and framework."""
    from procgraph.graph.standard import element_resolver, standard_slug

    targets: dict[str, dict[str, dict[str, str]]] = {}
    for e in (fw.elements if fw else ()):
        fields = targets.setdefault(iris.pcf_element(e.pcf_id), {})
        fields["name"] = {"en": e.name_en} if e.name_en else {}
        if e.definition_en:
            fields["definition"] = {"en": e.definition_en}
    if not records.get("elements"):
        return targets
    slug, resolve = standard_slug(records), element_resolver(records, fw)
    for element in records["elements"]:
        element_iri = resolve(str(element["id"]))
        key = element_iri.rsplit("/", 1)[-1]  # the same key the standard graph uses in item IRIs
        fields = targets.setdefault(element_iri, {})
        for field in ("name", "definition"):
            merged = dict(fields.get(field, {}))
            merged.update(_texts(element.get(field)))
            fields[field] = merged
        for column, kind in (("practices", "practice"), ("risks", "risk"), ("outputs", "output")):
            for item in element.get(column) or []:
                targets[iris.item(slug, key, kind, int(item["n"]))] = {"text": _texts(item)}
    return targets


def tag_records(records: Mapping[str, Any], fw: Framework | None, thesaurus: Thesaurus | None = None) -> list[Tag]:
    """Every tag of every element and item, sorted by target and theme."""
    tagger = Tagger(thesaurus or load_thesaurus())
    tags: list[Tag] = []
    for target, fields in sorted(record_targets(records, fw).items()):
        tags.extend(tagger.tag(target, fields))
    return tags


def tag_iri(tag: Tag) -> str:
    """IRI of the annotation holding a tag's evidence: ``…/tag/<target path>/<theme slug>``."""
    return TAG_BASE + tag.target.removeprefix(iris.BASE) + "/" + tag.theme.rsplit("/", 1)[-1]


def tag_triples(tag: Tag) -> list[Triple]:
    """``dcterms:subject`` plus the evidence annotation for one tag."""
    return statement(tag_iri(tag), tag.target, ext("dcterms", "subject"), tag.theme) + \
        [Triple(iri(tag_iri(tag)), ext("skos", "note"), text(e.word, e.lang)) for e in tag.evidence]


def statement(node_iri: str, subject: str, predicate, obj: str) -> list[Triple]:
    """The triple ``subject predicate obj`` and its reification ``node_iri`` (to hang evidence on)."""
    node, s, o = iri(node_iri), iri(subject), iri(obj)
    return [Triple(s, predicate, o),
            Triple(node, RDF_TYPE, ext("rdf", "Statement")),
            Triple(node, ext("rdf", "subject"), s),
            Triple(node, ext("rdf", "predicate"), predicate),
            Triple(node, ext("rdf", "object"), o)]




def theme_quads(records: Mapping[str, Any], fw: Framework | None, thesaurus: Thesaurus | None = None) -> list[Quad]:
    """The ``themes`` graph: the thesaurus itself and every tag with its evidence, sorted."""
    thesaurus = thesaurus or load_thesaurus()
    triples = list(thesaurus.triples)
    for tag in tag_records(records, fw, thesaurus):
        triples += tag_triples(tag)
    return in_graph(triples, GRAPHS["themes"])
