"""The union default graph: the one default graph queries and updates see when they name none.

procgraph advertises ``sd:UnionDefaultGraph``: without FROM, ``default-graph-uri`` or USING,
the default graph is the RDF merge of the stored default graph and every named graph, a SET of
triples. pyoxigraph's ``use_default_graph_as_union`` (and a list of default graphs, as FROM
gives) sums the graphs as a multiset instead: a triple held in two graphs matches twice.

Asking whether any triple is in two graphs (:func:`graphs_overlap`) reads every quad: 0.07 s on
the bundled data (34.5k quads, 6 graphs), 8-10 s at 100 times that (3.8 M quads), so the build
saves the answer with the store and a query worker settles it before it takes requests
(:meth:`procgraph.store.embedded.EmbeddedStore.prime`); copying the store into memory with the
merged default graph takes 0.6 s (about 35 s at 2 M quads). procgraph's builds write disjoint graphs
(the inferred graph holds only new triples), so a store is checked once and then queried with
pyoxigraph's union option, which is then already a set; only a store whose graphs share
triples is answered from a merged copy in memory (:func:`merged_store`), made once per
read-only handle.

Updates: pyoxigraph's ``update`` has no union option, so :func:`union_update` rewrites each
``DELETE``/``INSERT ... WHERE`` operation that names no dataset (no WITH, no USING) to evaluate
its WHERE over ``USING`` every graph: the stored default graph is moved aside into
:data:`STORED_DEFAULT` for the operation (``WITH`` it, so templates without GRAPH still write
to the stored default graph) and moved back after it, all in the request's one transaction.
Duplicate solutions do not change what an update writes (templates add or remove sets).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from procgraph.sparqltext import Token, tokenize

#: Where the stored default graph waits while a rewritten update operation runs.
STORED_DEFAULT = "urn:x-procgraph:stored-default-graph"

#: True when a triple of a named graph is also in the stored default graph.
DEFAULT_OVERLAP_QUERY = "ASK { GRAPH ?g { ?s ?p ?o } ?s ?p ?o }"
#: The quads of the named graphs, and their distinct triples: fewer triples than quads when
#: some triple is in two named graphs. (Counting is linear; asking for the pair of graphs
#: directly, GRAPH ?g {...} GRAPH ?h {...} FILTER(?g != ?h), takes four times longer at scale.)
NAMED_QUADS_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NAMED_TRIPLES_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


def graphs_overlap(store: ox.Store, graphs: Iterable[ox.NamedNode] | None = None) -> bool:
    """True when a triple is held by two of ``graphs`` (None: every graph of the store)."""
    if graphs is None:
        if bool(store.query("ASK { ?s ?p ?o }")) and bool(store.query(DEFAULT_OVERLAP_QUERY)):
            return True

        def count(query: str) -> int:
            solutions = store.query(query)
            assert isinstance(solutions, ox.QuerySolutions)
            return int(next(solutions)["n"].value)

        return count(NAMED_TRIPLES_QUERY) < count(NAMED_QUADS_QUERY)
    names = " ".join(str(g) for g in graphs)
    return bool(
        store.query(
            f"ASK {{ VALUES ?g {{ {names} }} VALUES ?h {{ {names} }} "
            "GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?s ?p ?o } FILTER(?h != ?g) }"
        )
    )


def merged_store(
    store: ox.Store, default: list[ox.NamedNode] | None = None, named: list[ox.NamedNode] | None = None
) -> ox.Store:
    """An in-memory copy whose default graph is the set merge of ``default`` (None: every graph).

    It holds the named graphs ``named`` (None: all of them) as they are, so GRAPH sees them.
    """
    mem = ox.Store()
    keep = None if named is None else set(named)
    for graph in store.named_graphs():
        if keep is None or graph in keep:
            mem.add_graph(graph)
    mem.extend(
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if not isinstance(q.graph_name, ox.DefaultGraph) and (keep is None or q.graph_name in keep)
    )
    if default is None:
        mem.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        mem.extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    else:
        for graph in default:
            mem.extend(
                ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
            )
    return mem


# -- updates ---------------------------------------------------------------------------------

_GRAPH_TARGETS = {"GRAPH", "TO", "INTO", "ADD", "COPY", "MOVE"}


def _operations(tokens: list[Token]) -> list[list[Token]]:
    """The request's operations: token runs between top-level ``;``."""
    ops: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.text == ";" and token.depth == 0 and token.kind == "other":
            ops.append(current)
            current = []
        else:
            current.append(token)
    ops.append(current)
    return [op for op in ops if op]


