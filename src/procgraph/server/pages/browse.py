"""The pages for finding things: home, process tree, themes, search.

Each handler reads what it needs (mostly the :class:`~procgraph.server.pages.catalog.Catalog`)
and renders one template; none of them writes anything.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from procgraph.export import table_csv
from procgraph.graph.themes import load_thesaurus
from procgraph.pcf import hierarchy_key
from procgraph.search import suggest_themes
from procgraph.server.api import search_index
from procgraph.server.errors import bad_request, not_acceptable
from procgraph.server.pages import catalog as cat
from procgraph.server.pages import semantic
from procgraph.server.pages.charts import bar_chart
from procgraph.server.pages.completeness import coverage_rows, report_figures, saved_report
from procgraph.server.pages.data import lang_of, select
from procgraph.server.pages.i18n import pick
from procgraph.server.pages.render import error_page, friendly, page, request_lang

STANDARDS = """
SELECT DISTINCT ?std ?title ?version ?fwlabel WHERE {
  ?std a pg:Standard ; dcterms:title ?title .
  OPTIONAL { ?std pg:basedOn ?fw .
             OPTIONAL { ?fw dcterms:hasVersion ?version } OPTIONAL { ?fw skos:prefLabel ?fwlabel } }
}"""
#: Most hits a search page shows.
SEARCH_LIMIT = 100
#: Most hits counted per kind for the filter links.
SEARCH_ALL = 5000
SEARCH_KINDS = ("element", "practice", "risk", "output")


async def _standards(request: Request) -> list[dict]:
    out: dict[str, dict] = {}
    for row in await select(request, STANDARDS):
        std = out.setdefault(
            row["std"].value, {"iri": row["std"].value, "titles": {}, "version": None, "framework": None}
        )
        std["titles"][lang_of(row["title"]) or "zh-Hant"] = row["title"].value
        if "version" in row:
            std["version"] = row["version"].value
        if "fwlabel" in row:
            std["framework"] = row["fwlabel"].value
    return [out[k] for k in sorted(out)]


def _figures(request: Request):
    return report_figures(request)


async def home(request: Request) -> Response:
    """What is loaded, the search box and where to start."""
    catalog = await cat.catalog(request)
    covered = [e for e in catalog.entries.values() if e.covered]
    totals = {kind: sum(e.counts[kind] for e in covered) for kind in cat.KINDS}
    by_category, by_part = coverage_rows(saved_report(request), catalog)
    return page(
        request,
        "home.html",
        catalog=catalog,
        standards=await _standards(request),
        covered=covered,
        totals=totals,
        categories=catalog.covered_categories(),
        by_category=by_category,
        by_part=by_part,
        figures=_figures(request)[0],
        in_scope=sum(len(catalog.subtree(root)) for root in catalog.covered_categories()),
    )


async def tree(request: Request) -> Response:
    """The hierarchy below one element (default: the first category the standard covers)."""
    catalog = await cat.catalog(request)
    wanted = request.query_params.get("root")
    roots = catalog.covered_categories() or catalog.roots
    root = catalog.by_hierarchy_id(wanted) if wanted else (roots[0] if roots else None)
    if root is None:
        return error_page(request, 404, "error.no_element", key=wanted or "")
    nodes = catalog.subtree(root)
    fig, scores = _figures(request)
    return page(
        request,
        "tree.html",
        catalog=catalog,
        root=root,
        nodes=nodes,
        covered=sum(e.covered for e in nodes),
        categories=catalog.roots,
        figures=fig,
        report_scores=scores,
    )


async def themes(request: Request) -> Response:
    """Every theme with the number of distinct risks it and its narrower themes tag (as its page lists them)."""
    all_themes = await semantic.read_themes(request)
    counts = await semantic.risk_counts(request)
    tops = sorted((t for t in all_themes.values() if not (t.broader & all_themes.keys())), key=lambda t: t.iri)
    return page(request, "themes.html", tops=tops, direct=counts)


async def theme(request: Request, slug: str) -> Response:
    """One theme's risks, with charts of how many fall in each process group and each process."""
    all_themes = await semantic.read_themes(request)
    chosen = next((t for t in all_themes.values() if t.slug == slug), None)
    if chosen is None:
        known = load_thesaurus().resolve(slug)  # /themes/沟通 or /themes/communication-channels by label
        chosen = all_themes.get(known.iri) if known else None
    if chosen is None:
        return await unknown_theme(request, slug, all_themes)
    catalog = await cat.catalog(request)
    risks = await semantic.risks_of(request, semantic.closure(chosen))
    entries = {r.iri: catalog.entries.get(r.element) for r in risks}
    risks.sort(key=lambda r: (_hid_key(entries[r.iri]), r.n))
    lang = request_lang(request)
    placed = [entries[r.iri] for r in risks if entries[r.iri]]
    charts = {level: _chart(catalog, placed, level, lang) for level in (2, 3)}
    return page(request, "theme.html", theme=chosen, themes=all_themes, risks=risks, entries=entries, charts=charts)


async def unknown_theme(request: Request, name: str, all_themes: dict) -> Response:
    """A name that is no theme: the nearest themes and the risks whose text contains it (status 404)."""
    found = await run_in_threadpool(suggest_themes, await search_index(request), name)
    catalog = await cat.catalog(request)
    by_hid = {e.hierarchy_id: e for e in catalog.entries.values()}
    response = page(request, "theme-unknown.html", name=name, found=found, themes=all_themes, by_hid=by_hid)
    response.status_code = 404
    return response


