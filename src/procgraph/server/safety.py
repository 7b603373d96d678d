"""What a query or update may do on this server, decided before it reaches the engine.

The SPARQL tokenizer of :mod:`procgraph.sparqltext` (strings, IRIs, comments, keywords) finds the
keywords that would make the server reach out to the network or load data from elsewhere:
``SERVICE`` (federated query) and ``LOAD`` are refused outright, and the graphs a query names
with ``FROM`` / ``FROM NAMED`` are returned so the executor can say which of them the store does
not hold (they read as empty graphs: procgraph never fetches a graph from its IRI). The same
token stream tells the query form, whether the query defines its own dataset, and lets the
protocol's ``using-graph-uri`` parameters be written into an update as ``USING`` clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from procgraph.errors import QueryError
from procgraph.sparqltext import Token, tokenize

_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


@dataclass
class QueryInfo:
    """What the safety scan learned about a query."""

    form: str | None
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)

    @property
    def has_dataset_clause(self) -> bool:
        """True when the query sets its own dataset with FROM or FROM NAMED."""
        return bool(self.from_graphs or self.from_named_graphs)


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


#: Deepest nesting of braces, parentheses and brackets a request may have. Oxigraph's parser
#: recurses once per level and a few thousand levels overflow its stack, killing the worker;
#: real queries stay far below this.
MAX_NESTING = 256


def _refuse_deep_nesting(text: str, tokens: list[Token]) -> None:
    for token in tokens:
        if token.kind == "open" and token.depth >= MAX_NESTING:
            raise QueryError(
                f"the request nests brackets more than {MAX_NESTING} deep (at "
                f"{_position(text, token.start)}); flatten it"
            )


def _refuse_network_keywords(text: str, tokens: list[Token]) -> None:
    _refuse_deep_nesting(text, tokens)
    for token in tokens:
        if token.keyword == "SERVICE":
            raise QueryError(
                f"SERVICE at {_position(text, token.start)} is not allowed: this endpoint does not "
                "send queries to other servers. Run the federated part against that server directly."
            )
        if token.keyword == "LOAD":
            raise QueryError(
                f"LOAD at {_position(text, token.start)} is not allowed: this endpoint does not fetch "
                "data from URLs. Load files with `procgraph load FILE --graph IRI` instead."
            )


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def resolve_iri(iri: str, base: str | None) -> str:
    """``iri`` resolved against ``base`` (RFC 3986), as the SPARQL parser resolves it.

    >>> resolve_iri("g1", "http://ex/a/q.rq"), resolve_iri("http://x/y", "http://ex/")
    ('http://ex/a/g1', 'http://x/y')
    """
    if _SCHEME.match(iri) or not base:
        return iri
    return urljoin(base, iri)


class _Prologue:
    """BASE and PREFIX declarations, to turn FROM's relative IRIs and prefixed names into IRIs."""

    def __init__(self, base: str | None = None):
        self.base = base
        self.prefixes: dict[str, str] = {}

    def resolve(self, token: Token) -> str | None:
        if token.kind == "iri":
            return resolve_iri(token.text[1:-1], self.base)
        if token.kind == "word" and ":" in token.text:
            prefix, _, local = token.text.partition(":")
            if prefix in self.prefixes:
                return self.prefixes[prefix] + local
        return None


def scan_query(text: str, base_iri: str | None = None) -> QueryInfo:
    """Check a query is allowed here and return its form and FROM graphs (IRIs resolved
    against the query's BASE, itself resolved against ``base_iri``).

    >>> scan_query("PREFIX g: <http://ex/> SELECT * FROM g:a FROM NAMED <http://ex/b> { ?s ?p ?o }")
    QueryInfo(form='SELECT', from_graphs=['http://ex/a'], from_named_graphs=['http://ex/b'])
    >>> scan_query("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    procgraph.errors.QueryError: SERVICE at line 1, column 12 is not allowed: ...
    """
    tokens = tokenize(text)
    _refuse_network_keywords(text, tokens)
    prologue = _Prologue(base_iri)
    info = QueryInfo(form=None)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if info.form is None and token.keyword == "BASE" and nxt is not None and nxt.kind == "iri":
            prologue.base = resolve_iri(nxt.text[1:-1], prologue.base)
        elif info.form is None and token.keyword == "PREFIX" and nxt is not None and i + 2 < len(tokens):
            prologue.prefixes[nxt.text.rstrip(":")] = resolve_iri(tokens[i + 2].text[1:-1], prologue.base)
        elif info.form is None and token.keyword in _FORMS and token.depth == 0:
            info.form = token.keyword
        elif token.keyword == "FROM" and token.depth == 0 and nxt is not None:
            named = nxt.keyword == "NAMED"
            target = tokens[i + 2] if named and i + 2 < len(tokens) else nxt
            iri = prologue.resolve(target)
            if iri is not None:
                (info.from_named_graphs if named else info.from_graphs).append(iri)
        i += 1
    return info


def scan_update(text: str) -> list[Token]:
    """Check an update is allowed here (no LOAD, no SERVICE) and return its tokens."""
    tokens = tokenize(text)
    _refuse_network_keywords(text, tokens)
    return tokens


def add_using_clauses(text: str, using: list[str], using_named: list[str]) -> str:
    """Write the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` into ``text``.

    Each DELETE/INSERT ... WHERE operation gets the USING clauses before its WHERE. An update
    that already names its dataset (USING, USING NAMED or WITH) together with these
    parameters is refused, as the SPARQL 1.1 Protocol requires.

    >>> add_using_clauses("INSERT { ?s a 1 } WHERE { ?s ?p ?o }", ["http://g/a"], [])
    'INSERT { ?s a 1 } USING <http://g/a> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return text
    tokens = scan_update(text)
    if any(t.keyword in ("USING", "WITH") and t.depth == 0 for t in tokens):
        raise QueryError(
            "the update names its dataset with USING or WITH and the request also sends "
            "using-graph-uri or using-named-graph-uri; send only one of the two"
        )
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named])
    pieces, last = [], 0
    before: list[Token | None] = [None, *tokens]
    for prev, token in zip(before, tokens):
        if token.keyword == "WHERE" and token.depth == 0 and not (prev and prev.keyword == "DELETE"):
            pieces.append(text[last : token.start])
            pieces.append(clause + " ")
            last = token.start
    pieces.append(text[last:])
    return "".join(pieces)
