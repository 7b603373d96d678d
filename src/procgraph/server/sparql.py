"""The SPARQL 1.1 Protocol: ``/sparql`` (query) and ``/sparql/update``.

Query: GET ``?query=``, POST form-encoded, POST ``application/sparql-query``, with
``default-graph-uri`` / ``named-graph-uri``. Update: POST form-encoded or
``application/sparql-update`` with ``using-graph-uri`` / ``using-named-graph-uri``, to
``/sparql/update`` (or to ``/sparql``, as many clients expect). GET ``/sparql`` without a
query gives the query page to a browser and the service description to everything else.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request, Response

from procgraph.queries.results import GRAPH_FORMATS, Format
from procgraph.server import description, errors, negotiation, page
from procgraph.server.execute import QueryRequest, UpdateRequest
from procgraph.server.http import (
    answer,
    check_update_allowed,
    decode_utf8,
    every,
    media_type,
    own_url,
    parse_form,
    read_body,
    single,
)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_HTML = Format("html", "text/html", ("application/xhtml+xml",))


_QUERY_DATASET = ("default-graph-uri", "named-graph-uri")
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")


def _base_iri(request: Request) -> str:
    """Relative IRIs in a query or update resolve against the endpoint's own URL (as Fuseki does),
    built from the address the server is bound to, never from the client's Host header."""
    return own_url(request, request.url.path)


def _dataset_fields(request: Request, fields: list[tuple[str, str]], names: tuple[str, ...]) -> list[tuple[str, str]]:
    """``fields`` of a form body plus the dataset parameters of the URL.

    A form-encoded POST may carry ``default-graph-uri`` (or ``using-graph-uri``...) in its URL;
    they are honoured, and 400 answers a request whose URL and body both set a dataset that
    differs (which one to use?). Nothing is dropped silently.
    """
    in_url = [(k, v) for k, v in request.query_params.multi_items() if k in names]
    in_body = [(k, v) for k, v in fields if k in names]
    if in_url and in_body and sorted(in_url) != sorted(in_body):
        raise errors.bad_request(
            f"the URL and the form body both set the dataset ({', '.join(names)}) "
            "and they differ; send these parameters in one place"
        )
    return fields if in_body else fields + in_url


def _query_request(request: Request, query: str, fields: list[tuple[str, str]]) -> QueryRequest:
    settings = request.app.state.settings
    default_graphs, named_graphs = every(fields, "default-graph-uri"), every(fields, "named-graph-uri")
    has_dataset = bool(default_graphs or named_graphs)
    return QueryRequest(
        query=query,
        default_graphs=default_graphs if has_dataset else None,
        named_graphs=named_graphs if has_dataset else None,
        accept=request.headers.get("accept"),
        format_param=single(fields, "format") or single(fields, "output"),
        max_rows=settings.max_rows,
        base_iri=_base_iri(request),
        union_default_graph=settings.union_default_graph,
    )


async def _run_update(request: Request, update: str, fields: list[tuple[str, str]]) -> Response:
    settings = request.app.state.settings
    check_update_allowed(request, settings.enable_update, settings.update_token)
    payload = UpdateRequest(
        update=update,
        using=every(fields, "using-graph-uri"),
        using_named=every(fields, "using-named-graph-uri"),
        base_iri=_base_iri(request),
        union_default_graph=settings.union_default_graph,
    )
    return await answer(request.app.state.backend, "update", payload)


async def _landing(request: Request) -> Response:
    """GET /sparql with no query: the page for browsers, the service description for the rest."""
    chosen = negotiation.choose_from(GRAPH_FORMATS + (_HTML,), request.headers.get("accept"))
    if chosen is _HTML:
        return await page.query_page(request)
    return description.service_description(request, chosen)


def _refuse_twice(url_fields: list[tuple[str, str]], body_fields: list[tuple[str, str]]) -> None:
    """400 when the URL carries a query or update and the body carries one too (which to run?)."""
    in_body = {k for k, _ in body_fields} & {"query", "update"}
    in_url = {k for k, _ in url_fields} & {"query", "update"}
    if in_body and in_url:
        raise errors.bad_request(
            f"the request has '{sorted(in_url)[0]}' in the URL and '{sorted(in_body)[0]}' in the body; send one of them"
        )


