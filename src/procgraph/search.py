"""Search over the labels and texts of the graph, in Chinese (either script) and English.

An index holds one document per thing (element, practice, risk, output): its texts in zh-Hans,
zh-Hant, zh-Hant-TW (where the graph has Taiwan's forms) and en, its kind, its element's
hierarchy id and its themes. A query is converted to Simplified Chinese and segmented with jieba
(English words stay whole), so 溝通 finds 沟通 and the reverse; the Taiwan texts are matched in
their Simplified script too, so Taiwan's words find their hits (品質 the texts that say 质量,
資訊 those that say 信息). Each query word scores by inverse document frequency when a document's text
contains it; an English or Chinese word that names a theme (any label of the thesaurus) also
scores for every document tagged with that theme, which is how "communication" finds Chinese
risks. An English word also reaches the Chinese texts through the bilingual lexicon
(``data/lexicon/concepts.tsv``): ``budget`` counts as found in a text that says 预算. The whole
query found as a phrase earns a bonus. Ties break on kind and hierarchy id, so results are
deterministic.

:func:`suggest_themes` answers a theme name the thesaurus does not know (审计, audit): the
themes whose labels are nearest to it and the themes of the risks that mention it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from procgraph.graph.themes import Thesaurus, load_thesaurus
from procgraph.ingest.script import to_simplified

KIND_ORDER = {"element": 0, "risk": 1, "practice": 2, "output": 3}
#: Words too common to count on their own.
STOP_WORDS = frozenset("的 了 和 与 或 及 在 对 是 有 将 以 等 中 为 并 the and or of to in for a an".split())
PHRASE_BONUS = 2.0
THEME_WEIGHT = 1.5
#: The Chinese texts of a document that are matched (each in Simplified script).
CHINESE = ("zh-Hans", "zh-Hant", "zh-Hant-TW")
_LATIN = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")


@dataclass
class Document:
    """One searchable thing."""

    iri: str
    kind: str
    hid: str
    texts: dict[str, str] = field(default_factory=dict)
    themes: set[str] = field(default_factory=set)

    def haystack(self) -> str:
        """All texts, Chinese in Simplified script, English lower-cased, for matching."""
        parts = [to_simplified(self.texts[k]) for k in CHINESE if self.texts.get(k)]
        parts += [self.texts["en"].casefold()] if self.texts.get("en") else []
        return "\n".join(parts)


@dataclass(frozen=True)
class Hit:
    """One search result: the document, its score and the query words that matched it."""

    document: Document
    score: float
    matched: tuple[str, ...]
    themes: tuple[str, ...]


def query_words(query: str) -> list[str]:
    """Simplified, segmented query words (jieba for Chinese, whole words for Latin script), no stop words."""
    import jieba

    simplified = to_simplified(query.strip())
    words: list[str] = []
    for chunk in re.split(r"\s+", simplified):
        if not chunk:
            continue
        if _LATIN.fullmatch(chunk):
            words.append(chunk.casefold())
            continue
        for word in jieba.lcut(chunk):
            word = word.strip()
            if word and not re.fullmatch(r"[\W_]+", word):
                words.append(word.casefold() if _LATIN.fullmatch(word) else word)
    seen: list[str] = []
    for w in words:
        if w not in seen and w not in STOP_WORDS:
            seen.append(w)
    return seen


class SearchIndex:
    """Documents with their matching text and document frequencies."""

    def __init__(self, documents: Iterable[Document], thesaurus: Thesaurus | None = None):
        self.documents = sorted(documents, key=lambda d: (KIND_ORDER.get(d.kind, 9), _hid_key(d.hid), d.iri))
        self.thesaurus = thesaurus or load_thesaurus()
        self._text = [d.haystack() for d in self.documents]
        self._tagged: dict[str, list[int]] = {}  # theme IRI -> positions of the documents tagged with it
        for i, doc in enumerate(self.documents):
            for theme in doc.themes:
                self._tagged.setdefault(theme, []).append(i)
        self.bridge = english_bridge()

    def _containing(self, word: str) -> set[int]:
        """Positions of the documents whose text contains ``word`` (or, for an English word, one of
        its Chinese words)."""
        words = (word, *self.bridge.get(word, ())) if _LATIN.fullmatch(word) else (word,)
        return {i for i, text in enumerate(self._text) if any(w in text for w in words)}

    def _idf(self, df: int) -> float:
        return math.log((len(self._text) + 1) / (df + 1)) + 1.0

    def _themes_for(self, words: list[str], query: str) -> dict[str, str]:
        """Theme IRI -> the query word (or the whole query) that names it."""
        found: dict[str, str] = {}
        for w in [query] + words:
            theme = self.thesaurus.resolve(w)
            if theme is not None:
                found.setdefault(theme.iri, w)
                for narrower in self.thesaurus.narrower_closure(theme.iri):
                    found.setdefault(narrower, w)
        return found

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        """The best ``limit`` documents for ``query`` (optionally only some kinds)."""
        words = query_words(query)
        if not words:
            return []
        phrase = to_simplified(query.strip()).casefold()
        containing = {w: self._containing(w) for w in words}
        idf = {w: self._idf(len(containing[w])) for w in words}
        themes = self._themes_for(words, query.strip())
        wanted = set(kinds) if kinds else None
        # Only documents containing a word or tagged with a theme the query names can score.
        candidates = set().union(*containing.values(), *(self._tagged.get(t, ()) for t in themes))
        hits = []
        for i in sorted(candidates):  # the documents' fixed order
            doc, text = self.documents[i], self._text[i]
            if wanted and doc.kind not in wanted:
                continue
            matched = [w for w in words if i in containing[w]]
            score = sum(idf[w] for w in matched)
            via = sorted(t for t in doc.themes if t in themes)
            if via:
                score += THEME_WEIGHT * max(idf.get(themes[t], 1.0) for t in via)
            if score and len(words) > 1 and phrase in text:
                score += PHRASE_BONUS
            if score:
                hits.append(Hit(doc, round(score, 4), tuple(matched), tuple(via)))
        hits.sort(key=lambda h: -h.score)  # stable: ties keep the documents' fixed order
        return hits[:limit]


def english_bridge() -> dict[str, tuple[str, ...]]:
    """A lexicon word (English case-folded, or Chinese) -> the zh-Hans words of the concepts it belongs to.

    ``budget`` -> 预算; 审计 -> 审核, 审计 (one concept, so either Chinese word finds the other).
    """
    from procgraph.graph.links import load_lexicon

    bridge: dict[str, set[str]] = {}
    for concept in load_lexicon():
        for word in (*concept.en, *concept.zh):
            bridge.setdefault(word.casefold(), set()).update(concept.zh)
    return {k: tuple(sorted(v)) for k, v in bridge.items()}


@dataclass(frozen=True)
class Suggestion:
    """What to offer for a theme name the thesaurus does not know."""

    query: str
    words: tuple[str, ...]  # the query words and the Chinese words the lexicon bridges them to
    #: (theme IRI, why): "label" (spelt like a label) or "risks" (themes of the hits)
    nearest: tuple[tuple[str, str], ...]
    hits: tuple[Hit, ...]  # risks whose text contains the name (or its bridged words)


def suggest_themes(index: SearchIndex, name: str, limit: int = 5) -> Suggestion:
    """The nearest themes to an unknown theme name, and the risks whose texts mention it.

    Nearest by spelling first (a label within a small edit distance, any language), then the
    themes carried most often by the risks whose text contains the name.
    """
    import difflib

    thesaurus = index.thesaurus
    folded = " ".join(to_simplified(name).casefold().split())
    labels: dict[str, str] = {}
    for theme in thesaurus.themes.values():
        for values in theme.labels.values():
            for value in values:
                labels.setdefault(value.casefold(), theme.iri)
    nearest: list[tuple[str, str]] = []
    for label in difflib.get_close_matches(folded, list(labels), n=limit, cutoff=0.75):
        if labels[label] not in {iri for iri, _ in nearest}:
            nearest.append((labels[label], "label"))
    words = query_words(name)
    bridged = [z for w in words for z in index.bridge.get(w, ())]
    matched = set().union(*(index._containing(w) for w in words + bridged)) if words else set()
    hits = [
        Hit(index.documents[i], 1.0, tuple(words), ()) for i in sorted(matched) if index.documents[i].kind == "risk"
    ]
    counts: dict[str, int] = {}
    for hit in hits:
        for theme_iri in hit.document.themes:
            counts[theme_iri] = counts.get(theme_iri, 0) + 1
    for theme_iri, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(nearest) >= limit:
            break
        if theme_iri in thesaurus.themes and theme_iri not in {iri for iri, _ in nearest}:
            nearest.append((theme_iri, "risks"))
    return Suggestion(name, tuple(dict.fromkeys(words + bridged)), tuple(nearest), tuple(hits))


# --- the documents, read from a store ---------------------------------------------------------

_PREFIXES = """PREFIX pg: <https://w3id.org/procgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
#: Every element's names and every practice's, risk's and output's texts, with kind and hierarchy id.
DOCUMENT_TEXTS = (
    _PREFIXES
    + """SELECT DISTINCT ?s ?kind ?hid ?text WHERE {
  {
    VALUES (?link ?kind) { (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }
    ?element ?link ?s ; pg:hierarchyId ?hid .
    ?s pg:text ?text .
  } UNION {
    ?s pg:hierarchyId ?hid ; skos:prefLabel ?text .
    BIND("element" AS ?kind)
  }
}"""
)
#: The themes each thing is tagged with.
DOCUMENT_THEMES = _PREFIXES + "SELECT DISTINCT ?s ?theme WHERE { ?s dcterms:subject ?theme . ?theme a skos:Concept }"
_LANGS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "zh-hant-tw": "zh-Hant-TW", "en": "en"}


