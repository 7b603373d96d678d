"""Themes, cross-category links and search, as the pages show them.

Reads what the semantic layer puts in the graph (see :mod:`procgraph.graph.themes` and
:mod:`procgraph.graph.links`): ``dcterms:subject`` tags in the ``themes`` graph and
``skos:related`` links in the ``links`` graph, each with a reified statement
(``rdf:Statement``) holding its evidence (``skos:note``) and, for links, its score
(``rdf:value``). When
a store was built without them the sections are simply empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from procgraph.graph.links import evidence_key
from procgraph.server.pages.data import iri, lang_of, select

THEME_SCHEME = "https://w3id.org/procgraph/theme/scheme"

THEMES = (
    """
SELECT DISTINCT ?theme ?label ?note ?broader ?related ?source WHERE {
  ?theme a skos:Concept ; skos:inScheme <%s> .
  { ?theme skos:prefLabel ?label } UNION { ?theme skos:scopeNote ?note } UNION { ?theme skos:broader ?broader }
  UNION { ?theme skos:related ?related } UNION { ?theme dcterms:source ?source }
}"""
    % THEME_SCHEME
)

TAGS_OF_ELEMENT = """
SELECT DISTINCT ?target ?theme WHERE {{
  {{ BIND({element} AS ?target) ?target dcterms:subject ?theme }}
  UNION
  {{ {element} pg:hasPractice|pg:hasRisk|pg:hasOutput ?target . ?target dcterms:subject ?theme }}
}}"""

# The words that made each tag, read apart from the tags: as an OPTIONAL of the query above,
# Oxigraph evaluated the four tag patterns for every tag in the store before joining (11 s at
# 100 times the bundled data); on their own, bound to the element's targets, they take 5 ms.
TAG_WORDS_OF_ELEMENT = """
SELECT DISTINCT ?target ?theme ?word WHERE {{
  {{ BIND({element} AS ?target) }} UNION {{ {element} pg:hasPractice|pg:hasRisk|pg:hasOutput ?target }}
  ?tag rdf:subject ?target ; rdf:predicate dcterms:subject ; rdf:object ?theme ; skos:note ?word .
}}"""

LINKS_OF_ELEMENT = """
SELECT DISTINCT ?target ?score ?note ?kind ?kindLabel ?fromDefinitions ?group WHERE {{
  ?link rdf:subject {element} ; rdf:predicate skos:related ; rdf:object ?target .
  OPTIONAL {{ ?link rdf:value ?score }}
  OPTIONAL {{ ?link skos:note ?note }}
  OPTIONAL {{ ?link pg:linkKind ?kind . OPTIONAL {{ ?kind rdfs:label ?kindLabel }} }}
  OPTIONAL {{ ?link pg:fromDefinitions ?fromDefinitions }}
  OPTIONAL {{ ?target pg:partOf ?group . ?group a pg:ProcessGroup }}
}}"""

RISKS_OF_THEMES = """
SELECT DISTINCT ?risk ?theme ?el ?n ?text WHERE {{
  VALUES ?theme {{ {themes} }}
  ?risk dcterms:subject ?theme ; pg:position ?n .
  ?el pg:hasRisk ?risk .
  OPTIONAL {{ ?risk pg:text ?text }}
}}"""

#: Where each risk's words matched, for the themes of a page (W3C Web Annotation selectors).
MARKS_OF_THEMES = """
SELECT DISTINCT ?risk ?theme ?exact ?start ?end WHERE {{
  VALUES ?theme {{ {themes} }}
  ?tag rdf:object ?theme ; rdf:subject ?risk ; oa:hasSelector ?at .
  ?risk pg:position ?n .
  ?at oa:exact ?exact ; oa:start ?start ; oa:end ?end .
}}"""

#: Per theme, the distinct risks tagged with it or any narrower theme (what the theme's page lists).
TAG_COUNTS = """
SELECT ?theme (COUNT(DISTINCT ?risk) AS ?n) WHERE {
  ?theme a skos:Concept .
  ?tagged skos:broader* ?theme .
  ?el pg:hasRisk ?risk . ?risk dcterms:subject ?tagged .
} GROUP BY ?theme"""


@dataclass
class Theme:
    """A theme of the thesaurus with its labels, scope note and place in the hierarchy."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    broader: set[str] = field(default_factory=set)
    narrower: list[Theme] = field(default_factory=list)
    related: set[str] = field(default_factory=set)
    source: str | None = None

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass
class Tag:
    """A theme on a target (element or item) with the words that matched."""

    theme: str
    words: set[str] = field(default_factory=set)


@dataclass
class Link:
    """A related element in another category, with its score and evidence lines."""

    target: str
    score: float
    notes: list[str] = field(default_factory=list)
    kind: str | None = None
    kind_labels: dict[str, str] = field(default_factory=dict)
    group: str | None = None
    from_definitions: bool = True


async def read_themes(request) -> dict[str, Theme]:
    """All themes by IRI, with their narrower themes linked."""
    themes: dict[str, Theme] = {}
    for row in await select(request, THEMES):
        theme = themes.setdefault(row["theme"].value, Theme(row["theme"].value))
        for var, target in (("label", theme.labels), ("note", theme.notes)):
            if var in row and (lang := lang_of(row[var])):
                target[lang] = row[var].value
        if "broader" in row:
            theme.broader.add(row["broader"].value)
        if "related" in row:
            theme.related.add(row["related"].value)
        if "source" in row:
            theme.source = row["source"].value
    for theme in themes.values():
        for parent in theme.broader:
            if parent in themes:
                themes[parent].narrower.append(theme)
    for theme in themes.values():
        theme.narrower.sort(key=lambda t: t.iri)
    return themes


