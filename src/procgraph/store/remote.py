"""A SPARQL store on another server, reached over the SPARQL 1.1 Protocol and Graph Store Protocol.

:class:`RemoteStore` offers the methods the endpoint uses on the embedded store (``query``,
``update``, ``contains_named_graph`` and the Graph Store methods), so procgraph can stand in
front of Oxigraph server, Virtuoso, Fuseki or GraphDB. Answers are fetched as SPARQL JSON
results or N-Triples and parsed with pyoxigraph, so the caller gets the same Python objects
as from a local store. :meth:`RemoteStore.write_dataset` is the bulk path of ``procgraph build``
and ``procgraph load``: every graph is uploaded whole to a staging graph, then one SPARQL
update operation puts them in place, so the old data are replaced only when the new are
complete.

The kind of store (:data:`KINDS`) is found from the URL (``.../query``: Oxigraph server) or
from the ``Server`` header of its first answer (Virtuoso), or given. For an Oxigraph server at
``http://host:7878/query`` the update and graph store URLs are derived (``/update``,
``/store``); for Virtuoso at ``http://host:8890/sparql`` they are ``/sparql-auth`` and
``/sparql-graph-crud-auth`` with a user (:mod:`procgraph.store.virtuoso` lists what else it
corrects for Virtuoso); for other servers pass them explicitly.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from procgraph.errors import InputError, StoreError
from procgraph.store import virtuoso

_RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_NTRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded"

#: The kinds of remote store procgraph knows; "sparql" is any other SPARQL 1.1 server.
KINDS = ("oxigraph", "virtuoso", "sparql")
#: Environment variable holding the remote store's password (kept off the command line).
PASSWORD_ENV = "PROCGRAPH_STORE_PASSWORD"
#: Prefix of the graphs new data are uploaded to before they replace (or join) their graph.
STAGING_PREFIX = "urn:procgraph:staging:"


def staging_graph(target: str | None) -> str:
    """The staging graph of ``target`` (None: the default graph); the same name on every run,
    so a killed load's leftovers are overwritten by the next one.

    >>> staging_graph("https://w3id.org/procgraph/graph/pcf")
    'urn:procgraph:staging:edff38510883908b'
    """
    return STAGING_PREFIX + hashlib.sha1((target or "").encode("utf-8")).hexdigest()[:16]


class RemoteTimeout(StoreError):
    """The remote store did not answer within the time limit."""


class RemoteStore:
    """Client for one remote SPARQL store.

    ``user`` / ``password`` authenticate writes (HTTP digest for Virtuoso, basic otherwise);
    queries are sent without them.
    """

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        timeout_s: float = 10.0,
        kind: str | None = None,
        user: str | None = None,
        password: str | None = None,
    ):
        if kind is not None and kind not in KINDS:
            raise StoreError(f"unknown kind of remote store {kind!r}; use one of {', '.join(KINDS)}")
        self.query_url = query_url
        self.timeout_s = timeout_s
        self._kind = kind or ("oxigraph" if query_url.endswith("/query") else None)
        self._explicit_update_url, self._explicit_graph_store_url = update_url, graph_store_url
        self._user, self._password = user, password
        self._client = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        self._client.close()

    # -- what kind of store, where it takes writes ------------------------------------------
    @property
    def kind(self) -> str:
        """One of :data:`KINDS`, found from the ``Server`` header of one query when not given."""
        if self._kind is None:
            response = self._send(
                "GET", self.query_url, what="query", params={"query": "ASK {}"}, headers={"Accept": _RESULTS_ACCEPT}
            )
            self._kind = "virtuoso" if virtuoso.is_virtuoso(response.headers.get("server")) else "sparql"
        return self._kind

    def _derived(self) -> tuple[str | None, str | None]:
        if self.kind == "virtuoso":
            return virtuoso.endpoints(self.query_url, authenticated=self._user is not None)
        if self.query_url.endswith("/query"):
            base = self.query_url[: -len("/query")]
            return base + "/update", base + "/store"
        return None, None

    @property
    def update_url(self) -> str | None:
        return self._explicit_update_url or self._derived()[0]

    @property
    def graph_store_url(self) -> str | None:
        return self._explicit_graph_store_url or self._derived()[1]

    @property
    def _auth(self) -> httpx.Auth | None:
        if self._user is None:
            return None
        if self.kind == "virtuoso":
            return httpx.DigestAuth(self._user, self._password or "")
        return httpx.BasicAuth(self._user, self._password or "")

    # -- transport ---------------------------------------------------------------------------
    def _send(self, method: str, url: str | None, *, what: str, write: bool = False, **kwargs) -> httpx.Response:
        if url is None:
            raise StoreError(
                f"no {what} URL is known for the remote store {self.query_url}",
                hint="pass it explicitly (--store-update-url / --store-graph-store-url)",
            )
        try:
            return self._client.request(method, url, auth=self._auth if write else None, **kwargs)
        except httpx.TimeoutException:
            raise RemoteTimeout(f"the remote store did not answer within {self.timeout_s:g} s", file=url) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"the remote store cannot be reached: {exc}", file=url) from None

    @staticmethod
    def _fail(response: httpx.Response, what: str):
        text = response.text.strip()[:2000]
        if response.status_code == 400:
            raise SyntaxError(text or f"the remote store refused the {what}")
        if response.status_code in (401, 403):
            raise StoreError(
                f"the remote store refused the {what} ({response.status_code}): {text[:300]}",
                file=str(response.request.url),
                hint=f"give an account allowed to write: --store-user NAME and ${PASSWORD_ENV} "
                "(Virtuoso: a user with the SPARQL_UPDATE role)",
            )
        raise StoreError(
            f"the remote store answered {response.status_code} to a {what}: {text}", file=str(response.request.url)
        )

    # -- SPARQL ------------------------------------------------------------------------------
    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Iterable[ox.NamedNode] | None = None,
        named_graphs: Iterable[ox.NamedNode] | None = None,
    ):
        """Run ``query`` remotely; return pyoxigraph results (solutions, boolean or triples).

        ``use_default_graph_as_union`` is left to the remote store's configuration (e.g.
        ``oxigraph serve --union-default-graph``; Virtuoso always has it); an explicit dataset
        is sent as ``default-graph-uri`` / ``named-graph-uri``.
        """
        explicit = default_graph is not None or named_graphs is not None
        text = f"BASE <{base_iri}>\n{query}" if base_iri else query
        form = []
        if self.kind == "virtuoso":
            if explicit:
                text = virtuoso.strip_dataset_clauses(text)
            form.append(("timeout", str(max(1, int(self.timeout_s * 1000)))))
        form.insert(0, ("query", text))
        if explicit:
            form += [("default-graph-uri", g.value) for g in default_graph or ()]
            form += [("named-graph-uri", g.value) for g in named_graphs or ()]
        response = self._send(
            "POST",
            self.query_url,
            what="query",
            content=urlencode(form).encode("ascii"),
            headers={"Accept": _RESULTS_ACCEPT, "Content-Type": _FORM},
        )
        if response.status_code != 200:
            self._fail(response, "query")
        if self.kind == "virtuoso":
            self._refuse_partial(response)
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media in ("application/sparql-results+json", "application/json"):
            body = virtuoso.fix_results(response.content) if self.kind == "virtuoso" else response.content
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        try:
            rdf_format = ox.RdfFormat.from_media_type(media)
        except ValueError:
            rdf_format = None
        if rdf_format is None:
            raise StoreError(f"the remote store answered in an unexpected format {media!r}", file=self.query_url)
        return self._triples(ox.parse(response.content, format=rdf_format))

    def _triples(self, quads) -> Iterator[ox.Triple]:
        if self.kind == "virtuoso":
            return (virtuoso.fix_triple(q.triple) for q in quads)
        return (q.triple for q in quads)

    def _refuse_partial(self, response: httpx.Response) -> None:
        why = virtuoso.partial_answer(response.headers)
        if why == "timeout":
            raise RemoteTimeout(
                f"the remote store stopped the query at its time limit ({self.timeout_s:g} s) "
                "and answered with the rows found so far; procgraph does not serve a partial answer",
                file=self.query_url,
            )
        if why is not None:
            raise StoreError(
                f"the remote store cut the answer short ({why} rows: Virtuoso's ResultSetMaxRows)",
                file=self.query_url,
                hint="raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini above "
                "procgraph's --max-rows (see docs/endpoint.md)",
            )

    def update(self, update: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL update remotely (form-encoded: every SPARQL 1.1 server takes it)."""
        text = f"BASE <{base_iri}>\n{update}" if base_iri else update
        response = self._send(
            "POST",
            self.update_url,
            what="update",
            write=True,
            content=urlencode([("update", text)]).encode("ascii"),
            headers={"Content-Type": _FORM},
        )
        if response.status_code not in (200, 204):
            self._fail(response, "update")

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        """True when the remote store holds a named graph ``graph``."""
        if self.kind == "virtuoso":
            return bool(self.query(virtuoso.graph_exists_query(graph.value)))
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ }} }}"))

    # -- Graph Store Protocol ----------------------------------------------------------------
    def _graph_params(self, graph: str | None) -> dict:
        return {"graph": graph} if graph else {"default": ""}

    def graph_triples(self, graph: str | None) -> Iterator[ox.Triple] | None:
        """The triples of one graph, or None when the remote store has no such graph."""
        response = self._send(
            "GET",
            self.graph_store_url,
            what="graph store",
            params=self._graph_params(graph),
            headers={"Accept": _NTRIPLES},
            write=True,
        )
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            self._fail(response, "graph read")
        return self._triples(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))

    def _write(self, method: str, graph: str | None, triples: list[ox.Triple]) -> bool:
        existed = graph is None or self.contains_named_graph(ox.NamedNode(graph))
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        response = self._send(
            method,
            self.graph_store_url,
            what="graph store",
            params=self._graph_params(graph),
            content=body,
            headers={"Content-Type": _NTRIPLES},
            write=True,
        )
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
        response = self._send(
            "DELETE", self.graph_store_url, what="graph store", params=self._graph_params(graph), write=True
        )
        if response.status_code == 404:
            return False
        if response.status_code not in (200, 204):
            self._fail(response, "graph delete")
        return True

    # -- bulk writes (procgraph build / load) ------------------------------------------------
    def write_dataset(
        self, quads: Iterable[ox.Quad], *, replace: bool, drop: Iterable[str] = ()
    ) -> dict[str | None, int]:
        """Write ``quads`` as one change: each graph's new triples replace (``replace``) or join its
        content.

        Every graph is uploaded whole (one Graph Store PUT, so its blank nodes stay one node) to
        its :func:`staging_graph`; when all are there and hold the expected number of triples,
        one SPARQL DELETE/INSERT operation moves them to their graphs (with ``replace``, deleting
        the graphs' old triples and the graphs in ``drop``). Until that operation the old graphs
        are untouched: a failure anywhere before it (a parse error on the server, a lost
        connection, a killed process) leaves them as they were, and the staging graphs are
        dropped. On Oxigraph the operation is one transaction; on Virtuoso one SQL statement.
        Returns the triples written per graph (None: the default graph).
        """
        groups: dict[str | None, list[ox.Triple]] = defaultdict(list)
        for quad in quads:
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            groups[name].append(quad.triple)
        if None in groups and self.kind == "virtuoso":
            raise InputError(
                f"Virtuoso has no default graph apart from its named graphs: {len(groups[None])} triples name no graph",
                hint="name one with --graph IRI",
            )
        staged: dict[str | None, str] = {}
        try:
            for target, triples in groups.items():
                staged[target] = staging_graph(target)
                self._upload(staged[target], triples)
            self._check_staged(staged, {t: len(set(ts)) for t, ts in groups.items()})
            self.update(swap_update(staged, replace=replace, drop=drop))
        except BaseException:
            self._drop_quietly(staged.values())
            raise
        return {t: len(ts) for t, ts in groups.items()}

    def _upload(self, graph: str, triples: list[ox.Triple]) -> None:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        response = self._send(
            "PUT",
            self.graph_store_url,
            what="graph store",
            params={"graph": graph},
            content=body,
            headers={"Content-Type": _NTRIPLES},
            write=True,
        )
        if response.status_code not in (200, 201, 204):
            self._fail(response, f"upload to the staging graph <{graph}>")

    def _check_staged(self, staged: dict[str | None, str], expected: dict[str | None, int]) -> None:
        values = " ".join(f"<{g}>" for g in staged.values())
        held = {}
        for solution in self.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        ):
            held[solution["g"].value] = int(solution["n"].value)
        for target, graph in staged.items():
            if held.get(graph, 0) != expected[target]:
                raise StoreError(
                    f"the staging graph <{graph}> holds {held.get(graph, 0)} triples after the upload, "
                    f"not {expected[target]}; nothing was replaced",
                    hint="is another load writing to the same store? run one at a time",
                )

    def _drop_quietly(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            try:
                self.update(f"DROP SILENT GRAPH <{graph}>")
            except (StoreError, SyntaxError):
                pass

    def named_graph_iris(self) -> list[str]:
        """The named graphs the store holds (for Virtuoso, with its own
        :data:`~procgraph.store.virtuoso.SYSTEM_GRAPHS`)."""
        query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"  # DISTINCT: 15 s on Virtuoso, this 0.02 s
        return sorted(s["g"].value for s in self.query(query))


def swap_update(staged: dict[str | None, str], *, replace: bool, drop: Iterable[str] = ()) -> str:
    """One SPARQL DELETE/INSERT operation moving staging graphs to their targets.

    ``staged`` maps a target graph (None: the default graph) to its staging graph. With
    ``replace`` the targets' old triples (and all of the ``drop`` graphs) are deleted in the
    same operation; SPARQL deletes before it inserts, so a triple both old and new stays.

    >>> print(swap_update({"http://g/a": "urn:s:1"}, replace=True))
    DELETE { GRAPH ?old { ?s ?p ?o } GRAPH ?stage { ?s ?p ?o } }
    INSERT { GRAPH ?target { ?s ?p ?o } }
    WHERE {
      { VALUES ?old { <http://g/a> } GRAPH ?old { ?s ?p ?o } }
      UNION { VALUES (?stage ?target) { (<urn:s:1> <http://g/a>) } GRAPH ?stage { ?s ?p ?o } }
    }
    """
    named = {t: s for t, s in staged.items() if t is not None}
    branches, deletes, inserts = [], [], []
    old = sorted(set(named) | set(drop)) if replace else []
    if old:
        branches.append(f"{{ VALUES ?old {{ {' '.join(f'<{g}>' for g in old)} }} GRAPH ?old {{ ?s ?p ?o }} }}")
        deletes.append("GRAPH ?old { ?s ?p ?o }")
    if named:
        pairs = " ".join(f"(<{s}> <{t}>)" for t, s in sorted(named.items()))
        branches.append(f"{{ VALUES (?stage ?target) {{ {pairs} }} GRAPH ?stage {{ ?s ?p ?o }} }}")
        deletes.append("GRAPH ?stage { ?s ?p ?o }")
        inserts.append("GRAPH ?target { ?s ?p ?o }")
    if None in staged:
        if replace:
            raise StoreError("replacing the default graph of a remote store is not supported; name the graphs")
        branches.append(f"{{ VALUES ?dstage {{ <{staged[None]}> }} GRAPH ?dstage {{ ?ds ?dp ?do }} }}")
        deletes.append("GRAPH ?dstage { ?ds ?dp ?do }")
        inserts.append("?ds ?dp ?do")
    if not branches:
        return "DELETE { ?s ?p ?o } WHERE { FILTER(false) }"
    where = "\n  UNION ".join(branches)
    insert = f"INSERT {{ {' '.join(inserts)} }}\n" if inserts else ""
    return f"DELETE {{ {' '.join(deletes)} }}\n{insert}WHERE {{\n  {where}\n}}"