def documents_from_rows(texts: Iterable[dict], themes: Iterable[dict]) -> list[Document]:
    """Documents from the answers of :data:`DOCUMENT_TEXTS` and :data:`DOCUMENT_THEMES` as plain rows.

    A plain row maps each variable to its value, and ``text@lang`` to the text's language tag
    (as :func:`procgraph.queries.plain_rows` gives them). Sorted by IRI, so the same store
    gives the same list.
    """
    docs: dict[str, Document] = {}
    for row in texts:
        doc = docs.setdefault(row["s"], Document(row["s"], row["kind"], str(row["hid"])))
        lang = _LANGS.get(str(row.get("text@lang", "")).lower())
        if lang:
            doc.texts[lang] = row["text"]
    for row in themes:
        if row["s"] in docs:
            docs[row["s"]].themes.add(row["theme"])
    return [docs[k] for k in sorted(docs)]


def document_to_json(doc: Document) -> dict:
    return {"iri": doc.iri, "kind": doc.kind, "hid": doc.hid, "texts": doc.texts, "themes": sorted(doc.themes)}


def document_from_json(data: dict) -> Document:
    return Document(data["iri"], data["kind"], data["hid"], dict(data["texts"]), set(data["themes"]))


def _hid_key(hid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in hid.split(".") if p.isdigit())
