"""The SPARQL 1.1 Graph Store HTTP Protocol on ``/graph-store`` (indirect graph identification).

``?graph=IRI`` names a graph, ``?default`` the default graph. GET and HEAD read (allowed on a
read-only endpoint); PUT, POST and DELETE write and need updates switched on and the token.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from procgraph.server import errors
from procgraph.server.execute import GraphRequest
from procgraph.server.http import answer, check_update_allowed, read_body, single


def _target(request: Request) -> str | None:
    fields = list(request.query_params.multi_items())
    graph = single(fields, "graph")
    default = single(fields, "default")
    if (graph is None) == (default is None):
        raise errors.bad_request("name exactly one graph: ?graph=IRI or ?default")
    if graph is not None and ":" not in graph:
        raise errors.bad_request(f"graph={graph!r} is not an absolute IRI")
    return graph


def build_router() -> APIRouter:
    """The router for ``/graph-store``."""
    router = APIRouter()

    @router.api_route("/graph-store", methods=["GET", "HEAD"])
    async def read_graph(request: Request) -> Response:
        settings = request.app.state.settings
        payload = GraphRequest(method=request.method, graph=_target(request), accept=request.headers.get("accept"),
                               format_param=request.query_params.get("format"), max_rows=settings.max_rows)
        return await answer(request.app.state.backend, "graph", payload)

    @router.api_route("/graph-store", methods=["PUT", "POST", "DELETE"])
    async def write_graph(request: Request) -> Response:
        settings = request.app.state.settings
        check_update_allowed(request, settings.enable_update, settings.update_token)
        graph = _target(request)
        body = b"" if request.method == "DELETE" else await read_body(request, settings.max_graph_body_bytes)
        payload = GraphRequest(method=request.method, graph=graph, body=body,
                               media_type=request.headers.get("content-type"), base_iri=graph)
        return await answer(request.app.state.backend, "graph", payload)

    @router.api_route("/graph-store", methods=["PATCH"], include_in_schema=False)
    async def other(request: Request) -> Response:
        raise errors.method_not_allowed("the graph store takes GET, HEAD, PUT, POST and DELETE",
                                        "GET, HEAD, PUT, POST, DELETE")

    return router
