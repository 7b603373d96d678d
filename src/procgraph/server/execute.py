"""Run one protocol operation against a store and return the finished HTTP answer.

These functions are the same for every backend: a worker process calls them on the
embedded Oxigraph store, and the remote backend calls them on a
:class:`procgraph.store.remote.RemoteStore`. A store here is what
:mod:`procgraph.store.base` names: pyoxigraph's ``query``, ``update`` and
``contains_named_graph`` (:class:`~procgraph.store.base.SparqlStore`) plus the four Graph Store
methods (:class:`~procgraph.store.base.GraphStoreMethods`). Requests and answers are plain dataclasses so they cross a
process boundary with pickle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from procgraph.errors import QueryError
from procgraph.queries import results
from procgraph.server import errors, negotiation, safety, syntax
from procgraph.store.base import GraphStoreMethods, SparqlStore


@dataclass(frozen=True)
class Answer:
    """A finished response: status, body bytes, content type and extra headers."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    #: The ASGI headers of a whole response kept by :class:`procgraph.server.cache.FrontCache`.
    raw_headers: tuple[tuple[bytes, bytes], ...] = ()


@dataclass(frozen=True)
class QueryRequest:
    """A SPARQL query as the protocol delivered it.

    ``default_graphs`` / ``named_graphs`` are the ``default-graph-uri`` / ``named-graph-uri``
    parameters; ``None`` for both means the request did not set a dataset.
    """

    query: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    accept: str | None = None
    format_param: str | None = None
    max_rows: int = 100_000
    base_iri: str | None = None
    union_default_graph: bool = True


@dataclass(frozen=True)
class UpdateRequest:
    """A SPARQL update with its ``using-graph-uri`` / ``using-named-graph-uri`` parameters.

    ``union_default_graph``: a DELETE/INSERT ... WHERE that names no dataset evaluates its WHERE
    over the union of all graphs, as queries do (see :mod:`procgraph.store.union`).
    """

    update: str
    using: tuple[str, ...] = ()
    using_named: tuple[str, ...] = ()
    base_iri: str | None = None
    union_default_graph: bool = True


@dataclass(frozen=True)
class GraphRequest:
    """A Graph Store Protocol request; ``graph`` None is the default graph."""

    method: str
    graph: str | None
    accept: str | None = None
    format_param: str | None = None
    max_rows: int = 100_000
    body: bytes = b""
    media_type: str | None = None
    base_iri: str | None = None


#: Response header naming the graphs of the request's dataset that the store does not hold.
EMPTY_GRAPHS_HEADER = "X-Procgraph-Empty-Graphs"


def _empty_graphs(store: SparqlStore, iris: Iterable[str]) -> list[str]:
    """The graphs among ``iris`` the store does not hold: they read as empty graphs.

    Nothing is ever fetched from a graph's IRI (no remote FROM); a graph the store lacks is
    simply empty, as in other SPARQL servers.
    """
    empty = []
    for iri in dict.fromkeys(iris):
        try:
            held = store.contains_named_graph(ox.NamedNode(iri))
        except ValueError:
            raise errors.bad_request(f"<{iri}> is not a valid graph IRI") from None
        if not held:
            empty.append(iri)
    return empty


def dataset_arguments(request: QueryRequest, info: safety.QueryInfo) -> dict:
    """pyoxigraph ``query`` keyword arguments that make the dataset exactly the requested one.

    Protocol parameters win over FROM / FROM NAMED in the query; a query with neither sees the
    union of all graphs as its default graph (unless ``request.union_default_graph`` is off:
    then the stored default graph). Several FROM graphs are passed explicitly so the store
    can merge them as a set.
    """
    if request.default_graphs is not None or request.named_graphs is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in request.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in request.named_graphs or ()],
        }
    if len(info.from_graphs) > 1:
        return {
            "default_graph": [ox.NamedNode(g) for g in info.from_graphs],
            "named_graphs": [ox.NamedNode(g) for g in info.from_named_graphs],
        }
    if info.has_dataset_clause or not request.union_default_graph:
        return {}
    return {"use_default_graph_as_union": True}


def run_query(store, request: QueryRequest) -> Answer:
    """Evaluate a query and serialize its answer in the negotiated format."""
    try:
        info = safety.scan_query(request.query, base_iri=request.base_iri)
    except QueryError as exc:
        raise errors.bad_request(str(exc)) from None
    if request.default_graphs is not None or request.named_graphs is not None:
        empty = _empty_graphs(store, (request.default_graphs or ()) + (request.named_graphs or ()))
    else:
        empty = _empty_graphs(store, info.from_graphs + info.from_named_graphs)
    try:
        result = store.query(request.query, base_iri=request.base_iri, **dataset_arguments(request, info))
        answer = _serialize(result, request)
    except SyntaxError as exc:
        raise errors.bad_request(syntax.explain(str(exc), request.query, "query")) from None
    except QueryError as exc:
        raise errors.bad_request(str(exc)) from None
    except RuntimeError as exc:  # pyoxigraph's evaluation errors (an unsupported function, ...)
        raise errors.bad_request(f"the query could not be evaluated: {exc}") from None
    if empty:
        answer.headers[EMPTY_GRAPHS_HEADER] = " ".join(f"<{iri}>" for iri in empty)
    return answer


