"""The query page (``GET /sparql`` in a browser): editor, named queries, results, downloads.

The page is rendered with the site's templates (``templates/sparql.html`` on ``base.html``: the
same header, navigation and language switch as the other pages) and its script and style are
served from this package (``static/query.js``, ``static/query.css``): no CDN, so it works
offline. Everything the editor completes is embedded in the page as JSON:

* the prefixes of :data:`procgraph.namespaces.PREFIXES`;
* the ontology's classes, properties and other named terms with their labels (read from
  ``ontology/*.ttl``), and the terms of those namespaces the named queries use;
* the framework elements (hierarchy id, PCF IRI, name in the page language), from the same
  catalog the other pages read, so typing ``8.1.5`` offers ``pcf:20632``.

Named queries come from ``queries/*.rq``; their header comments are read here::

    # title: Risks of one element
    # title-zh: 某一流程元素的风险
    # description: …
    # description-zh: …
    # parameters: ?element, the element's IRI (default 8.1.1.1)
    # example: ?element = pcf:20610

and their parameters (single-value ``VALUES`` lines) by :mod:`procgraph.queries`; the page
offers them as form fields and binds them through ``/api/queries/{name}/text``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse

from procgraph.graph.iris import BASE
from procgraph.ingest.script import to_taiwan, to_traditional
from procgraph.langtags import canonical
from procgraph.namespaces import PREFIXES
from procgraph.pcf import hierarchy_key
from procgraph.queries import named_queries
from procgraph.resources import resource_dir
from procgraph.server.errors import ProtocolError
from procgraph.server.pages import catalog as cat
from procgraph.server.pages import i18n
from procgraph.server.pages.messages import MESSAGES
from procgraph.server.pages.render import page, request_lang

STATIC = Path(__file__).with_name("static")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_OWL = "http://www.w3.org/2002/07/owl#"
_KINDS = {
    _OWL + "Class": "class",
    "http://www.w3.org/2000/01/rdf-schema#Class": "class",
    _OWL + "ObjectProperty": "property",
    _OWL + "DatatypeProperty": "property",
    _OWL + "AnnotationProperty": "property",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "property",
}


def examples() -> tuple[dict, ...]:
    """The named queries' header fields and texts (:func:`procgraph.queries.read_header`), by file name."""
    return tuple(q.header for q in named_queries().values())


def default_prefixes() -> str:
    """PREFIX lines for the editor's starting text."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def starting_query() -> str:
    """What the editor holds when the page opens."""
    return default_prefixes() + "\nSELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 20\n"


def _json_for_script(value) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</`` closes it)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


# --- what the editor completes ------------------------------------------------------------


def _compact(iri: str) -> str | None:
    """``pg:hasRisk`` for an IRI in one of the graph's namespaces with a plain local name, else None."""
    for name, namespace in PREFIXES.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and re.fullmatch(r"\w[\w-]*", local):
            return f"{name}:{local}"
    return None


def _labels_by_language(literals) -> dict[str, str]:
    return {canonical(lit.language or "en"): lit.value for lit in literals}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict, ...]:
    """The ontology's named terms (kind ``class``, ``property`` or ``term``) with their labels,
    then every other term of the graph's namespaces that the ontology or a named query names."""
    store = ox.Store()
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    terms: dict[str, dict] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), None):
        subject, kind = quad.subject, quad.object
        if not isinstance(subject, ox.NamedNode):
            continue
        name = _compact(subject.value)
        if name is None:
            continue
        if name not in terms:
            labels = store.quads_for_pattern(subject, ox.NamedNode(_LABEL), None)
            terms[name] = {
                "name": name,
                "iri": subject.value,
                "kind": "term",
                "labels": _labels_by_language(q.object for q in labels),
            }
        if terms[name]["kind"] == "term" and isinstance(kind, ox.NamedNode):
            terms[name]["kind"] = _KINDS.get(kind.value, "term")
    named = {
        node.value
        for quad in store
        for node in (quad.subject, quad.predicate, quad.object)
        if isinstance(node, ox.NamedNode)
    }
    for example in examples():
        for prefix, local in re.findall(r"(?<![\w<])([a-z]+):([A-Za-z_][\w-]*)", example["text"]):
            if prefix in PREFIXES and prefix != "pcf":  # elements are completed from the store
                named.add(PREFIXES[prefix] + local)
    for iri in named:
        name = _compact(iri)
        if name and name not in terms:
            terms[name] = {"name": name, "iri": iri, "kind": "term", "labels": {}}
    return tuple(sorted(terms.values(), key=lambda t: t["name"]))