def _chart(catalog: cat.Catalog, elements: list, level: int, lang: str):
    """Bars of how many of ``elements`` fall under each ancestor at ``level`` (higher ones count as themselves)."""
    counts = Counter(_ancestor_at(catalog, e, level).iri for e in elements)
    bars = sorted((catalog.entries[iri] for iri in counts), key=_hid_key)
    return bar_chart([(_group_label(e, lang), counts[e.iri], e.path) for e in bars])


def _hid_key(entry) -> tuple:
    return hierarchy_key(entry.hierarchy_id) if entry else (999,)


def _ancestor_at(catalog: cat.Catalog, entry, level: int):
    """The element's ancestor at ``level`` (2: process group, 3: process), or the element itself above that."""
    if entry.level <= level:
        return entry
    return next((a for a in catalog.ancestors(entry) if a.level == level), entry)


def _group_label(entry, lang: str) -> str:
    if entry is None:
        return "?"
    name, _ = pick(entry.names, lang)
    return f"{entry.hierarchy_id} {name or ''}".strip()


SEARCH_COLUMNS = [
    "Rank",
    "Kind",
    "Element ID",
    "PCF ID",
    "Element (zh-Hans)",
    "Element (en)",
    "Text (zh-Hans)",
    "Text (zh-Hant)",
    "Text (en)",
    "IRI",
    "Matched",
    "Themes",
]


def _page_number(request: Request) -> int:
    raw = (request.query_params.get("page") or "1").strip()
    if not raw.isdigit() or int(raw) < 1:
        raise bad_request(f"parameter page: {raw!r} is not a page number (1, 2, ...)")
    return int(raw)


def _search_csv(hits, by_hid, themes) -> bytes:
    rows = []
    for rank, hit in enumerate(hits, start=1):
        doc, e = hit.document, by_hid.get(hit.document.hid)
        theme_names = [(themes[t].labels.get("en") or t) if themes.get(t) else t for t in hit.themes]
        rows.append(
            [
                rank,
                doc.kind,
                doc.hid,
                e.pcf_id if e and e.pcf_id is not None else "",
                e.names.get("zh-Hans", "") if e else "",
                e.names.get("en", "") if e else "",
                doc.texts.get("zh-Hans", ""),
                doc.texts.get("zh-Hant", ""),
                doc.texts.get("en", ""),
                doc.iri,
                "; ".join(hit.matched),
                "; ".join(theme_names),
            ]
        )
    return table_csv(SEARCH_COLUMNS, rows)


async def search(request: Request) -> Response:
    """Search results for ``q``, optionally of one ``kind``, a page of :data:`SEARCH_LIMIT` at a
    time (``page``), with the number of hits of each kind; ``format=csv`` gives every hit."""
    asked = (request.query_params.get("format") or "html").strip().lower()
    if asked not in ("html", "csv"):
        raise not_acceptable(
            f"this page has no format {asked!r}; it offers ?format=html and ?format=csv "
            "(for programs: /api/search?q=...)"
        )
    query = (request.query_params.get("q") or "").strip()
    kind = request.query_params.get("kind") if request.query_params.get("kind") in SEARCH_KINDS else None
    number = _page_number(request)
    catalog = await cat.catalog(request)
    every, themes = [], {}
    counts: Counter[str] = Counter()
    if query:
        index = await search_index(request)  # the index /api/search uses
        every = await run_in_threadpool(index.search, query, SEARCH_ALL)
        counts = Counter(h.document.kind for h in every)
    matching = [h for h in every if kind is None or h.document.kind == kind]
    by_hid = {e.hierarchy_id: e for e in catalog.entries.values()}
    if asked == "csv":
        themes = await semantic.read_themes(request) if any(h.themes for h in matching) else {}
        name = "search-" + "".join(ch if ch.isalnum() else "-" for ch in query)[:40] + (f"-{kind}" if kind else "")
        return Response(
            _search_csv(matching, by_hid, themes),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.csv"},
        )
    pages = max(1, -(-len(matching) // SEARCH_LIMIT))
    number = min(number, pages)
    first = (number - 1) * SEARCH_LIMIT
    hits = matching[first : first + SEARCH_LIMIT]
    themes = await semantic.read_themes(request) if any(h.themes for h in hits) else {}
    return page(
        request,
        "search.html",
        query=query,
        kind=kind,
        kinds=SEARCH_KINDS,
        counts=counts,
        total=sum(counts.values()),
        hits=hits,
        matching=len(matching),
        first=first,
        number=number,
        pages=pages,
        by_hid=by_hid,
        themes=themes,
    )


def build_router() -> APIRouter:
    router = APIRouter()
    export = "procgraph export, /sparql or /api/queries"
    router.add_api_route("/", friendly(home, data=export), methods=["GET"], include_in_schema=False)
    router.add_api_route("/tree", friendly(tree, data=export), methods=["GET"], include_in_schema=False)
    router.add_api_route("/themes", friendly(themes, data="/api/themes"), methods=["GET"], include_in_schema=False)
    router.add_api_route(
        "/themes/{slug}", friendly(theme, data="/api/risks?theme=..."), methods=["GET"], include_in_schema=False
    )
    router.add_api_route("/search", friendly(search), methods=["GET"], include_in_schema=False)
    return router
