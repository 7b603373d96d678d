"""Theme tagging: the SKOS theme thesaurus (``data/themes.ttl``) and the tags it gives every item.

Every practice, risk and output of a standard, and every framework element, is tagged with
the themes whose labels occur in its text. Chinese labels (prefLabel, altLabel, hiddenLabel
in zh-Hans) are looked for in the zh-Hans text; English labels are looked for as whole words
in English text (APQC names and definitions). The words that matched are kept as evidence, so
a user can see why an item carries a theme. Matching is plain string search over a fixed
thesaurus, so the same input always gives the same tags.

In the ``themes`` graph a tag is stated twice: the plain fact ``item dcterms:subject theme``
for queries, and a reified statement (RDF's own ``rdf:Statement``) of that fact holding the
evidence: one ``skos:note`` per matched word, and one W3C Web Annotation text position
selector per place it matched (``oa:exact``, ``oa:start``, ``oa:end``; see :func:`tag_triples`)::

    <…/tag/std/gbpm-8/20610/risk/3/communication> a rdf:Statement ;
        rdf:subject <…/risk/3> ; rdf:predicate dcterms:subject ; rdf:object theme:communication ;
        skos:note "沟通"@zh-Hans .

Only standard vocabularies appear (RDF, SKOS, DCMI terms, W3C Web Annotation): no new terms.
Words in ``data/theme-contexts.tsv`` contexts do not count for their theme (:class:`Context`).

A tag is only stated for the theme whose label matched; broader themes are reached by
following ``skos:broader`` at query time, never restated.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, Triple

from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.terms import RDF_TYPE, ext, in_graph, integer, iri, text
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
    related: tuple[str, ...] = ()
    source: str | None = None

    def label(self, lang: str, kind: str = "prefLabel") -> str | None:
        values = self.labels.get(f"{kind}@{lang.lower()}")
        return values[0] if values else None

    def words(self, lang: str) -> tuple[str, ...]:
        """Every label of the theme in ``lang`` (preferred, alternative, hidden), longest first."""
        found = {w for kind in LABEL_KINDS for w in self.labels.get(f"{kind}@{lang.lower()}", ())}
        return tuple(sorted(found, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Evidence:
    """One matched word: the word as written in the thesaurus, its language, the field it was found in,
    and where: ``[start, end)`` in code points of that field's text in that language (the zh-Hans
    text for Chinese words, the English text for English ones)."""

    word: str
    lang: str
    field: str
    start: int = 0
    end: int = 0


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


DCTERMS_SOURCE = "http://purl.org/dc/terms/source"


def parse_thesaurus(*paths) -> Thesaurus:
    """Read SKOS thesaurus files (Turtle, or the TSV of :mod:`procgraph.graph.usertheme`) into a :class:`Thesaurus`.

    Later files add concepts and labels to earlier ones (a user's file may add a word to a shipped
    theme); the triples of all files are kept, in order, for the ``themes`` graph.
    """
    from procgraph.graph.usertheme import read_theme_file

    triples = [t for path in paths for t in read_theme_file(path)]
    return thesaurus_from_triples(triples)


def thesaurus_from_triples(triples: list[Triple]) -> Thesaurus:
    """A :class:`Thesaurus` from the triples of one or more SKOS files."""
    concepts: dict[str, dict[str, Any]] = {}
    concept_type = SKOS + "Concept"
    for t in triples:
        if t.predicate == RDF_TYPE and t.object == NamedNode(concept_type) and not isinstance(t.subject, Triple):
            concepts.setdefault(
                t.subject.value,
                {"labels": {}, "broader": [], "narrower": [], "scope": {}, "related": [], "source": None},
            )
    for t in triples:
        if isinstance(t.subject, Triple):  # a quoted triple (RDF-star) is no concept
            continue
        entry = concepts.get(t.subject.value)
        if entry is None:
            continue
        if t.predicate.value == DCTERMS_SOURCE and isinstance(t.object, Literal):
            entry["source"] = t.object.value
            continue
        local = t.predicate.value.removeprefix(SKOS)
        if local in LABEL_KINDS and isinstance(t.object, Literal):
            entry["labels"].setdefault(f"{local}@{(t.object.language or '').lower()}", []).append(t.object.value)
        elif local in ("broader", "narrower", "related") and not isinstance(t.object, Triple):
            entry[local].append(t.object.value)
        elif local == "scopeNote" and isinstance(t.object, Literal):
            entry["scope"][(t.object.language or "").lower()] = t.object.value
    # skos:broader and skos:narrower are inverses, skos:related is symmetric: a user's file may
    # state only one side, so both sides are completed here.
    for k, e in concepts.items():
        for b in e["broader"]:
            if b in concepts and k not in concepts[b]["narrower"]:
                concepts[b]["narrower"].append(k)
        for n in e["narrower"]:
            if n in concepts and k not in concepts[n]["broader"]:
                concepts[n]["broader"].append(k)
        for r in e["related"]:
            if r in concepts and k not in concepts[r]["related"]:
                concepts[r]["related"].append(k)
    themes = [
        Theme(
            iri=k,
            slug=k.rsplit("/", 1)[-1],
            labels={lab: tuple(sorted(set(v))) for lab, v in e["labels"].items()},
            broader=tuple(sorted(set(e["broader"]))),
            narrower=tuple(sorted(set(e["narrower"]))),
            scope=e["scope"],
            related=tuple(sorted(set(e["related"]))),
            source=e["source"],
        )
        for k, e in concepts.items()
    ]
    return Thesaurus(themes, triples)


def thesaurus_files() -> list:
    """The thesaurus files a build reads: the shipped ``data/themes.ttl``, then the user's own.

    The user's files are ``<data home>/themes/*.ttl`` and ``*.tsv`` (``procgraph themes add FILE``
    puts them there), read in name order.
    """
    from procgraph.graph.usertheme import user_theme_files

    return [resource_path("data", "themes.ttl"), *user_theme_files()]


@functools.lru_cache(maxsize=4)
def _load(key: tuple[tuple[str, int, int], ...]) -> Thesaurus:
    return parse_thesaurus(*(path for path, _, _ in key))


def load_thesaurus() -> Thesaurus:
    """The thesaurus procgraph uses: the shipped themes plus the user's (cached per set of files)."""
    from procgraph.graph.usertheme import files_key

    return _load(files_key(thesaurus_files()))