def _body(op: list[Token]) -> list[Token]:
    """The operation without its prologue (BASE / PREFIX declarations)."""
    i = 0
    while i < len(op):
        if op[i].keyword == "BASE":
            i += 2
        elif op[i].keyword == "PREFIX":
            i += 3
        else:
            break
    return op[i:]


def _named_in_request(tokens: list[Token]) -> set[str]:
    """Absolute graph IRIs the request names (it may create them before a later WHERE runs)."""
    found = set()
    for prev, token in zip(tokens, tokens[1:]):
        if prev.keyword in _GRAPH_TARGETS and token.kind == "iri" and ":" in token.text:
            found.add(token.text[1:-1])
    return found


def union_update(text: str, named_graphs: Iterable[str]) -> str:
    """``text`` with each dataset-less DELETE/INSERT ... WHERE evaluating over every graph.

    >>> print(union_update("DELETE WHERE { ?s ?p ?o }", ["http://g/a"]))  # doctest: +NORMALIZE_WHITESPACE
    MOVE SILENT DEFAULT TO <urn:x-procgraph:stored-default-graph> ;
    WITH <urn:x-procgraph:stored-default-graph> DELETE { ?s ?p ?o }
    USING <urn:x-procgraph:stored-default-graph> USING <http://g/a> USING NAMED <http://g/a> WHERE { ?s ?p ?o } ;
    MOVE SILENT <urn:x-procgraph:stored-default-graph> TO DEFAULT
    """
    tokens = tokenize(text)  # the server's safety scan (no LOAD, no SERVICE) has run before
    graphs = sorted((set(named_graphs) | _named_in_request(tokens)) - {STORED_DEFAULT})
    using = " ".join(
        [f"USING <{STORED_DEFAULT}>"] + [f"USING <{g}>" for g in graphs] + [f"USING NAMED <{g}>" for g in graphs]
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text
    for op in _operations(tokens):
        body = _body(op)
        if not body or body[0].keyword not in ("DELETE", "INSERT"):
            continue
        if len(body) > 1 and body[1].keyword == "DATA":
            continue
        if any(t.keyword in ("USING", "WITH") and t.depth == 0 for t in body):
            continue
        end = op[-1].start + len(op[-1].text)
        if body[0].keyword == "DELETE" and len(body) > 1 and body[1].keyword == "WHERE":
            pattern = text[body[2].start : end]
            edits.append(
                (
                    body[0].start,
                    end,
                    f"MOVE SILENT DEFAULT TO <{STORED_DEFAULT}> ; "
                    f"WITH <{STORED_DEFAULT}> DELETE {pattern} {using} WHERE {pattern}"
                    f" ; MOVE SILENT <{STORED_DEFAULT}> TO DEFAULT",
                )
            )
            continue
        where = next((t for t in body if t.keyword == "WHERE" and t.depth == 0), None)
        if where is None:
            continue
        edits.append(
            (body[0].start, body[0].start, f"MOVE SILENT DEFAULT TO <{STORED_DEFAULT}> ; WITH <{STORED_DEFAULT}> ")
        )
        edits.append((where.start, where.start, using + " "))
        edits.append((end, end, f" ; MOVE SILENT <{STORED_DEFAULT}> TO DEFAULT"))
    for start, stop, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[stop:]
    return text
