"""Standard SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) work against the endpoint unchanged."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from .conftest import EX, GRAPH_A

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_ask_construct(server, method):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    endpoint = SPARQLWrapper.SPARQLWrapper(server.url + "/sparql")
    endpoint.setMethod(method)
    endpoint.setReturnFormat(SPARQLWrapper.JSON)
    endpoint.setQuery(f"SELECT ?o WHERE {{ <{EX}risk1> <{LABEL}> ?o }}")
    rows = endpoint.query().convert()["results"]["bindings"]
    assert sorted(r["o"]["value"] for r in rows) == ["poor communication", "沟通不畅"]
    endpoint.setQuery(f"ASK {{ <{EX}risk1> ?p ?o }}")
    assert endpoint.query().convert()["boolean"] is True
    endpoint.setReturnFormat(SPARQLWrapper.XML)
    endpoint.setQuery(f"ASK {{ <{EX}nothing> ?p ?o }}")
    assert endpoint.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "false"
    endpoint.setReturnFormat(SPARQLWrapper.TURTLE)
    endpoint.setQuery(f"CONSTRUCT WHERE {{ <{EX}risk1> <{LABEL}> ?o }}")
    graph = Graph().parse(data=endpoint.query().convert(), format="turtle")
    assert (URIRef(EX + "risk1"), URIRef(LABEL), Literal("poor communication", lang="en")) in graph


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.url + "/sparql")
    graph = Graph(store=store)
    rows = list(graph.query(f"SELECT ?o WHERE {{ <{EX}risk1> <{LABEL}> ?o }}"))
    assert sorted(str(r[0]) for r in rows) == ["poor communication", "沟通不畅"]
    named = Graph(store=store, identifier=URIRef(GRAPH_A))
    assert len(list(named.triples((URIRef(EX + "risk1"), None, None)))) == 3
    store.close()
