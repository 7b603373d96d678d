"""Run W3C test cases against procgraph's own HTTP endpoint.

One :class:`Endpoint` per suite: a real server on 127.0.0.1 with updates enabled, over a
throwaway store. Query evaluation data is written into the store before the server starts
(every data file of the suite as its own named graph, named by its W3C IRI, the way
``procgraph load --graph`` writes files), and each test names its dataset with
``default-graph-uri`` / ``named-graph-uri``. Update, protocol and Graph Store tests reset the
store with ``DROP ALL`` and load their data through the Graph Store Protocol.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urljoin

import httpx
import pyoxigraph as ox

from procgraph.server import Settings
from procgraph.store.loading import EXTENSIONS
from procgraph.store.local import write_store
from tests.conformance import compare
from tests.conformance.manifest import BASE, Case, local
from tests.integration.server.conftest import RunningServer

TOKEN = "conformance-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: A graph no test names: a dataset made of it is empty.
EMPTY = "urn:x-procgraph-conformance:empty"
FORM = "application/x-www-form-urlencoded"


class Failure(AssertionError):
    pass


def rdf_format(path: Path) -> ox.RdfFormat:
    return EXTENSIONS[path.suffix.lstrip(".").lower()]


def _quads(iri: str, graph: ox.NamedNode) -> list[ox.Quad]:
    path = local(iri)
    return [
        ox.Quad(q.subject, q.predicate, q.object, graph)
        for q in ox.parse(path=str(path), format=rdf_format(path), base_iri=iri)
    ]


class Endpoint:
    """A procgraph server for one suite, and the client that talks to it."""

    def __init__(self, *, preload: list[str] = (), union_default_graph: bool = True):
        self.tmp = tempfile.TemporaryDirectory(prefix="procgraph-conformance-")
        store = Path(self.tmp.name) / "store"
        quads = []
        for iri in dict.fromkeys(preload):
            quads += _quads(iri, ox.NamedNode(iri))
        write_store(quads, store)
        settings = Settings(
            store_path=store,
            enable_update=True,
            update_token=TOKEN,
            timeout_s=20,
            workers=2,
            cache_entries=0,
            union_default_graph=union_default_graph,
        )
        self.server = RunningServer(settings).__enter__()
        self.url = self.server.url
        self.client = httpx.Client(base_url=self.url, timeout=60)

    def close(self) -> None:
        self.client.close()
        self.server.__exit__(None, None, None)
        self.tmp.cleanup()

    # -- dataset handling through the protocols ----------------------------------------------
    def reset(self, data: list[str] = (), graph_data: list[tuple[str, str]] = ()) -> None:
        self.update("DROP ALL")
        for iri in data:
            self.put(None, iri)
        for iri, name in graph_data:
            self.put(name, iri, post=True)

    def update(self, text: str, params=None) -> httpx.Response:
        response = self.client.post(
            "/sparql/update",
            content=text.encode("utf-8"),
            params=params,
            headers={"Content-Type": "application/sparql-update", **AUTH},
        )
        return response

    def put(self, graph: str | None, iri: str, post: bool = False) -> None:
        path = local(iri)
        params = {"graph": graph} if graph else {"default": ""}
        body = (
            ox.serialize(ox.parse(path=str(path), format=rdf_format(path), base_iri=iri), format=ox.RdfFormat.N_QUADS)
            if rdf_format(path).supports_datasets
            else None
        )
        if body is None:
            data = path.read_bytes()
            media = rdf_format(path).media_type
            if rdf_format(path) == ox.RdfFormat.TURTLE:  # relative IRIs resolve against the file's IRI
                data = f"@base <{iri}> .\n".encode() + data
        else:
            data, media = body, "application/n-triples"
        response = self.client.request(
            "POST" if post else "PUT",
            "/graph-store",
            params=params,
            content=data,
            headers={"Content-Type": media, **AUTH},
        )
        if response.status_code >= 300:
            raise Failure(f"loading {iri} failed: {response.status_code} {response.text}")

    def graph(self, name: str | None) -> list[ox.Triple]:
        params = {"graph": name} if name else {"default": ""}
        response = self.client.get("/graph-store", params=params, headers={"Accept": "application/n-triples"})
        if response.status_code == 404:
            return []
        return [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]

    def named_graphs(self) -> list[str]:
        response = self.client.get("/sparql", params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"})
        return [b["g"]["value"] for b in response.json()["results"]["bindings"]]


# -- the kinds of test --------------------------------------------------------------------------


def _text(iri: str) -> str:
    return local(iri).read_text(encoding="utf-8")


def _with_base(text: str, iri: str) -> str:
    """The query or update with its file's IRI as BASE (the endpoint's URL is the default base)."""
    return f"BASE <{iri}>\n{text}"


def _has_dataset(query: str) -> bool:
    stripped = re.sub(r"#[^\n]*|\"[^\"]*\"|'[^']*'|<[^>]*>", " ", query)
    return bool(re.search(r"\bFROM\b", stripped, re.IGNORECASE))


def run_query_evaluation(endpoint: Endpoint, case: Case) -> None:
    query = _text(case.query)
    params: list[tuple[str, str]] = [("query", _with_base(query, case.query))]
    if not _has_dataset(query):
        params += [("default-graph-uri", iri) for iri in case.data]
        params += [("named-graph-uri", name) for _iri, name in case.graph_data]
        if not case.data and not case.graph_data:
            params.append(("named-graph-uri", EMPTY))
    extension = case.result.rsplit(".", 1)[-1]
    if extension in compare.RESULT_FORMATS:
        accept = compare.RESULT_MEDIA[extension]
    else:
        accept = "application/n-triples, application/sparql-results+json;q=0.9"
    response = endpoint.client.post(
        "/sparql", content=urlencode(params).encode(), headers={"Accept": accept, "Content-Type": FORM}
    )
    if response.status_code != 200:
        raise Failure(f"HTTP {response.status_code}: {response.text}")
    actual = _parse_answer(response)
    path = local(case.result)
    if extension == "csv":
        expected = compare.Answer.parse_csv(path.read_bytes())
    elif extension in compare.RESULT_FORMATS:
        expected = compare.Answer.parse_results(path.read_bytes(), compare.RESULT_FORMATS[extension])
    else:
        expected = compare.Answer.parse_graph(path.read_bytes(), rdf_format(path), base_iri=case.result)
        if actual.triples is None and any(t.object == ox.NamedNode(compare.RS + "ResultSet") for t in expected.triples):
            expected = compare.Answer.parse_result_set_graph(expected.triples)
    if not compare.equivalent(expected, actual, ordered=compare.is_ordered(query)):
        raise Failure(f"expected:\n{expected.describe()}\n\ngot:\n{actual.describe()}")


def _parse_answer(response: httpx.Response) -> compare.Answer:
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media == "text/csv":
        return compare.Answer.parse_csv(response.content)
    for extension, known in compare.RESULT_MEDIA.items():
        if media == known:
            return compare.Answer.parse_results(response.content, compare.RESULT_FORMATS[extension])
    return compare.Answer.parse_graph(response.content, ox.RdfFormat.from_media_type(media))


def run_syntax(endpoint: Endpoint, case: Case) -> None:
    text = _with_base(_text(case.query), case.query)
    positive = case.kind.startswith("Positive")
    if "Update" in case.kind:
        response = endpoint.update(text)
    else:
        response = endpoint.client.post("/sparql", data={"query": text, "named-graph-uri": EMPTY})
    if positive and response.status_code == 400 and "could not be evaluated" not in response.text:
        raise Failure(f"a valid request was refused: {response.text}")
    if positive and response.status_code >= 500:
        raise Failure(f"HTTP {response.status_code}: {response.text}")
    if not positive and response.status_code != 400:
        raise Failure(f"an invalid request was answered {response.status_code}, not 400")


def run_update_evaluation(endpoint: Endpoint, case: Case) -> None:
    endpoint.reset(case.data, case.graph_data)
    response = endpoint.update(_with_base(_text(case.query), case.query))
    if response.status_code >= 300:
        raise Failure(f"HTTP {response.status_code}: {response.text}")
    expected_default = [t for iri in case.result_data for t in (q.triple for q in _quads(iri, ox.NamedNode(iri)))]
    problems = []
    if not compare.same_graph(expected_default, endpoint.graph(None)):
        problems.append("the default graph differs:\n" + "\n".join(map(str, endpoint.graph(None))))
    expected_named = {}
    for iri, name in case.result_graph_data:
        expected_named.setdefault(name, []).extend(q.triple for q in _quads(iri, ox.NamedNode(iri)))
    expected_named = {k: v for k, v in expected_named.items() if v}
    actual_names = set(endpoint.named_graphs())
    if actual_names != set(expected_named):
        problems.append(f"named graphs {sorted(actual_names)}, expected {sorted(expected_named)}")
    for name, triples in expected_named.items():
        if name in actual_names and not compare.same_graph(triples, endpoint.graph(name)):
            problems.append(f"graph <{name}> differs:\n" + "\n".join(map(str, endpoint.graph(name))))
    if problems:
        raise Failure("\n".join(problems))


_STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}


def _status_ok(status: int, expected: list[str]) -> bool:
    if not expected:
        return True
    for name in expected:
        if name.startswith("StatusCode") and status // 100 == int(name[len("StatusCode")]):
            return True
        if _STATUS.get(name) == status:
            return True
    return False


def _map_path(path: str, url: str) -> str:
    for prefix, ours in (("/sparql/", "/sparql"), ("/gsp", "/graph-store")):
        if path.startswith(prefix):
            rest = path[len(prefix) :]
            if prefix == "/sparql/" and rest.startswith("/"):
                rest = rest[1:]
            return ours + rest
    return path


def run_http(endpoint: Endpoint, case: Case) -> None:
    """A protocol or Graph Store test: its requests in order, each response checked."""
    endpoint.reset([], case.graph_data)
    variables: dict[str, str] = {}
    for number, request in enumerate(case.requests, 1):
        path, body = _map_path(request.path, endpoint.url), request.body
        for name, value in variables.items():
            path = path.replace(name, value)
            body = body.replace(name, value) if body is not None else None
        headers = dict(request.headers)
        headers.update(AUTH)
        content = body.encode("utf-8") if body is not None else None
        if (
            body is not None
            and "charset=" in headers.get("content-type", "").lower()
            and "utf-8" not in headers["content-type"].lower()
        ):
            content = body.encode(headers["content-type"].lower().split("charset=")[1].strip(), errors="replace")
        response = endpoint.client.request(request.method, path, content=content, headers=headers)
        where = f"request {number} ({request.method} {path})"
        if not _status_ok(response.status_code, request.status):
            raise Failure(f"{where}: HTTP {response.status_code}, expected {request.status}: {response.text[:500]}")
        if request.location:
            if "location" not in response.headers:
                raise Failure(f"{where}: no Location header")
            variables[request.location] = urljoin(endpoint.url + path, response.headers["location"])
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if request.format == "boolean" or request.boolean is not None:
            answer = _parse_answer(response)
            if answer.boolean is None or (request.boolean is not None and answer.boolean != request.boolean):
                raise Failure(f"{where}: expected boolean {request.boolean}, got {answer.describe()}")
        elif request.format == "tabular" and media not in compare.RESULT_MEDIA.values():
            raise Failure(f"{where}: expected a results table, got {media}")
        elif request.format == "RDF":
            try:
                ox.RdfFormat.from_media_type(media)
            except ValueError:
                raise Failure(f"{where}: expected RDF, got {media}") from None
        if request.response_body is not None and request.method != "HEAD":
            fmt = ox.RdfFormat.from_media_type((request.response_type or "text/turtle").split(";")[0].strip())
            expected = [
                q.triple for q in ox.parse(request.response_body.encode(), format=fmt, base_iri=endpoint.url + path)
            ]
            actual = [
                q.triple
                for q in ox.parse(
                    response.content, format=ox.RdfFormat.from_media_type(media), base_iri=endpoint.url + path
                )
            ]
            if not compare.same_graph(expected, actual):
                raise Failure(f"{where}: the graph differs:\n{response.text}")


def run_service_description(endpoint: Endpoint, case: Case) -> None:
    response = endpoint.client.get("/sparql", headers={"Accept": "text/turtle"})
    if response.status_code != 200:
        raise Failure(f"HTTP {response.status_code}")
    triples = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)]
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    services = {t.subject for t in triples if t.predicate.value == rdf_type and t.object.value == sd + "Service"}
    name = case.iri.rsplit("#", 1)[-1]
    if name == "has-endpoint-triple":
        endpoints = {t.object.value for t in triples if t.predicate.value == sd + "endpoint" and t.subject in services}
        if endpoint.url + "/sparql" not in endpoints:
            raise Failure(f"no sd:endpoint <{endpoint.url}/sparql> in {sorted(endpoints)}")
    elif name == "conforms-to-schema":
        languages = {t.object.value for t in triples if t.predicate.value == sd + "supportedLanguage"}
        if (
            len(services) != 1
            or not languages <= {sd + "SPARQL10Query", sd + "SPARQL11Query", sd + "SPARQL11Update"}
            or not languages
        ):
            raise Failure(f"services {services}, languages {languages}")
    elif not triples:
        raise Failure("the service description is empty")


RUNNERS = {
    "query": run_query_evaluation,
    "syntax": run_syntax,
    "update": run_update_evaluation,
    "protocol": run_http,
    "graph-store": run_http,
    "service-description": run_service_description,
}


def query_data(cases: list[Case]) -> list[str]:
    """Every data file the query evaluation cases read (preloaded as named graphs)."""
    files = []
    for case in cases:
        files += case.data + [iri for iri, _name in case.graph_data]
        if case.query and _has_dataset(_text(case.query)):
            query = _text(case.query)
            files += [urljoin(case.query, m) for m in re.findall(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", query, re.I)]
    return [f for f in dict.fromkeys(files) if f.startswith(BASE) and local(f).is_file()]
