"""Hostile requests at the HTTP surface: each gets the right 4xx or 503, and others keep being served.

One read-only server over a small procgraph store (2 s deadline, 2 workers) takes the whole
list while a background client keeps asking a cheap question; every one of its answers must be
a 200. The updates are also sent to a second server that has updates on, without the token.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from procgraph.server import Settings

from .conftest import serve_in_thread

PG = "PREFIX pg: <https://w3id.org/procgraph/ontology#> "
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
SPARQL_UPDATE = {"Content-Type": "application/sparql-update"}
INSERT = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"

#: name -> (method, path, httpx keyword arguments, expected status, words the message must hold)
HOSTILE = {
    "SERVICE to a URL": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
        400,
        "SERVICE",
    ),
    "LOAD as a query": ("GET", "/sparql", {"params": {"query": "LOAD <http://example.org/data.ttl>"}}, 400, "LOAD"),
    "LOAD as an update": (
        "POST",
        "/sparql/update",
        {"content": "LOAD <http://example.org/data.ttl>", "headers": SPARQL_UPDATE},
        403,
        "read-only",
    ),
    # A graph the store does not hold reads as an empty graph (as SPARQL servers do); it is never fetched.
    "FROM a remote IRI": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT * FROM <http://example.org/remote.ttl> { ?s ?p ?o }"}},
        200,
        '"bindings": []',
    ),
    "FROM NAMED a remote IRI": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT * FROM NAMED <http://example.org/r.ttl> { GRAPH ?g { ?s ?p ?o } }"}},
        200,
        '"bindings": []',
    ),
    "cartesian product over the store": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"}},
        503,
        "time limit",
    ),
    "deep property path": (
        "GET",
        "/sparql",
        # counted, not listed: the work is all evaluation, so the deadline (not the row limit) stops it
        {
            "params": {
                "query": PG + "SELECT (COUNT(*) AS ?n) { ?a " + "/".join(["(pg:partOf|^pg:partOf)"] * 300) + " ?b }"
            }
        },
        503,
        "time limit",
    ),
    "cyclic property path": (
        "GET",
        "/sparql",
        {
            "params": {
                "query": "SELECT (COUNT(*) AS ?n) { ?a (!<http://example.org/none>|^!<http://example.org/none>)* ?b }"
            }
        },
        503,
        "time limit",
    ),
    "brackets nested 5,000 deep": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT * " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000}},
        400,
        "nests brackets",
    ),
    "a path nested 20,000 deep": (
        "POST",
        "/sparql",
        {
            "content": "SELECT * { ?a " + "(" * 20000 + "<http://example.org/p>" + ")" * 20000 + " ?b }",
            "headers": SPARQL_QUERY,
        },
        400,
        "nests brackets",
    ),
    "10 MB body": (
        "POST",
        "/sparql",
        {"content": b"ASK {} #" + b"x" * (10 * 2**20), "headers": SPARQL_QUERY},
        413,
        "limit",
    ),
    "invalid UTF-8 body": (
        "POST",
        "/sparql",
        {"content": b'SELECT * { ?s ?p "\xff\xfe" }', "headers": SPARQL_QUERY},
        400,
        "UTF-8",
    ),
    "invalid UTF-8 in a form": (
        "POST",
        "/sparql",
        {"content": b"query=ASK%20%7B%7D%FF", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        400,
        "UTF-8",
    ),
    "query in the URL and the body": (
        "POST",
        "/sparql",
        {"params": {"query": "ASK {}"}, "content": "ASK {}", "headers": SPARQL_QUERY},
        400,
        "send one",
    ),
    "query in the URL and a form field": (
        "POST",
        "/sparql",
        {"params": {"query": "ASK {}"}, "data": {"query": "ASK {}"}},
        400,
        "send one",
    ),
    "query twice in a form": (
        "POST",
        "/sparql",
        {
            "content": "query=ASK%7B%7D&query=ASK%7B%7D",
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        },
        400,
        "exactly one",
    ),
    "absurd Accept": (
        "GET",
        "/sparql",
        {
            "params": {"query": "SELECT * { ?s ?p ?o } LIMIT 1"},
            "headers": {"Accept": "application/x-absurd, image/png;q=0.9"},
        },
        406,
        "accepted",
    ),
    "3,000-type Accept": (
        "GET",
        "/sparql",
        {
            "params": {"query": "SELECT * { ?s ?p ?o } LIMIT 1"},
            "headers": {"Accept": ",".join(f"x/y{i};q=0.{i % 10}" for i in range(3000))},
        },
        406,
        "accepted",
    ),
    "garbage Accept": (
        "GET",
        "/sparql",
        {"params": {"query": "ASK {}"}, "headers": {"Accept": ";;;q=abc,,*/;q=2"}},
        406,
        "accepted",
    ),
    "update without a token (read-only)": (
        "POST",
        "/sparql/update",
        {"content": INSERT, "headers": SPARQL_UPDATE},
        403,
        "read-only",
    ),
    "update sent as a query": ("GET", "/sparql", {"params": {"query": INSERT}}, 400, "not valid SPARQL"),
    "update with GET": ("GET", "/sparql", {"params": {"update": INSERT}}, 400, "POST"),
    "unknown body type": (
        "POST",
        "/sparql",
        {"content": "ASK {}", "headers": {"Content-Type": "image/png"}},
        415,
        "POST",
    ),
}


@pytest.fixture(scope="module")
def server(built_store):
    with serve_in_thread(Settings(store_path=built_store, timeout_s=2, workers=2, cache_entries=0)) as running:
        yield running


class Bystander:
    """A client asking a cheap question in a loop; records every status it gets."""

    def __init__(self, url: str):
        self.url, self.statuses, self._stop = url, [], threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                self.statuses.append(client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code)
                self._stop.wait(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join(30)


def test_every_hostile_request_is_refused_while_others_are_served(server):
    answers = {}
    with Bystander(server.url) as bystander, httpx.Client(base_url=server.url, timeout=60) as client:
        for name, (method, path, kwargs, _, _) in HOSTILE.items():
            answers[name] = client.request(method, path, **kwargs)
    wrong = {
        name: (answers[name].status_code, answers[name].text[:120])
        for name, (_, _, _, status, words) in HOSTILE.items()
        if answers[name].status_code != status or words not in answers[name].text
    }
    assert not wrong
    assert bystander.statuses and set(bystander.statuses) == {200}


def test_updates_without_the_right_token_are_unauthorised(built_store, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    with (
        serve_in_thread(Settings(store_path=store, enable_update=True, update_token="t0ken", workers=1)) as running,
        httpx.Client(base_url=running.url, timeout=30) as client,
    ):
        count = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
        before = client.get("/sparql", params={"query": count}).json()
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dDBrZW4="}):
            response = client.post("/sparql/update", content=INSERT, headers={**SPARQL_UPDATE, **headers})
            assert response.status_code == 401 and "token" in response.text
        form = client.post("/sparql", data={"update": INSERT})
        assert form.status_code == 401
        assert client.get("/sparql", params={"query": count}).json() == before
