"""Element and item IRIs that resolve on this server, with content negotiation.

``/pcf/{key}`` (``key`` a PCF ID such as 20610, or ``h-…`` for an element without one) and
``/std/{standard}/{key}/{kind}/{n}`` answer a browser with the element's or item's page and
a client with its RDF: ``Accept: text/turtle`` or ``application/ld+json``. ``?format=ttl``,
``jsonld`` or (elements) ``csv`` / ``xlsx`` gives the same as a download with a file name.
An element's CSV and XLSX are its risk-control matrix, exactly what ``procgraph export -f
rcm-csv|rcm-xlsx --element`` writes; ``&descendants=true`` adds every element below it, as
``--with-descendants`` does.
``/pcf/8.1.2.1`` (a hierarchy id) redirects to the element's IRI path.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from procgraph.export import notice_text, rcm_csv, rcm_xlsx
from procgraph.graph.iris import BASE, ITEM_KINDS
from procgraph.queries.results import Format
from procgraph.server import negotiation
from procgraph.server.errors import bad_request, not_acceptable
from procgraph.server.pages import catalog as cat
from procgraph.server.pages import matrix as mx
from procgraph.server.pages import provenance, rdf, semantic
from procgraph.server.pages.render import error_page, friendly, page

HTML = Format("html", "text/html", ("application/xhtml+xml",), "html")
TURTLE = Format("ttl", "text/turtle", ("application/x-turtle",), "ttl", ("turtle",))
JSONLD = Format("jsonld", "application/ld+json", (), "jsonld", ("json-ld", "json"))
CSV = Format("csv", "text/csv", (), "csv", ("rcm", "rcm-csv"))
XLSX = Format(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (), "xlsx", ("rcm-xlsx", "excel")
)
ELEMENT_FORMATS = (HTML, TURTLE, JSONLD, CSV, XLSX)
ITEM_FORMATS = (HTML, TURTLE, JSONLD)


def _chosen(request: Request, formats) -> tuple[Format, bool]:
    """The format to answer with, and whether it was asked as a download (``?format=``)."""
    asked = request.query_params.get("format")
    if asked is not None and not any(
        asked.strip().lower() in (f.name, f.media_type, f.extension) + f.names for f in formats
    ):
        raise not_acceptable(
            f"this page has no format {asked!r}; it offers " + ", ".join(f"?format={f.name}" for f in formats)
        )
    fmt = negotiation.choose_from(formats, request.headers.get("accept"), asked)
    return fmt, bool(asked) and fmt is not HTML


def _flag(request: Request, name: str) -> bool:
    """A true/false query parameter (absent is false); anything else is a 400 naming it."""
    value = (request.query_params.get(name) or "false").strip().lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise bad_request(f"parameter {name}: {value!r} is not true or false")
    return value in ("true", "1", "yes")


def _file_response(body: bytes, fmt: Format, stem: str, download: bool) -> Response:
    media = fmt.media_type + ("; charset=utf-8" if fmt not in (JSONLD, XLSX) else "")
    headers = {"Vary": "Accept"}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt.extension}"'
    return Response(body, media_type=media, headers=headers)


async def _rdf_answer(request: Request, subjects: list[str], fmt, stem: str, download: bool) -> Response:
    triples = await rdf.describe(request, subjects)
    body = rdf.turtle(triples) if fmt is TURTLE else rdf.jsonld(triples)
    return _file_response(body, fmt, stem, download)


def _element_stem(entry: cat.Entry) -> str:
    return f"pcf-{entry.key}-{entry.hierarchy_id}"


async def element(request: Request, key: str) -> Response:
    """An element's page, RDF or matrix CSV."""
    catalog = await cat.catalog(request)
    if "." in key:
        found = catalog.by_hierarchy_id(key)
        if found:
            return RedirectResponse(found.path + ("?" + request.url.query if request.url.query else ""), 303)
    entry = catalog.by_key(key)
    if entry is None:
        return error_page(request, 404, "error.no_element", key=key)
    fmt, download = _chosen(request, ELEMENT_FORMATS)
    descendants = _flag(request, "descendants")
    matrix = await mx.read_matrix(request, entry)
    if fmt in (CSV, XLSX):
        header, rows = await mx.table(request, entry, matrix, descendants)
        body = rcm_csv(header, rows) if fmt is CSV else rcm_xlsx(header, rows)
        stem = "rcm-" + _element_stem(entry) + ("-with-descendants" if descendants else "")
        response = _file_response(body, fmt, stem, download)
        response.headers["Vary"] = "Accept, Accept-Language, Cookie"  # 繁體（台灣） adds zh-Hant-TW columns
        if fmt is CSV:  # the CSV cannot carry APQC's notice inside; it is linked (the XLSX has a Notice sheet)
            response.headers["Link"] = '</notice>; rel="license"'
        return response
    if fmt is not HTML:
        return await _rdf_answer(
            request, [entry.iri] + [i.iri for i in matrix.items], fmt, _element_stem(entry), download
        )
    return page(
        request,
        "element.html",
        entry=entry,
        catalog=catalog,
        matrix=matrix,
        **await _element_extras(request, entry, catalog, matrix),
    )


