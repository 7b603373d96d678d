"""How the pages read the graph: SPARQL through the server's backend, results as Python values.

Pages never open the store themselves. They send SELECT and CONSTRUCT queries to the same
backend that answers ``/sparql`` (worker processes with a deadline on the embedded store, or
a remote SPARQL store), so a page obeys the endpoint's limits and works with either backend.
Results arrive as SPARQL JSON and are turned into :class:`Term` values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from procgraph.graph.iris import BASE
from procgraph.namespaces import PREFIXES
from procgraph.server.errors import ProtocolError
from procgraph.server.execute import QueryRequest
from procgraph.server.pages.i18n import normalise

#: PREFIX lines every page query starts with (``pg:``, ``pcf:``, ``skos:``, ``dcterms:``…).
PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
GRAPH_BASE = "https://w3id.org/procgraph/graph/"
INFERRED_GRAPH = GRAPH_BASE + "inferred"


@dataclass(frozen=True)
class Term:
    """One RDF term of a result: its value, and for literals the (lower-case) language tag."""

    value: str
    kind: str = "uri"
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    @property
    def number(self) -> float | None:
        try:
            return float(self.value)
        except ValueError:
            return None


def _term(cell: dict) -> Term:
    return Term(cell["value"], cell["type"], cell.get("xml:lang"))


def parse_results(body: bytes) -> list[dict[str, Term]]:
    """SPARQL JSON results as a list of {variable: Term} (unbound variables left out)."""
    document = json.loads(body)
    return [{name: _term(cell) for name, cell in row.items()} for row in document["results"]["bindings"]]


async def select(request, query: str) -> list[dict[str, Term]]:
    """Run a SELECT (prefixes added) on the app's backend over the union of all graphs."""
    settings = request.app.state.settings
    payload = QueryRequest(
        query=PREFIX_LINES + query, accept="application/sparql-results+json", max_rows=settings.max_rows
    )
    answer = await request.app.state.backend.call("query", payload)
    if answer.status != 200:  # a deadline (503) or a limit: the app's error handler answers it
        raise ProtocolError(answer.status, answer.body.decode("utf-8", "replace").strip())
    return parse_results(answer.body)


async def construct_ntriples(request, query: str) -> bytes:
    """Run a CONSTRUCT (prefixes added) and return its triples as N-Triples."""
    settings = request.app.state.settings
    payload = QueryRequest(query=PREFIX_LINES + query, accept="application/n-triples", max_rows=settings.max_rows)
    answer = await request.app.state.backend.call("query", payload)
    return answer.body


def iri(value: str) -> str:
    """``<value>`` for a SPARQL query, refusing anything that could break out of the IRI."""
    if any(ch in value for ch in '<>"{}|^`\\ \n\t'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def literal(value: str) -> str:
    """A SPARQL string literal for ``value`` (escaped with JSON rules, which SPARQL accepts)."""
    return json.dumps(value, ensure_ascii=False)


def lang_of(term: Term) -> str | None:
    """Our spelling of a literal's language (Oxigraph stores tags in lower case)."""
    if not term.lang:
        return None
    if term.lang.lower() in ("zh-hans", "zh-hant", "zh-hant-tw", "en"):
        return normalise(term.lang)
    return None


def local_path(iri: str) -> str:
    """Where an IRI under ``https://w3id.org/procgraph/`` resolves on this server (others unchanged).

    >>> local_path("https://w3id.org/procgraph/std/gbpm-8/20610/risk/1")
    '/std/gbpm-8/20610/risk/1'
    """
    return "/" + iri[len(BASE) :] if iri.startswith(BASE) else iri