def _localised(terms: tuple[dict, ...], lang: str) -> list[dict]:
    """Each term with ``label`` in the page language and ``en`` (its English label) beside it."""
    out = []
    for term in terms:
        label, _ = i18n.pick(term["labels"], lang) if term["labels"] else (None, None)
        out.append(
            {
                "name": term["name"],
                "iri": term["iri"],
                "kind": term["kind"],
                "label": label or "",
                "en": term["labels"].get("en", ""),
            }
        )
    return out


async def elements(request: Request, lang: str) -> list[dict]:
    """Every framework element as ``{hid, name, iri, ref}`` (``ref``: ``pcf:20632``, or ``<iri>``),
    in hierarchy order; empty when the store cannot be read (the page still works without them)."""
    try:
        entries = (await cat.catalog(request)).entries.values()
    except ProtocolError:
        return []
    return [
        {
            "hid": e.hierarchy_id,
            "name": i18n.pick(e.names, lang)[0] or "",
            "iri": e.iri,
            "ref": _compact(e.iri) or f"<{e.iri}>",
        }
        for e in sorted(entries, key=lambda e: hierarchy_key(e.hierarchy_id))
    ]


# --- named queries -------------------------------------------------------------------------


def _in_language(english: str | None, chinese: str | None, lang: str) -> str:
    """A header text in the page language: Chinese (converted to Traditional for zh-Hant pages)
    or English, each falling back to the other."""
    if lang == "en" or not chinese:
        return english or chinese or ""
    return {"zh-Hant": to_traditional, "zh-Hant-TW": to_taiwan}.get(lang, str)(chinese)


def named_examples(lang: str) -> list[dict]:
    """The named queries for the page: header fields, text, parameters, and the title and
    description in the page language."""
    queries = named_queries()
    out = []
    for example in examples():
        query = queries.get(example["name"])
        declared = query.parameters if query else ()
        parameters = [{"name": p.name, "type": p.kind, "default": p.default} for p in declared]
        out.append(
            {
                **example,
                "parameters-list": parameters,
                "shown-title": _in_language(example.get("title"), example.get("title-zh"), lang),
                "shown-description": _in_language(example.get("description"), example.get("description-zh"), lang),
            }
        )
    return out


# --- the page ------------------------------------------------------------------------------


def _messages(lang: str) -> dict[str, str]:
    """The interface strings the page's script shows (every ``sparql.`` message), in ``lang``."""
    return {key: i18n.message(key, lang) for key in MESSAGES if key.startswith("sparql.")}


async def query_page(request: Request) -> HTMLResponse:
    """The page as an HTML response, in the request's language."""
    lang = request_lang(request)
    data = {
        "endpoint": request.url.path,
        "update": request.app.state.settings.enable_update,
        "prefixes": PREFIXES,
        "terms": _localised(vocabulary(), lang),
        "elements": await elements(request, lang),
        "messages": _messages(lang),
        "lang": lang,
        "pages": {BASE + "pcf/": "/pcf/", BASE + "std/": "/std/", BASE + "theme/": "/themes/"},
    }
    named = named_examples(lang)
    response = page(
        request,
        "sparql.html",
        endpoint=request.url.path,
        initial=starting_query(),
        examples=named,
        examples_json=_json_for_script(named),
        editor_json=_json_for_script(data),
    )
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return response
