"""What is different about OpenLink Virtuoso (7.2) as a remote store, in small pure functions.

:class:`procgraph.store.remote.RemoteStore` talks to every store over the same protocols;
for a Virtuoso server it applies these corrections, each found by running procgraph's named
queries and the W3C protocol requests against Virtuoso 7.2.5 (Debian ``virtuoso-opensource``):

- **URLs and auth.** Queries go to ``/sparql``; writes need an account with the
  ``SPARQL_UPDATE`` role and HTTP digest authentication at ``/sparql-auth`` (updates) and
  ``/sparql-graph-crud-auth`` (Graph Store Protocol). :func:`endpoints` derives them.
- **ASK.** An ASK answers as a one-column SELECT (``__ASK_RETVAL`` = 1, or no row) in every
  results format; :func:`fix_ask` turns it back into a boolean result.
- **Empty groups.** ``ASK { GRAPH <g> { } }`` is true for any ``g`` (Virtuoso holds no empty
  graphs, so a graph exists when it has a triple): :func:`graph_exists_query`.
- **Booleans.** ``false`` / ``true`` come back as ``"0"`` / ``"1"`` typed ``xsd:boolean``;
  :func:`fix_results` and :func:`fix_term` restore the canonical forms.
- **FROM and default-graph-uri together.** Virtuoso merges them, where the SPARQL Protocol
  lets the parameters win: :func:`strip_dataset_clauses` removes the query's own FROM clauses
  when the request sets the dataset.
- **Slow plans.** ``SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }`` takes 15 s on 48 k quads,
  the same with ``GROUP BY ?g`` 0.02 s: procgraph's own graph listing uses the second.
- **Partial answers.** A query past its time limit answers 200 with the rows found so far and
  ``X-SQL-State: S1TAT`` ("anytime query"); an answer cut at ``ResultSetMaxRows`` says so in
  ``X-SPARQL-MaxRows``. :func:`partial_answer` reads both, so procgraph reports a timeout or
  a limit instead of serving a silently incomplete answer.

Not corrected (documented in ``docs/endpoint.md``): the union default graph is a multiset
(a triple held in two graphs counts twice; procgraph's builds put each triple in one graph);
there is no default graph apart from the named graphs (``load`` into it is refused); and the
union default graph and ``GRAPH ?g`` include Virtuoso's own graphs (:data:`SYSTEM_GRAPHS`,
about 2,500 triples of its metadata, in no procgraph vocabulary). Virtuoso's pragmas that
would leave them out (``define input:default-graph-exclude``, or any ``default-graph-uri``)
make it answer nothing to a transitive path joined with further patterns
(``?t skos:broader* ?x . ?r dcterms:subject ?t ; pg:position ?p``: 0 rows for 81), so
procgraph does not restrict the dataset for Virtuoso.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

#: Graphs a fresh Virtuoso 7.2 database holds for itself (metadata of its RDF views, LDP, URIQA).
SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)

#: Header Virtuoso sets on an answer cut short by its time limit (value ``S1TAT``).
STATE_HEADER = "X-SQL-State"
#: Header Virtuoso sets when it cut an answer at ``ResultSetMaxRows``.
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"


def endpoints(query_url: str, authenticated: bool) -> tuple[str, str]:
    """(update URL, Graph Store Protocol URL) of the Virtuoso whose query endpoint is ``query_url``.

    >>> endpoints("http://db:8890/sparql", True)
    ('http://db:8890/sparql-auth', 'http://db:8890/sparql-graph-crud-auth')
    >>> endpoints("http://db:8890/sparql/", False)
    ('http://db:8890/sparql', 'http://db:8890/sparql-graph-crud')
    """
    base = query_url.rstrip("/")
    base = base[: -len("/sparql")] if base.endswith("/sparql") else base
    if authenticated:
        return base + "/sparql-auth", base + "/sparql-graph-crud-auth"
    return base + "/sparql", base + "/sparql-graph-crud"


def is_virtuoso(server_header: str | None) -> bool:
    """True when an HTTP ``Server`` header names Virtuoso (``Virtuoso/07.20.3229 (Linux) ...``)."""
    return (server_header or "").lower().startswith("virtuoso")


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CANONICAL_BOOLEAN = {"0": "false", "1": "true"}


def fix_results(document: bytes) -> bytes:
    """A SPARQL JSON results document with Virtuoso's ASK-as-SELECT turned into a boolean and
    its ``"0"`` / ``"1"`` booleans written ``false`` / ``true``.

    >>> fix_results(b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [{"__ASK_RETVAL": '
    ...             b'{"type": "typed-literal", "value": "1"}}]}}')
    b'{"head": {}, "boolean": true}'
    >>> fix_results(b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}')
    b'{"head": {}, "boolean": false}'
    >>> fix_results(b'{"head": {"vars": ["b"]}, "results": {"bindings": [{"b": {"type": "typed-literal", '
    ...             b'"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0"}}]}}')[-21:]
    b'"value": "false"}}]}}'
    """
    if b"__ASK_RETVAL" not in document[:200] and b"XMLSchema#boolean" not in document:
        return document
    parsed = json.loads(document)
    rows = parsed.get("results", {}).get("bindings", [])
    if parsed.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
        truth = any(row.get("__ASK_RETVAL", {}).get("value") not in (None, "0") for row in rows)
        return json.dumps({"head": {}, "boolean": truth}).encode("ascii")
    for row in rows:
        for value in row.values():
            if value.get("datatype") == _BOOLEAN and value.get("value") in _CANONICAL_BOOLEAN:
                value["value"] = _CANONICAL_BOOLEAN[value["value"]]
    return json.dumps(parsed, ensure_ascii=False).encode("utf-8")


def fix_term(term):
    """A pyoxigraph term with a ``"0"`` / ``"1"`` boolean written ``false`` / ``true`` (others unchanged)."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal) and term.datatype.value == _BOOLEAN and term.value in _CANONICAL_BOOLEAN:
        return ox.Literal(_CANONICAL_BOOLEAN[term.value], datatype=term.datatype)
    return term


def fix_triple(triple):
    """``triple`` with its object through :func:`fix_term`."""
    import pyoxigraph as ox

    fixed = fix_term(triple.object)
    return triple if fixed is triple.object else ox.Triple(triple.subject, triple.predicate, fixed)


def graph_exists_query(graph: str) -> str:
    """An ASK that is true only when ``graph`` holds a triple (an empty group matches anywhere)."""
    return f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"


def strip_dataset_clauses(query: str) -> str:
    """``query`` without its ``FROM`` / ``FROM NAMED`` clauses (the request's dataset replaces them).

    >>> strip_dataset_clauses("PREFIX g: <http://g/> SELECT * FROM g:a FROM NAMED <http://g/b> { ?s ?p ?o }")
    'PREFIX g: <http://g/> SELECT *   { ?s ?p ?o }'
    """
    from procgraph.sparqltext import tokenize

    tokens = tokenize(query)
    cuts, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.keyword == "FROM" and token.depth == 0 and i + 1 < len(tokens):
            last = i + 2 if tokens[i + 1].keyword == "NAMED" and i + 2 < len(tokens) else i + 1
            cuts.append((token.start, tokens[last].start + len(tokens[last].text)))
            i = last
        i += 1
    for start, end in reversed(cuts):
        query = query[:start] + query[end:]
    return query


def partial_answer(headers: Mapping[str, str]) -> str | None:
    """Why Virtuoso's answer is incomplete ("timeout", or "limit N"), or None when it is whole."""
    if headers.get(STATE_HEADER, "").strip().upper() == "S1TAT":
        return "timeout"
    if headers.get(MAX_ROWS_HEADER):
        return f"limit {headers[MAX_ROWS_HEADER].strip()}"
    return None
