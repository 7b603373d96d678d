"""The SPARQL 1.1 Service Description returned by GET /sparql for RDF clients."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import Request, Response

from procgraph.queries.results import Format, write_graph
from procgraph.server.http import own_url

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
    "N-Quads",
)


def description_triples(endpoint: str, *, update: bool, union: bool = True) -> list[ox.Triple]:
    """Triples describing the endpoint at ``endpoint`` (with updates on or off)."""
    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.NamedNode(endpoint + "#dataset")
    default_graph = ox.NamedNode(endpoint + "#default-graph")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    if union:
        triples.append(ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")))
    if update:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + name)) for name in _RESULT_FORMATS]
    return triples


def service_description(request: Request, fmt: Format) -> Response:
    """The description of this endpoint in ``fmt``."""
    endpoint = own_url(request, request.url.path)  # the bound address, not the client's Host header
    settings = request.app.state.settings
    triples = description_triples(endpoint, update=settings.enable_update, union=settings.union_default_graph)
    body = write_graph(triples, fmt, len(triples) + 1, prefixes={"sd": SD, "formats": FORMATS_NS})
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})
