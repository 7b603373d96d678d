"""The JSON API: named queries, risks by theme, search, cross-category links, themes.

Every handler runs its SPARQL through the endpoint's backend (``app.state.backend.call``), so
the same worker processes, deadline and row limit apply as on ``/sparql``. Parameters are
never pasted into query text: each named query declares its parameters as single-value
``VALUES ?name { default }`` lines, and a value replaces the default only after it has been
turned into a valid RDF term (an IRI checked by pyoxigraph, a string literal escaped by
pyoxigraph, an integer parsed as one).

Named queries (reading, describing, binding) are :mod:`procgraph.queries`; this module serves
them. Routes: ``/api/queries`` (list), ``/api/queries/{name}`` (one documented route per
``queries/*.rq``; ``/api/queries/{name}/text`` is its text with the parameters bound, as the
query page runs it), ``/api/risks?theme=``, ``/api/search?q=``, ``/api/processes/{id}/links``,
``/api/themes``, and ``/api/openapi.json`` describing them. Named queries are answered from
the answers ``procgraph build`` prepared and saved with the store
(:mod:`procgraph.queries.prepared`) while the store's data are unchanged.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from procgraph import __version__
from procgraph.graph.links import evidence_key
from procgraph.graph.themes import load_thesaurus
from procgraph.langtags import canonical
from procgraph.queries import NamedQuery, bind, named_queries, plain_rows, resolve_values, term
from procgraph.queries.prepared import lookup, plan, saved_documents
from procgraph.search import (
    DOCUMENT_TEXTS,
    DOCUMENT_THEMES,
    SearchIndex,
    documents_from_rows,
    query_words,
    suggest_themes,
)
from procgraph.server import errors
from procgraph.server.backends import serving
from procgraph.server.execute import QueryRequest

PREFIXES = """PREFIX pg: <https://w3id.org/procgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


# --- running SPARQL through the backend ----------------------------------------------------