async def query_get(request: Request) -> Response:
    """GET /sparql: a query in the URL, or (without one) the landing page or service description."""
    fields = list(request.query_params.multi_items())
    if single(fields, "update") is not None:
        raise errors.bad_request("an update must be sent with POST (to /sparql/update), never with GET")
    query = single(fields, "query")
    if query is None:
        return await _landing(request)
    return await answer(request.app.state.backend, "query", _query_request(request, query, fields))


async def query_post(request: Request) -> Response:
    """POST /sparql: a query (form or ``application/sparql-query``) or an update, as clients send them."""
    settings = request.app.state.settings
    kind, params = media_type(request)
    body = await read_body(request, settings.max_body_bytes)
    url_fields = list(request.query_params.multi_items())
    if kind == FORM:
        fields = parse_form(body, params)
        _refuse_twice(url_fields, fields)
        query, update = single(fields, "query"), single(fields, "update")
        if query is not None and update is not None:
            raise errors.bad_request("the form has both 'query' and 'update'; send one")
        if update is not None:
            return await _run_update(request, update, _dataset_fields(request, fields, _UPDATE_DATASET))
        if query is None:
            raise errors.bad_request("the form has no 'query' parameter")
        return await answer(
            request.app.state.backend,
            "query",
            _query_request(request, query, _dataset_fields(request, fields, _QUERY_DATASET)),
        )
    if kind in (SPARQL_QUERY, SPARQL_UPDATE):
        _refuse_twice(url_fields, [("query" if kind == SPARQL_QUERY else "update", "")])
    if kind == SPARQL_QUERY:
        query = decode_utf8(body, params, "query")
        return await answer(request.app.state.backend, "query", _query_request(request, query, url_fields))
    if kind == SPARQL_UPDATE:
        return await _run_update(request, decode_utf8(body, params, "update"), url_fields)
    raise errors.unsupported_media_type(
        f"POST /sparql takes {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}, not {kind or 'a body without Content-Type'}"
    )


class ProtocolPath:
    """ASGI middleware that serves GET and POST on ``/sparql`` without the web framework's routing.

    A fresh query is the endpoint's hot path, and the router, dependency solving and exception
    layers a FastAPI route passes through cost more than the engine spends on a lookup. This
    runs the same handlers as the routes (:func:`query_get`, :func:`query_post`), so the answers,
    limits and messages are the same; a :class:`~procgraph.server.errors.ProtocolError` becomes
    the same plain-text answer the app's error handler gives (``error_response``). Everything
    else (other paths and methods) goes on to the app.
    """

    def __init__(self, app, error_response: Callable[[errors.ProtocolError], Response]):
        self.app = app
        self.error_response = error_response

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/sparql" or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await (query_get(request) if scope["method"] == "GET" else query_post(request))
        except errors.ProtocolError as exc:
            response = self.error_response(exc)
        await response(scope, receive, send)


def build_router() -> APIRouter:
    """The router for ``/sparql`` and ``/sparql/update`` (GET and POST on ``/sparql`` are also
    served ahead of routing, by :class:`ProtocolPath`)."""
    router = APIRouter()
    router.add_api_route("/sparql", query_get, methods=["GET"])
    router.add_api_route("/sparql", query_post, methods=["POST"])

    @router.post("/sparql/update")
    async def update_post(request: Request) -> Response:
        settings = request.app.state.settings
        check_update_allowed(request, settings.enable_update, settings.update_token)
        kind, params = media_type(request)
        body = await read_body(request, settings.max_body_bytes)
        if kind == FORM:
            fields = parse_form(body, params)
            update = single(fields, "update")
            if update is None:
                raise errors.bad_request("the form has no 'update' parameter")
            return await _run_update(request, update, _dataset_fields(request, fields, _UPDATE_DATASET))
        if kind == SPARQL_UPDATE:
            fields = list(request.query_params.multi_items())
            return await _run_update(request, decode_utf8(body, params, "update"), fields)
        raise errors.unsupported_media_type(
            f"POST /sparql/update takes {FORM} or {SPARQL_UPDATE}, not {kind or 'a body without Content-Type'}"
        )

    @router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def sparql_other(request: Request) -> Response:
        raise errors.method_not_allowed(
            f"{request.method} is not part of the SPARQL protocol; use GET or POST", "GET, POST"
        )

    @router.api_route("/sparql/update", methods=["GET", "PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def update_other(request: Request) -> Response:
        raise errors.method_not_allowed("updates are sent with POST", "POST")

    return router