def _serialize(result, request: QueryRequest) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        fmt = negotiation.choose("results", request.accept, request.format_param)
        return Answer(200, results.write_boolean(bool(result), fmt), fmt.content_type)
    if isinstance(result, ox.QuerySolutions):
        fmt = negotiation.choose("results", request.accept, request.format_param)
        return Answer(200, results.write_solutions(result, fmt, request.max_rows, request.query), fmt.content_type)
    fmt = negotiation.choose("graph", request.accept, request.format_param)
    return Answer(200, results.write_graph(result, fmt, request.max_rows), fmt.content_type)


def run_update(store, request: UpdateRequest) -> Answer:
    """Apply an update (atomically: pyoxigraph runs each request in one transaction)."""
    try:
        text = safety.add_using_clauses(request.update, list(request.using), list(request.using_named))
        safety.scan_update(text)
        if (
            request.union_default_graph
            and not (request.using or request.using_named)
            and getattr(store, "union_updates", False)
        ):
            store.update(text, base_iri=request.base_iri, union_default_graph=True)
        else:
            store.update(text, base_iri=request.base_iri)
    except SyntaxError as exc:
        raise errors.bad_request(_update_syntax_error(exc, request.update)) from None
    except QueryError as exc:
        raise errors.bad_request(str(exc)) from None
    except RuntimeError as exc:  # pyoxigraph's evaluation errors: DROP of a graph that does not exist, ...
        raise errors.bad_request(f"the update could not be evaluated (nothing was changed): {exc}") from None
    return Answer(204)


def _update_syntax_error(exc: SyntaxError, update: str) -> str:
    """The sentence for a syntax error in ``update``, placed in the text the client sent.

    The store may have run a rewritten text (USING clauses, the union default graph), so the
    client's own text is parsed again, on an empty in-memory store, for the error's position.
    """
    try:
        ox.Store().update(update)
    except SyntaxError as original:
        return syntax.explain(str(original), update, "update")
    except Exception:  # noqa: BLE001 - the text parses; report the rewritten text's error as it is
        pass
    return syntax.explain(str(exc), update, "update")


def _parse_body(request: GraphRequest) -> list[ox.Triple]:
    media = (request.media_type or "").split(";")[0].strip().lower()
    try:
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
    except ValueError:
        rdf_format = None
    if rdf_format is None:
        raise errors.unsupported_media_type(
            f"cannot read a request body of type {media or '(none)'!r}; send Turtle (text/turtle), "
            "N-Triples, RDF/XML or JSON-LD with a matching Content-Type"
        )
    try:
        quads = list(ox.parse(request.body, format=rdf_format, base_iri=request.base_iri))
    except SyntaxError as exc:
        raise errors.bad_request(f"the {rdf_format.name} document cannot be parsed: {exc}") from None
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise errors.bad_request("the document names graphs; the Graph Store Protocol takes one graph's triples")
    return [q.triple for q in quads]


def run_graph(store: GraphStoreMethods, request: GraphRequest) -> Answer:
    """Answer one Graph Store Protocol request (GET, HEAD, PUT, POST, DELETE)."""
    label = f"graph <{request.graph}>" if request.graph else "the default graph"
    if request.method in ("GET", "HEAD"):
        fmt = negotiation.choose("graph", request.accept, request.format_param)
        triples = store.graph_triples(request.graph)
        if triples is None:
            raise errors.not_found(f"{label} is not in this store")
        try:
            body = results.write_graph(triples, fmt, request.max_rows)
        except QueryError as exc:
            raise errors.payload_too_large(str(exc)) from None
        return Answer(200, b"" if request.method == "HEAD" else body, fmt.content_type)
    if request.method == "DELETE":
        if not store.drop_graph(request.graph):
            raise errors.not_found(f"{label} is not in this store")
        return Answer(204)
    triples = _parse_body(request)
    replace = request.method == "PUT"
    created = (store.replace_graph if replace else store.add_to_graph)(request.graph, triples)
    return Answer(201 if created else 204)


def error_answer(exc: errors.ProtocolError) -> Answer:
    """The plain-text answer for a protocol error."""
    return Answer(exc.status, (exc.message + "\n").encode("utf-8"), "text/plain; charset=utf-8", exc.headers)