# --- matching ------------------------------------------------------------------------------

_EN_WORDS = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@functools.lru_cache(maxsize=1 << 16)
def _english_tokens(value: str) -> tuple[str, ...]:
    return tuple(_EN_WORDS.findall(value.casefold()))  # cached: each text is matched against every theme


def find_chinese(
    value: str, words: Iterable[str], excluded: Iterable[tuple[int, int, str]] = ()
) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of every occurrence of the words in ``value``, longest word first.

    An occurrence inside an occurrence of a longer word already found is left out, and so is one
    inside an ``excluded`` span ``(start, end, word)`` stated for that word (a theme context).
    """
    found: list[tuple[str, int, int]] = []
    covered: list[tuple[int, int]] = []
    excluded = list(excluded)
    for word in words:
        if not word or word not in value:  # most words are absent: skip the scan
            continue
        for a, b in _occurrences(value, word):
            inside_longer = any(x <= a and b <= y for x, y in covered)
            in_context = any(x <= a and b <= y and w == word for x, y, w in excluded)
            if not inside_longer and not in_context:
                found.append((word, a, b))
            covered.append((a, b))
    return found


def match_chinese(value: str, words: Iterable[str]) -> list[str]:
    """The words (longest first) found in ``value``, leaving out a word found only inside a longer match."""
    return list(dict.fromkeys(w for w, _, _ in find_chinese(value, words)))


@functools.lru_cache(maxsize=1 << 12)
def _english_pattern(word: str) -> re.Pattern | None:
    tokens = _english_tokens(word)
    if not tokens:
        return None
    edge_before, edge_after = r"(?<![a-z0-9])(?<![a-z0-9][-'])", r"(?![a-z0-9])(?![-'][a-z0-9])"
    return re.compile(edge_before + r"[^a-z0-9]+".join(re.escape(t) for t in tokens) + edge_after)


def find_english(value: str, words: Iterable[str]) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of each whole-word, case-insensitive occurrence of the words or phrases."""
    folded = value.casefold()
    out: list[tuple[str, int, int]] = []
    for word in words:
        pattern = _english_pattern(word)
        if pattern is not None:
            out.extend((word, m.start(), m.end()) for m in pattern.finditer(folded))
    return out


def match_english(value: str, words: Iterable[str]) -> list[str]:
    """The words or phrases found in ``value`` as whole words (case-insensitive)."""
    return list(dict.fromkeys(w for w, _, _ in find_english(value, words)))


def _occurrences(value: str, word: str):
    """``[start, end)`` of each non-overlapping occurrence of ``word``, left to right (as ``re.finditer``)."""
    at = value.find(word)
    while at >= 0:
        yield at, at + len(word)
        at = value.find(word, at + len(word))


@dataclass(frozen=True)
class Context:
    """A phrase in which a word of a theme does not make a text about that theme (``data/theme-contexts.tsv``)."""

    theme: str
    word: str
    context: str
    reason: str


def parse_contexts(path, thesaurus: Thesaurus) -> tuple[Context, ...]:
    """Read the contexts file; each rule must name a theme, one of its labels, and a context containing it."""
    rules = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 4:
            raise InputError(
                f"line {number}: a context rule needs 4 tab-separated columns "
                f"(theme, word, context, why), found {len(parts)}",
                file=str(path),
            )
        slug, word, context, reason = parts
        theme = thesaurus.resolve(slug)
        if theme is None:
            raise InputError(f"line {number}: no theme is called {slug!r}", file=str(path))
        if word not in theme.words("zh-Hans") + theme.words("en"):
            raise InputError(f"line {number}: {word!r} is not a label of theme {theme.slug}", file=str(path))
        if word not in context:
            raise InputError(
                f"line {number}: the context {context!r} does not contain the word {word!r}", file=str(path)
            )
        rules.append(Context(theme.iri, word, context, reason))
    return tuple(rules)