def closure(theme: Theme) -> list[Theme]:
    """The theme and all themes below it."""
    out, todo, seen = [], [theme], set()
    while todo:
        current = todo.pop(0)
        if current.iri in seen:
            continue
        seen.add(current.iri)
        out.append(current)
        todo.extend(current.narrower)
    return out


async def read_tags(request, element_iri: str) -> dict[str, dict[str, Tag]]:
    """Target IRI -> theme IRI -> tag, for the element and its items."""
    tags: dict[str, dict[str, Tag]] = defaultdict(dict)
    element = iri(element_iri)
    for row in await select(request, TAGS_OF_ELEMENT.format(element=element)):
        tags[row["target"].value].setdefault(row["theme"].value, Tag(row["theme"].value))
    for row in await select(request, TAG_WORDS_OF_ELEMENT.format(element=element)):
        tag = tags.get(row["target"].value, {}).get(row["theme"].value)
        if tag is not None:  # a word of a tag the element's thing carries
            tag.words.add(row["word"].value)
    return dict(tags)


async def read_links(request, element_iri: str) -> list[Link]:
    """The element's related elements in other categories, best first, with relation kind and group."""
    links: dict[str, Link] = {}
    for row in await select(request, LINKS_OF_ELEMENT.format(element=iri(element_iri))):
        score = row["score"].number if "score" in row else 0.0
        link = links.setdefault(row["target"].value, Link(row["target"].value, score or 0.0))
        if "note" in row and row["note"].value not in link.notes:
            link.notes.append(row["note"].value)
        if "kind" in row:
            link.kind = row["kind"].value.rsplit("#", 1)[-1]
            if "kindLabel" in row and (lang := lang_of(row["kindLabel"])):
                link.kind_labels[lang] = row["kindLabel"].value
        if "fromDefinitions" in row:
            link.from_definitions = row["fromDefinitions"].value == "true"
        if "group" in row:
            link.group = row["group"].value

    for link in links.values():
        link.notes.sort(key=evidence_key)
    return sorted(links.values(), key=lambda link: (-link.score, link.target))


@dataclass
class ThemedRisk:
    """A risk found under a theme: its text, element, number and the (narrower) theme that tagged it."""

    iri: str
    element: str
    n: int
    texts: dict[str, str] = field(default_factory=dict)
    themes: set[str] = field(default_factory=set)
    #: (start, end, word, theme) in the zh-Hans text
    marks: list[tuple[int, int, str, str]] = field(default_factory=list)

    def marked(self, lang: str):
        """The risk's text in ``lang`` with the matched words in ``<mark>`` (zh-Hans offsets; zh-Hant when aligned)."""
        text = self.texts.get(lang) or self.texts.get("zh-Hans") or next(iter(self.texts.values()), "")
        base = self.texts.get("zh-Hans", "")
        if len(text) != len(base):  # offsets are in the zh-Hans text; a longer or shorter form cannot be marked
            return escape(text)
        out, at = [], 0
        for start, end, word, _theme in sorted(set(self.marks)):
            if start < at or end > len(text):
                continue
            out += [escape(text[at:start]), Markup('<mark title="{}">{}</mark>').format(word, text[start:end])]
            at = end
        out.append(escape(text[at:]))
        return Markup("").join(out)


async def risks_of(request, themes: list[Theme]) -> list[ThemedRisk]:
    """Risks tagged with any of ``themes``."""
    if not themes:
        return []
    values = " ".join(iri(t.iri) for t in themes)
    risks: dict[str, ThemedRisk] = {}
    for row in await select(request, RISKS_OF_THEMES.format(themes=values)):
        risk = risks.setdefault(row["risk"].value, ThemedRisk(row["risk"].value, row["el"].value, int(row["n"].value)))
        risk.themes.add(row["theme"].value)
        if "text" in row and (lang := lang_of(row["text"])):
            risk.texts[lang] = row["text"].value
    for row in await select(request, MARKS_OF_THEMES.format(themes=values)):
        if row["risk"].value in risks and lang_of(row["exact"]) == "zh-Hans":
            risks[row["risk"].value].marks.append(
                (int(row["start"].value), int(row["end"].value), row["exact"].value, row["theme"].value)
            )
    return list(risks.values())


async def risk_counts(request) -> dict[str, int]:
    """Theme IRI -> number of distinct risks tagged with it or a narrower theme (as its page lists them)."""
    return {row["theme"].value: int(row["n"].value) for row in await select(request, TAG_COUNTS)}


def by_theme(tags: dict[str, dict[str, Tag]], order) -> list[tuple[str, list[tuple[str, Tag]]]]:
    """Regroup an element's tags per theme: (theme IRI, [(target IRI, tag)…]) with targets in
    ``order`` (a key function on target IRIs, e.g. the element first, then items by column and number)."""
    grouped: dict[str, list[tuple[str, Tag]]] = defaultdict(list)
    for target, found in tags.items():
        for tag in found.values():
            grouped[tag.theme].append((target, tag))
    return [(theme, sorted(grouped[theme], key=lambda pair: order(pair[0]))) for theme in sorted(grouped)]