async def _element_extras(request: Request, entry: cat.Entry, catalog: cat.Catalog, matrix: mx.Matrix) -> dict:
    """Themes, links, source excerpts and the organisation's controls for the element page."""
    tags = await semantic.read_tags(request, entry.iri)
    themes = await semantic.read_themes(request) if tags else {}
    items = matrix.by_iri
    kinds = {kind: n for n, kind in enumerate(ITEM_KINDS)}

    def order(target: str) -> tuple:
        item = items.get(target)
        return (kinds[item.kind] + 1, item.n) if item else (0, 0)

    links = [(link, catalog.entries.get(link.target)) for link in await semantic.read_links(request, entry.iri)]
    sources = await provenance.source_texts(request)
    return {
        "tags": tags,
        "themes": themes,
        "theme_rows": semantic.by_theme(tags, order),
        "links": links,
        "sources": sources,
        "excerpt": lambda span: provenance.excerpt(sources, span),
        "controls": await mx.read_controls(request, entry),
    }


async def item(request: Request, standard: str, key: str, kind: str, n: int) -> Response:
    """A practice's, risk's or output's page or RDF."""
    iri = f"{BASE}std/{standard}/{key}/{kind}/{n}"
    catalog = await cat.catalog(request)
    entry = catalog.by_key(key)
    if kind not in ITEM_KINDS or entry is None:
        return error_page(request, 404, "error.no_item", key=request.url.path)
    matrix = await mx.read_matrix(request, entry)
    found = next((i for i in matrix.items if i.iri == iri), None)
    if found is None:
        return error_page(request, 404, "error.no_item", key=request.url.path)
    fmt, download = _chosen(request, ITEM_FORMATS)
    if fmt is not HTML:
        return await _rdf_answer(request, [iri], fmt, f"{standard}-{key}-{kind}-{n}", download)
    row = next((r for r in matrix.rows if found in ([r.practice] + r.risks + r.outputs)), None)
    extras = await _element_extras(request, entry, catalog, matrix)
    repairs = await provenance.repairs_in(request, found.span)
    cleaned = provenance.cleaned_excerpt(extras["sources"], found.span, repairs)
    return page(
        request,
        "item.html",
        entry=entry,
        catalog=catalog,
        item=found,
        row=row,
        crumb_self=True,
        cleaned=cleaned,
        repairs=repairs,
        raw=provenance.excerpt(extras["sources"], found.span),
        **extras,
    )


async def notice(request: Request) -> Response:
    """APQC's licence notice, which travels with every export (linked from CSV downloads)."""
    return Response(notice_text(), media_type="text/plain; charset=utf-8")


async def go(request: Request) -> Response:
    """``/go?id=8.1.2.1`` or ``/go?id=20614``: redirect to the element's page."""
    wanted = (request.query_params.get("id") or "").strip()
    catalog = await cat.catalog(request)
    entry = catalog.by_hierarchy_id(wanted) or catalog.by_key(wanted)
    if entry is None:
        return error_page(request, 404, "error.no_element", key=wanted)
    return RedirectResponse(entry.path, 303)


def build_router() -> APIRouter:
    router = APIRouter()
    router.add_api_route("/go", friendly(go), methods=["GET"], include_in_schema=False)
    router.add_api_route("/notice", notice, methods=["GET"], include_in_schema=False)
    router.add_api_route("/pcf/{key}", friendly(element), methods=["GET"], include_in_schema=False)
    router.add_api_route("/std/{standard}/{key}/{kind}/{n}", friendly(item), methods=["GET"], include_in_schema=False)
    return router
