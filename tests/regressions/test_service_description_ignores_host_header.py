"""Issue 13: ``sd:endpoint`` in the service description was built from the client's ``Host``
header, so any client could make the server describe itself at another address. It is built
from the address the server is bound to."""

from __future__ import annotations

import httpx
import pyoxigraph as ox

from procgraph.server import Settings
from tests.integration.server.conftest import make_store, serve

SD = "http://www.w3.org/ns/sparql-service-description#"


def test_sd_endpoint_is_the_bound_address(tmp_path):
    with (
        serve(Settings(store_path=make_store(tmp_path / "store"), workers=1, timeout_s=5)) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        response = client.get("/sparql", headers={"Accept": "application/n-triples", "Host": "evil.example:666"})
        assert response.status_code == 200
        triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        endpoints = [t.object.value for t in triples if t.predicate.value == SD + "endpoint"]
        assert endpoints == [server.url + "/sparql"]
        assert b"evil.example" not in response.content
        # relative IRIs in queries resolve against the same address
        base = client.get("/sparql", params={"query": "SELECT (<x> AS ?x) {}"}, headers={"Host": "evil.example"})
        assert base.json()["results"]["bindings"][0]["x"]["value"] == server.url + "/x"