def load_contexts(thesaurus: Thesaurus) -> tuple[Context, ...]:
    """The contexts that ship with procgraph."""
    return parse_contexts(resource_path("data", "theme-contexts.tsv"), thesaurus)


class Tagger:
    """Tags texts with themes; built once from a thesaurus and its contexts."""

    def __init__(self, thesaurus: Thesaurus, contexts: Iterable[Context] | None = None):
        self.thesaurus = thesaurus
        self.contexts = tuple(load_contexts(thesaurus) if contexts is None else contexts)
        self._zh = [(t.iri, t.words("zh-Hans")) for t in thesaurus.themes.values()]
        self._en = [(t.iri, t.words("en")) for t in thesaurus.themes.values()]
        self._by_theme: dict[str, list[Context]] = {}
        for c in self.contexts:
            self._by_theme.setdefault(c.theme, []).append(c)

    def _excluded(self, theme: str, value: str) -> list[tuple[int, int, str]]:
        return [
            (a, b, c.word)
            for c in self._by_theme.get(theme, ())
            if c.context in value
            for a, b in _occurrences(value, c.context)
        ]

    def tag(self, target: str, fields: Mapping[str, Mapping[str, str]]) -> list[Tag]:
        """Tags of one target from its texts: ``{"text": {"zh-Hans": ..., "en": ...}, "name": {...}}``."""
        evidence: dict[str, list[Evidence]] = {}
        for field in sorted(fields):
            texts = fields[field] or {}
            zh = _simplified(texts)
            if zh:
                for theme, words in self._zh:
                    found = find_chinese(zh, words, self._excluded(theme, zh))
                    evidence.setdefault(theme, []).extend(Evidence(w, "zh-Hans", field, a, b) for w, a, b in found)
            en = texts.get("en")
            if isinstance(en, str) and en.strip():
                for theme, words in self._en:
                    found = find_english(en, words)
                    evidence.setdefault(theme, []).extend(Evidence(w, "en", field, a, b) for w, a, b in found)
        return [
            Tag(target, theme, tuple(sorted(set(ev), key=lambda e: (e.field, e.lang, e.start, e.word))))
            for theme, ev in sorted(evidence.items())
            if ev
        ]


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
    for e in fw.elements if fw else ():
        fields = targets.setdefault(iris.pcf_element(e.pcf_id), {})
        fields["name"] = {"en": e.name_en} if e.name_en else {}
        if e.definition_en:
            fields["definition"] = {"en": e.definition_en}
    if not records.get("elements"):
        return targets
    resolve = element_resolver(records, fw)
    for element in records["elements"]:
        slug = standard_slug(records, str(element["id"]))  # the standard stating it (one per category)
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


def evidence_iri(tag: Tag, e: Evidence) -> str:
    """IRI of one matched place: ``<tag IRI>/at/<field>-<lang>-<start>``."""
    return f"{tag_iri(tag)}/at/{e.field}-{e.lang.lower()}-{e.start}"


def tag_triples(tag: Tag) -> list[Triple]:
    """``dcterms:subject`` plus the evidence annotation for one tag.

    The annotation holds each matched word once (``skos:note``) and each place it matched as a
    W3C Web Annotation text position selector: ``oa:exact`` the word as found, ``oa:start`` and
    ``oa:end`` its code-point offsets in the item's text of that language (``pg:text`` for items,
    the name or definition for elements: the selector IRI names the field).
    """
    node = iri(tag_iri(tag))
    out = statement(tag_iri(tag), tag.target, ext("dcterms", "subject"), tag.theme)
    out += [Triple(node, ext("skos", "note"), text(e.word, e.lang)) for e in tag.evidence]
    for e in tag.evidence:
        sel = iri(evidence_iri(tag, e))
        out += [
            Triple(node, ext("oa", "hasSelector"), sel),
            Triple(sel, RDF_TYPE, ext("oa", "TextPositionSelector")),
            Triple(sel, ext("oa", "exact"), text(e.word, e.lang)),
            Triple(sel, ext("oa", "start"), integer(e.start)),
            Triple(sel, ext("oa", "end"), integer(e.end)),
        ]
    return out


def statement(node_iri: str, subject: str, predicate, obj: str) -> list[Triple]:
    """The triple ``subject predicate obj`` and its reification ``node_iri`` (to hang evidence on)."""
    node, s, o = iri(node_iri), iri(subject), iri(obj)
    return [
        Triple(s, predicate, o),
        Triple(node, RDF_TYPE, ext("rdf", "Statement")),
        Triple(node, ext("rdf", "subject"), s),
        Triple(node, ext("rdf", "predicate"), predicate),
        Triple(node, ext("rdf", "object"), o),
    ]


def theme_quads(records: Mapping[str, Any], fw: Framework | None, thesaurus: Thesaurus | None = None) -> list[Quad]:
    """The ``themes`` graph: the thesaurus itself and every tag with its evidence, sorted."""
    thesaurus = thesaurus or load_thesaurus()
    triples = list(thesaurus.triples)
    for tag in tag_records(records, fw, thesaurus):
        triples += tag_triples(tag)
    return in_graph(triples, GRAPHS["themes"])
