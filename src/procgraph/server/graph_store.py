"""The SPARQL 1.1 Graph Store HTTP Protocol on ``/graph-store``.

Indirect identification: ``?graph=IRI`` names a graph, ``?default`` the default graph. A POST
with neither names the graph store itself and creates a new graph (201 Created, its IRI in
``Location``: ``/graph-store/<id>`` on this server, §5.5). Those IRIs are also served by direct
identification (``/graph-store/<id>`` is the graph whose IRI is that URL). GET and HEAD read
(allowed on a read-only endpoint); PUT, POST and DELETE write and need updates switched on and
the token.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from procgraph.server import errors
from procgraph.server.execute import GraphRequest
from procgraph.server.http import answer, check_update_allowed, own_url, read_body, single, to_response

#: The graph store itself (a POST there creates a graph), as opposed to one graph in it.
STORE = object()


def _target(request: Request):
    """The graph a request names: an IRI, None (the default graph) or :data:`STORE`."""
    if request.url.path != "/graph-store":  # direct identification: the URL is the graph's IRI
        return own_url(request, request.url.path)
    fields = list(request.query_params.multi_items())
    graph = single(fields, "graph")
    default = single(fields, "default")
    if graph is not None and default is not None:
        raise errors.bad_request("name one graph: ?graph=IRI or ?default, not both")
    if graph is None and default is None:
        if request.method == "POST":
            return STORE
        raise errors.bad_request("name a graph: ?graph=IRI or ?default (only POST may name the graph store)")
    if graph is not None and ":" not in graph:
        raise errors.bad_request(f"graph={graph!r} is not an absolute IRI")
    return graph


def build_router() -> APIRouter:
    """The router for ``/graph-store`` and ``/graph-store/<id>``."""
    router = APIRouter()

    async def read_graph(request: Request) -> Response:
        settings = request.app.state.settings
        payload = GraphRequest(
            method=request.method,
            graph=_target(request),
            accept=request.headers.get("accept"),
            format_param=request.query_params.get("format"),
            max_rows=settings.max_rows,
        )
        return await answer(request.app.state.backend, "graph", payload)

    async def write_graph(request: Request) -> Response:
        settings = request.app.state.settings
        check_update_allowed(request, settings.enable_update, settings.update_token)
        graph = _target(request)
        created = graph is STORE
        if created:
            graph = own_url(request, f"/graph-store/{uuid.uuid4().hex}")
        body = b"" if request.method == "DELETE" else await read_body(request, settings.max_graph_body_bytes)
        payload = GraphRequest(
            method=request.method,
            graph=graph,
            body=body,
            media_type=request.headers.get("content-type"),
            base_iri=graph,
        )
        result = await request.app.state.backend.call("graph", payload)
        if created and result.status in (201, 204):
            return Response(status_code=201, headers={"Location": graph})
        return to_response(result)

    async def other(request: Request) -> Response:
        raise errors.method_not_allowed(
            "the graph store takes GET, HEAD, PUT, POST and DELETE", "GET, HEAD, PUT, POST, DELETE"
        )

    for path in ("/graph-store", "/graph-store/{graph_id:path}"):
        router.add_api_route(path, read_graph, methods=["GET", "HEAD"])
        router.add_api_route(path, write_graph, methods=["PUT", "POST", "DELETE"])
        router.add_api_route(path, other, methods=["PATCH"], include_in_schema=False)
    return router