async def select(request: Request, text: str, max_rows: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a SELECT through the backend; (variables, rows of plain values). ``max_rows``: the server's limit."""
    settings = request.app.state.settings
    answer = await request.app.state.backend.call(
        "query", QueryRequest(query=text, format_param="json", max_rows=max_rows or settings.max_rows)
    )
    if answer.status != 200:
        raise errors.ProtocolError(answer.status, answer.body.decode("utf-8", "replace").strip())
    return plain_rows(json.loads(answer.body))


def _iris(values) -> str:
    return " ".join(str(ox.NamedNode(v)) for v in sorted(set(values)))


# --- handlers ------------------------------------------------------------------------------


def _theme(request_theme: str):
    if not (request_theme or "").strip():
        raise errors.bad_request(
            "name a theme: /api/risks?theme=沟通 (any label in zh-Hans, zh-Hant or en; see /api/themes)"
        )
    return load_thesaurus().resolve(request_theme)


def _theme_json(theme) -> dict[str, Any]:
    return {"iri": theme.iri, "slug": theme.slug, "label": {k: theme.label(k) for k in ("en", "zh-Hans", "zh-Hant")}}


async def unknown_theme(request: Request, name: str, limit: int | None, offset: int) -> dict[str, Any]:
    """The answer for a theme name the thesaurus does not know: nearest themes and a text search for it."""
    thesaurus = load_thesaurus()
    found = suggest_themes(await search_index(request), name)
    hits = list(found.hits)
    page = hits[offset:] if limit is None else hits[offset : offset + limit]
    paging = {} if limit is None and offset == 0 else {"offset": offset, "limit": limit}
    words = "、".join(found.words)
    return {
        "theme": None,
        "query": name,
        "note": {
            "en": f"No theme is called {name!r}. These are the nearest themes, and the risks whose text "
            f"contains {words or name!r} (a text search, not a theme).",
            "zh-Hans": f"没有名为“{name}”的主题。下面是最接近的主题，"
            f"以及文本中含有“{words or name}”的风险（文本检索，不是主题）。",
        },
        "nearest": [{**_theme_json(thesaurus.themes[iri]), "why": why} for iri, why in found.nearest],
        "searched": list(found.words),
        "count": len(hits),
        **paging,
        "risks": [
            {
                "iri": h.document.iri,
                "element": {"id": h.document.hid},
                "text": h.document.texts,
                "themes": sorted(h.document.themes),
            }
            for h in page
        ],
    }


async def risks_by_theme(
    request: Request, theme_name: str, limit: int | None = None, offset: int = 0
) -> dict[str, Any]:
    """Risks about a theme (narrower themes included), each with texts, element, practices, themes, evidence.

    ``count`` is every such risk; ``risks`` holds them in element and position order, from
    ``offset`` and at most ``limit`` of them (all when None). Only that page's details are read.
    A name that is no theme answers :func:`unknown_theme` (``"theme": null``, nearest themes
    and a text search), not an error.
    """
    theme = _theme(theme_name)
    if theme is None:
        return await unknown_theme(request, theme_name, limit, offset)
    _, rows = await named_select(request, named_queries()["risks-by-theme"], {"topic": theme.iri})
    risks: dict[str, dict[str, Any]] = {}
    for row in rows:
        risk = risks.setdefault(
            row["risk"],
            {
                "iri": row["risk"],
                "position": row["position"],
                "text": {"zh-Hans": row["textHans"], "zh-Hant": row.get("textHant")},
                "element": {"id": row["hid"]},
                "matched": {},
            },
        )
        words = risk["matched"].setdefault(row["theme"], [])
        if row["evidence"] not in words:  # one row per place the word matched
            words.append(row["evidence"])
    items = sorted(risks.values(), key=lambda r: (_hid_key(r["element"]["id"]), r["position"]))
    page = items[offset:] if limit is None else items[offset : offset + limit]
    if page:
        await _risk_details(request, {r["iri"]: r for r in page})
    paging = {} if limit is None and offset == 0 else {"offset": offset, "limit": limit}
    return {
        "theme": {
            **_theme_json(theme),
            "narrower": [t for t in _closure(theme.iri) if t != theme.iri],
            "related": list(theme.related),
            "source": theme.source,
        },
        "count": len(items),
        **paging,
        "risks": page,
    }


def _closure(iri: str) -> list[str]:
    return load_thesaurus().narrower_closure(iri)


def _hid_key(hid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in str(hid).split(".") if p.isdigit())


async def _risk_details(request: Request, risks: dict[str, dict[str, Any]]) -> None:
    values = _iris(risks)
    _, names = await select(
        request,
        PREFIXES
        + f"""
SELECT DISTINCT ?risk ?element ?name WHERE {{
  VALUES ?risk {{ {values} }}
  ?element pg:hasRisk ?risk .
  OPTIONAL {{ ?element skos:prefLabel ?name }}
}}""",
    )
    for row in names:
        element = risks[row["risk"]]["element"]
        element["iri"] = row["element"]
    _, labels = await select(
        request,
        PREFIXES
        + f"""
SELECT DISTINCT ?risk ?lang ?name WHERE {{
  VALUES ?risk {{ {values} }}
  ?element pg:hasRisk ?risk ; skos:prefLabel ?name .
  BIND(lang(?name) AS ?lang)
}}""",
    )
    for row in labels:
        lang = canonical(row["lang"])
        risks[row["risk"]]["element"].setdefault("name", {})[lang] = row["name"]
    _, practices = await select(
        request,
        PREFIXES
        + f"""
SELECT DISTINCT ?risk ?practice ?position ?lang ?text WHERE {{
  VALUES ?risk {{ {values} }}
  ?practice pg:mitigates ?risk ; pg:position ?position ; pg:text ?text .
  BIND(lang(?text) AS ?lang)
}} ORDER BY ?risk ?position ?lang""",
    )
    by_practice: dict = {}
    for row in practices:
        lang = canonical(row["lang"])
        entry = by_practice.get((row["risk"], row["practice"]))
        if entry is None:
            entry = by_practice[(row["risk"], row["practice"])] = {
                "iri": row["practice"],
                "position": row["position"],
                "text": {},
            }
            risks[row["risk"]].setdefault("practices", []).append(entry)
        entry["text"][lang] = row["text"]
    _, tags = await select(
        request,
        PREFIXES
        + f"""
SELECT DISTINCT ?risk ?theme ?evidence WHERE {{
  VALUES ?risk {{ {values} }}
  ?risk dcterms:subject ?theme .
  ?tag rdf:subject ?risk ; rdf:object ?theme ; skos:note ?evidence .
}} ORDER BY ?risk ?theme ?evidence""",
    )
    for row in tags:
        risks[row["risk"]].setdefault("themes", {}).setdefault(row["theme"], []).append(row["evidence"])
    _, places = await select(
        request,
        PREFIXES
        + f"""
SELECT DISTINCT ?risk ?theme ?exact ?start ?end WHERE {{
  VALUES ?risk {{ {values} }}
  ?tag rdf:subject ?risk ; rdf:object ?theme ; oa:hasSelector ?at .
  ?at oa:exact ?exact ; oa:start ?start ; oa:end ?end .
}} ORDER BY ?risk ?theme ?start""",
    )
    at: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in places:
        at.setdefault((row["risk"], row["theme"]), []).append(
            {"word": row["exact"], "start": int(row["start"]), "end": int(row["end"])}
        )
    for iri, risk in risks.items():
        risk.setdefault("practices", [])
        risk["themes"] = [
            {"iri": k, "evidence": v, "at": at.get((iri, k), [])} for k, v in sorted(risk.get("themes", {}).items())
        ]
        risk["matched"] = [
            {"iri": k, "evidence": sorted(v), "at": at.get((iri, k), [])} for k, v in sorted(risk["matched"].items())
        ]


async def search_index(request: Request):
    """The search index (:class:`procgraph.search.SearchIndex`) of this app's store.

    Built from the search documents ``procgraph build`` saved with the store, or, without them
    (an updatable store, or one changed by ``procgraph load``, or a remote store), from the
    store itself through the backend. The index is kept for the snapshot it was built from
    (:func:`procgraph.server.backends.serving`: the read-only store's files, or with updates on
    the newest checkpoint) and built again, by the first request that needs it (others wait for
    it), once another is served; a remote store, which may change unseen, gets one per request.
    The web pages' search uses the same index.
    """
    state, settings = request.app.state, request.app.state.settings
    kept = getattr(state, "search_index", None)  # (snapshot, index)
    snapshot = serving(state)
    if snapshot is not None and kept is not None and kept[0] == snapshot:
        return kept[1]
    if getattr(state, "search_index_lock", None) is None:
        state.search_index_lock = asyncio.Lock()
    async with state.search_index_lock:
        kept, snapshot = getattr(state, "search_index", None), serving(state)
        if snapshot is not None and kept is not None and kept[0] == snapshot:
            return kept[1]
        served = getattr(state, "store_files", None)
        documents = None
        if settings.fixed_store:
            documents = await run_in_threadpool(saved_documents, Path(settings.store_path), served)
        if documents is None:
            # Internal queries of a known size: the row limit for clients' queries does not apply.
            _, texts = await select(request, DOCUMENT_TEXTS, max_rows=10**9)
            _, themes = await select(request, DOCUMENT_THEMES, max_rows=10**9)
            documents = documents_from_rows(texts, themes)
        index = await run_in_threadpool(SearchIndex, documents)  # OpenCC work: off the event loop
        if snapshot is not None:
            state.search_index = (snapshot, index)
    return index


async def search(request: Request, q: str, limit: int, kind: str | None, offset: int = 0) -> dict[str, Any]:
    """Hits for ``q``: ``count`` is every hit; ``results`` the page of at most ``limit`` from ``offset``."""
    if not q.strip():
        raise errors.bad_request("give a search text: /api/search?q=沟通")
    index = await search_index(request)
    kinds = [k.strip() for k in kind.split(",")] if kind else None
    every = index.search(q, limit=len(index.documents), kinds=kinds)
    limit, offset = max(1, min(limit, 200)), max(0, offset)
    hits = every[offset : offset + limit]

    return {
        "query": q,
        "words": query_words(q),
        "count": len(every),
        "offset": offset,
        "limit": limit,
        "next_offset": offset + limit if offset + limit < len(every) else None,
        "results": [
            {
                "iri": h.document.iri,
                "kind": h.document.kind,
                "element": h.document.hid,
                "path": _path(h.document.hid),
                "text": h.document.texts,
                "score": h.score,
                "matched": list(h.matched),
                "themes": list(h.themes),
            }
            for h in hits
        ],
    }


def _path(hid: str) -> list[str]:
    """The hierarchy ids from the category down to ``hid`` (8.1.1.1 -> 8.0, 8.1, 8.1.1, 8.1.1.1)."""
    parts = str(hid).split(".")
    path = [parts[0] + ".0"] if len(parts) > 1 or not hid.endswith(".0") else []
    path += [".".join(parts[:i]) for i in range(2, len(parts) + 1)]
    return path or [hid]


async def links(request: Request, element_id: str) -> dict[str, Any]:
    hid = await _hierarchy_id(request, element_id)
    _, rows = await select(request, bind(named_queries()["cross-category"], {"hid": hid}))
    names_only = any(r.get("fromDefinitions") in (False, "false") for r in rows)
    return {
        "element": hid,
        "count": len(rows),
        "basis": "names" if names_only else "names and definitions" if rows else None,
        "note": LINKS_NAMES_ONLY_NOTE if names_only else None,
        "links": [
            {
                "iri": r["target"],
                "id": r["targetId"],
                "name": r.get("targetName"),
                "score": r["score"],
                "kind": r["kind"].rsplit("#", 1)[-1] if r.get("kind") else None,
                "kind_label": r.get("kindLabel"),
                "group": {"id": r["groupId"], "name": r.get("groupName")} if r.get("groupId") else None,
                "evidence": sorted(r["evidence"].split(" | "), key=evidence_key) if r.get("evidence") else [],
            }
            for r in rows
        ],
    }


#: What ``/api/processes/{id}/links`` says when the links were computed without PCF definitions.
LINKS_NAMES_ONLY_NOTE = (
    "These links were computed from the PCF names only (the facts procgraph carries). "
    "Import APQC's workbook with `procgraph import-pcf FILE.xlsx` (or build with --pcf-workbook) "
    "and rebuild: the definitions give better links down to processes and activities."
)


async def _hierarchy_id(request: Request, element_id: str) -> str:
    """Hierarchy id of an element named by hierarchy id (8.1.1.1) or PCF ID (20610); 404 if unknown."""
    element_id = element_id.strip()
    if re.fullmatch(r"\d+", element_id):
        condition = f"?e pg:pcfId {int(element_id)} ."
    elif re.fullmatch(r"\d+(\.\d+)*", element_id):
        condition = f"?e pg:hierarchyId {term('string', element_id, 'id')} ."
    else:
        raise errors.bad_request(f"{element_id!r} is neither a hierarchy id (8.1.1.1) nor a PCF ID (20610)")
    _, rows = await select(request, PREFIXES + f"SELECT DISTINCT ?hid WHERE {{ {condition} ?e pg:hierarchyId ?hid }}")
    if not rows:
        raise errors.not_found(f"no element {element_id} in this store")
    return rows[0]["hid"]


def themes_listing() -> dict[str, Any]:
    thesaurus = load_thesaurus()
    return {
        "themes": [
            {
                "iri": t.iri,
                "slug": t.slug,
                "label": {k: t.label(k) for k in ("en", "zh-Hans", "zh-Hant")},
                "altLabel": {k: list(t.labels.get(f"altLabel@{k.lower()}", ())) for k in ("en", "zh-Hans", "zh-Hant")},
                "scopeNote": t.scope,
                "broader": list(t.broader),
                "narrower": list(t.narrower),
            }
            for t in thesaurus.themes.values()
        ]
    }


# --- saved answers -------------------------------------------------------------------------


async def saved_answer(request: Request, query: NamedQuery, text: str, values: dict[str, str]):
    """The answer ``procgraph build`` saved for ``text`` (see :mod:`procgraph.queries.prepared`), if it holds.

    None (run the query) for a remote or updatable store, a text that was not prepared, a store
    whose data changed since the build, or an answer over the row limit (so the limit's error
    is the same either way).
    """
    settings = request.app.state.settings
    if not settings.fixed_store or plan(query) is None:  # plan: nothing was prepared for this query
        return None
    served = getattr(request.app.state, "store_files", None)
    saved = await run_in_threadpool(lookup, Path(settings.store_path), query, text, values, served)
    if saved is None or saved.count > settings.max_rows:
        return None
    return saved


async def named_select(
    request: Request, query: NamedQuery, values: dict[str, str]
) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of a named query with ``values`` bound: the saved answer if there is one, else run it."""
    text = bind(query, values)
    saved = await saved_answer(request, query, text, values)
    if saved is not None:
        return saved.columns, saved.rows()
    return await select(request, text)


# --- the router ----------------------------------------------------------------------------


def _json(data: Any) -> JSONResponse:
    return JSONResponse(data)


def _text_route(query: NamedQuery):
    async def bound_text(request: Request) -> Response:
        values = resolve_values(query, dict(request.query_params.items()))
        return Response(bind(query, values), media_type="application/sparql-query; charset=utf-8")

    bound_text.__name__ = "text_" + re.sub(r"\W", "_", query.name)
    return bound_text


def _query_route(query: NamedQuery):
    async def run_named_query(request: Request) -> Response:
        values = resolve_values(query, dict(request.query_params.items()))
        text = bind(query, values)
        envelope = {
            "query": query.name,
            "title": query.header.get("title"),
            "parameters": {p.name: values.get(p.name, p.default) for p in query.parameters},
        }
        saved = await saved_answer(request, query, text, values)
        if saved is not None:
            # The saved rows are already JSON as JSONResponse writes it: splice them in unparsed.
            head = JSONResponse(None).render({**envelope, "columns": saved.columns, "count": saved.count})
            body = head[:-1] + b',"rows":' + saved.rows_json.encode("utf-8") + b"}"
            return Response(body, media_type="application/json")
        variables, rows = await select(request, text)
        return _json({**envelope, "columns": variables, "count": len(rows), "rows": rows})

    run_named_query.__name__ = "query_" + re.sub(r"\W", "_", query.name)
    return run_named_query


def _openapi_parameters(query: NamedQuery) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "in": "query",
            "required": False,
            "description": f"{p.kind} (default {p.default}); {query.header.get('parameters', '')}",
            "schema": {"type": p.kind if p.kind in ("integer", "boolean") else "string", "default": p.default},
        }
        for p in query.parameters
    ]


def build_router() -> APIRouter:
    """The router for ``/api/...`` (include it in the app; it needs ``app.state.backend``)."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/queries", summary="List the named queries")
    async def list_queries() -> JSONResponse:
        return _json({"queries": [q.describe() for q in named_queries().values()]})

    for query in named_queries().values():
        router.add_api_route(
            f"/queries/{query.name}",
            _query_route(query),
            methods=["GET"],
            summary=query.header.get("title", query.name),
            description=f"{query.header.get('description', '')}\n\n"
            f"{query.header.get('title-zh', '')}\n\n"
            f"Example: {query.header.get('example', '')}",
            openapi_extra={"parameters": _openapi_parameters(query)},
        )

        router.add_api_route(
            f"/queries/{query.name}/text",
            _text_route(query),
            methods=["GET"],
            summary=f"The text of {query.name} with the given parameters bound",
            openapi_extra={"parameters": _openapi_parameters(query)},
        )

    @router.get("/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> JSONResponse:
        raise errors.not_found(f"no named query {name!r}; see /api/queries for the list")

    @router.get("/risks", summary="Risks about a theme (by IRI or any label: 沟通, 溝通, communication)")
    async def risks(
        request: Request,
        theme: str,
        limit: int | None = Query(None, ge=1, description="at most this many risks (default: all)"),
        offset: int = Query(0, ge=0, description="skip this many risks first"),
    ) -> JSONResponse:
        return _json(await risks_by_theme(request, theme, limit, offset))

    @router.get("/search", summary="Search labels and texts in zh-Hans, zh-Hant and en")
    async def search_route(
        request: Request,
        q: str = "",
        limit: int = 20,
        kind: str | None = None,
        offset: int = Query(0, ge=0, description="skip this many hits first"),
    ) -> JSONResponse:
        return _json(await search(request, q, limit, kind, offset))

    @router.get("/processes/{element_id}/links", summary="Related PCF elements in other categories")
    async def links_route(request: Request, element_id: str) -> JSONResponse:
        return _json(await links(request, element_id))

    @router.get("/themes", summary="The theme thesaurus")
    async def themes_route() -> JSONResponse:
        return _json(themes_listing())

    @router.get("/openapi.json", include_in_schema=False)
    async def openapi() -> JSONResponse:
        return _json(
            get_openapi(
                title="procgraph API",
                version=__version__,
                routes=router.routes,
                description="Named queries, risks by theme, search and cross-category links.",
            )
        )

    return router
