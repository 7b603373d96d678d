"""A SPARQL store on another server, reached over the SPARQL 1.1 Protocol and Graph Store Protocol.

:class:`RemoteStore` offers the methods the endpoint uses on the embedded store (``query``,
``update``, ``contains_named_graph`` and the Graph Store methods), so procgraph can stand in
front of Oxigraph server, Fuseki, Virtuoso or GraphDB. Answers are fetched as SPARQL JSON
results or N-Triples and parsed with pyoxigraph, so the caller gets the same Python objects
as from a local store.

For an Oxigraph server at ``http://host:7878/query`` the update and graph store URLs are
derived (``/update``, ``/store``); for other servers pass them explicitly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from procgraph.errors import StoreError

_RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_NTRIPLES = "application/n-triples"


class RemoteTimeout(StoreError):
    """The remote store did not answer within the time limit."""


class RemoteStore:
    """Client for one remote SPARQL store."""

    def __init__(self, query_url: str, *, update_url: str | None = None,
                 graph_store_url: str | None = None, timeout_s: float = 10.0):
        self.query_url = query_url
        base = query_url[: -len("/query")] if query_url.endswith("/query") else None
        self.update_url = update_url or (base + "/update" if base else None)
        self.graph_store_url = graph_store_url or (base + "/store" if base else None)
        self.timeout_s = timeout_s
        self._client = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        self._client.close()

    # -- transport ---------------------------------------------------------------------------
    def _send(self, method: str, url: str | None, *, what: str, **kwargs) -> httpx.Response:
        if url is None:
            raise StoreError(f"no {what} URL is known for the remote store {self.query_url}",
                             hint="pass it explicitly (--store-update-url / --store-graph-store-url)")
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise RemoteTimeout(f"the remote store did not answer within {self.timeout_s:g} s",
                                file=url) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"the remote store cannot be reached: {exc}", file=url) from None

    @staticmethod
    def _fail(response: httpx.Response, what: str):
        text = response.text.strip()[:2000]
        if response.status_code == 400:
            raise SyntaxError(text or f"the remote store refused the {what}")
        raise StoreError(f"the remote store answered {response.status_code} to a {what}: {text}",
                         file=str(response.request.url))

    # -- SPARQL ------------------------------------------------------------------------------
    def query(self, query: str, *, base_iri: str | None = None, use_default_graph_as_union: bool = False,
              default_graph: Iterable[ox.NamedNode] | None = None,
              named_graphs: Iterable[ox.NamedNode] | None = None):
        """Run ``query`` remotely; return pyoxigraph results (solutions, boolean or triples).

        ``use_default_graph_as_union`` is left to the remote store's configuration (e.g.
        ``oxigraph serve --union-default-graph``); an explicit dataset is sent as
        ``default-graph-uri`` / ``named-graph-uri``.
        """
        form = [("query", query)]
        if default_graph is not None or named_graphs is not None:
            form += [("default-graph-uri", g.value) for g in default_graph or ()]
            form += [("named-graph-uri", g.value) for g in named_graphs or ()]
        response = self._send("POST", self.query_url, what="query", content=urlencode(form).encode("ascii"),
                              headers={"Accept": _RESULTS_ACCEPT,
                                       "Content-Type": "application/x-www-form-urlencoded"})
        if response.status_code != 200:
            self._fail(response, "query")
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        try:
            rdf_format = ox.RdfFormat.from_media_type(media)
        except ValueError:
            rdf_format = None
        if rdf_format is None:
            raise StoreError(f"the remote store answered in an unexpected format {media!r}", file=self.query_url)
        return (q.triple for q in ox.parse(response.content, format=rdf_format))

    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update remotely."""
        response = self._send("POST", self.update_url, what="update", content=update.encode("utf-8"),
                              headers={"Content-Type": "application/sparql-update"})
        if response.status_code not in (200, 204):
            self._fail(response, "update")

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        """True when the remote store holds a named graph ``graph``."""
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ }} }}"))

    # -- Graph Store Protocol ----------------------------------------------------------------
    def _graph_params(self, graph: str | None) -> dict:
        return {"graph": graph} if graph else {"default": ""}

    def graph_triples(self, graph: str | None) -> Iterator[ox.Triple] | None:
        """The triples of one graph, or None when the remote store has no such graph."""
        response = self._send("GET", self.graph_store_url, what="graph store", params=self._graph_params(graph),
                              headers={"Accept": _NTRIPLES})
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            self._fail(response, "graph read")
        return (q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))

    def _write(self, method: str, graph: str | None, triples: list[ox.Triple]) -> bool:
        existed = graph is None or self.contains_named_graph(ox.NamedNode(graph))
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        response = self._send(method, self.graph_store_url, what="graph store", params=self._graph_params(graph),
                              content=body, headers={"Content-Type": _NTRIPLES})
        if response.status_code not in (200, 201, 204):
            self._fail(response, "graph write")
        return not existed

    def replace_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool:
        """Replace a graph's content (PUT); True when the graph was created."""
        return self._write("PUT", graph, triples)

    def add_to_graph(self, graph: str | None, triples: list[ox.Triple]) -> bool:
        """Add triples to a graph (POST); True when the graph was created."""
        return self._write("POST", graph, triples)

    def drop_graph(self, graph: str | None) -> bool:
        """Delete a graph (DELETE); False when it did not exist."""
        response = self._send("DELETE", self.graph_store_url, what="graph store", params=self._graph_params(graph))
        if response.status_code == 404:
            return False
        if response.status_code not in (200, 204):
            self._fail(response, "graph delete")
        return True

    def load_file(self, path: Path, rdf_format: ox.RdfFormat, graph: str | None) -> None:
        """Send one RDF file to the remote store: into ``graph`` (or the default graph)."""
        params = self._graph_params(graph) if not rdf_format.supports_datasets or graph else {}
        with open(path, "rb") as handle:
            response = self._send("POST", self.graph_store_url, what="graph store", params=params,
                                  content=handle.read(), headers={"Content-Type": rdf_format.media_type})
        if response.status_code not in (200, 201, 204):
            self._fail(response, f"load of {path}")
