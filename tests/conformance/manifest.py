"""Read the W3C SPARQL 1.1 test manifests into test cases (as Oxigraph's testsuite does).

A manifest (``mf:Manifest``) lists its tests in ``mf:entries`` and other manifests in
``mf:include``; each test has a type (``mf:QueryEvaluationTest``, ``mf:PositiveSyntaxTest11``,
``mf:UpdateEvaluationTest``, ``mf:ProtocolTest``, ...), an ``mf:action`` (``qt:query`` with
``qt:data`` / ``qt:graphData``; ``ut:request`` with ``ut:data`` / ``ut:graphData``; or HTTP
requests, ``ht:requests``) and an ``mf:result``. Manifests are parsed with their canonical
W3C IRIs as base, so graph names and expected IRIs are the ones the tests were written for;
:func:`local` maps such an IRI back to the file in ``../shared/w3c-rdf-tests``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-rdf-tests" / "sparql" / "sparql11"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

#: Manifest directories per suite. Query evaluation: every sparql11 query suite except
#: SERVICE (federation) and entailment regimes.
QUERY_DIRS = (
    "aggregates",
    "bind",
    "bindings",
    "cast",
    "construct",
    "csv-tsv-res",
    "exists",
    "functions",
    "grouping",
    "json-res",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
)
UPDATE_DIRS = (
    "add",
    "basic-update",
    "clear",
    "copy",
    "delete",
    "delete-data",
    "delete-insert",
    "delete-where",
    "drop",
    "move",
    "update-silent",
)
SYNTAX_DIRS = ("syntax-query", "syntax-update-1", "syntax-update-2")

SUITE_OF_TYPE = {
    "QueryEvaluationTest": "query",
    "CSVResultFormatTest": "query",
    "PositiveSyntaxTest11": "syntax",
    "NegativeSyntaxTest11": "syntax",
    "PositiveUpdateSyntaxTest11": "syntax",
    "NegativeUpdateSyntaxTest11": "syntax",
    "UpdateEvaluationTest": "update",
    "ProtocolTest": "protocol",
    "GraphStoreProtocolTest": "graph-store",
    "ServiceDescriptionTest": "service-description",
}


def available() -> bool:
    return (ROOT / "manifest-all.ttl").is_file()


def local(iri: str) -> Path:
    """The file of a test IRI under :data:`BASE`."""
    if not iri.startswith(BASE):
        raise ValueError(f"{iri} is not a test file IRI")
    return ROOT / iri[len(BASE) :]


@dataclass
class Request:
    """One HTTP request of a protocol test and what its response must be."""

    method: str
    path: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str | None = None
    status: list[str] = field(default_factory=list)  # hts: local names (OK, StatusCode2xx, ...)
    boolean: bool | None = None
    format: str | None = None  # boolean | tabular | RDF
    location: str | None = None  # template variable for the Location header
    response_type: str | None = None
    response_body: str | None = None


@dataclass
class Case:
    """One manifest entry."""

    iri: str
    kind: str
    name: str
    manifest: str  # directory name
    query: str | None = None  # file IRI of the query or update
    data: list[str] = field(default_factory=list)  # default graph files
    graph_data: list[tuple[str, str]] = field(default_factory=list)  # (file IRI, graph name)
    result: str | None = None  # expected result file IRI (query tests)
    result_data: list[str] = field(default_factory=list)  # update tests: expected default graph
    result_graph_data: list[tuple[str, str]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    @property
    def suite(self) -> str:
        return SUITE_OF_TYPE[self.kind]

    @property
    def id(self) -> str:
        """``directory/name``: how the expected-failures file names a test."""
        return f"{self.manifest}/{self.iri.rsplit('#', 1)[-1]}"


def _objects(store: ox.Store, subject, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _one(store: ox.Store, subject, predicate: str):
    values = _objects(store, subject, predicate)
    return values[0] if values else None


def _list(store: ox.Store, head) -> list:
    items = []
    while head is not None and head != ox.NamedNode(RDF + "nil"):
        items.append(_one(store, head, RDF + "first"))
        head = _one(store, head, RDF + "rest")
    return items


def _graph_data(store: ox.Store, node, predicate: str) -> list[tuple[str, str]]:
    found = []
    for item in _objects(store, node, predicate):
        if isinstance(item, ox.NamedNode):
            found.append((item.value, item.value))
        else:
            graph, label = _one(store, item, UT + "graph"), _one(store, item, RDFS + "label")
            found.append((graph.value, label.value))
    return found


def _requests(store: ox.Store, action) -> list[Request]:
    out = []
    for node in _list(store, _one(store, action, HT + "requests")):
        body = _one(store, node, HT + "body")
        response = _one(store, node, HT + "resp")
        headers = [
            (_one(store, h, HT + "fieldName").value, _one(store, h, HT + "fieldValue").value)
            for h in _list(store, _one(store, node, HT + "headers"))
        ]
        request = Request(
            method=_one(store, node, HT + "methodName").value,
            path=_one(store, node, HT + "absolutePath").value,
            headers=headers,
            body=_one(store, body, CNT + "chars").value if body is not None else None,
        )
        if response is not None:
            request.status = [s.value.rsplit("#", 1)[-1] for s in _objects(store, response, MF + "expectedStatus")]
            boolean = _one(store, response, MF + "expectedBoolean")
            request.boolean = None if boolean is None else boolean.value == "true"
            fmt = _one(store, response, MF + "expectedFormat")
            request.format = fmt.value if fmt is not None else None
            location = _one(store, response, MF + "expectedLocation")
            request.location = location.value if location is not None else None
            response_headers = [
                (_one(store, h, HT + "fieldName").value.lower(), _one(store, h, HT + "fieldValue").value)
                for h in _list(store, _one(store, response, HT + "headers"))
            ]
            request.response_type = dict(response_headers).get("content-type")
            response_body = _one(store, response, HT + "body")
            if response_body is not None:
                request.response_body = _one(store, response_body, CNT + "chars").value
        out.append(request)
    return out


def _case(store: ox.Store, test, manifest: str) -> Case | None:
    kind = _one(store, test, RDF + "type")
    kind = kind.value.rsplit("#", 1)[-1] if kind is not None else None
    if kind not in SUITE_OF_TYPE:
        return None
    name = _one(store, test, MF + "name")
    case = Case(iri=test.value, kind=kind, name=name.value if name is not None else test.value, manifest=manifest)
    action = _one(store, test, MF + "action")
    if isinstance(action, ox.NamedNode):  # syntax tests: the action is the query file
        case.query = action.value
    elif action is not None:
        query = _one(store, action, QT + "query") or _one(store, action, UT + "request")
        case.query = query.value if query is not None else None
        case.data = [d.value for d in _objects(store, action, QT + "data") + _objects(store, action, UT + "data")]
        case.graph_data = _graph_data(store, action, QT + "graphData") + _graph_data(store, action, UT + "graphData")
        if _one(store, action, HT + "requests") is not None:
            case.requests = _requests(store, action)
    case.graph_data += _graph_data(store, test, UT + "graphData")  # protocol tests put it on the test
    result = _one(store, test, MF + "result")
    if isinstance(result, ox.NamedNode):
        case.result = result.value
    elif result is not None:
        case.result_data = [d.value for d in _objects(store, result, UT + "data")]
        case.result_graph_data = _graph_data(store, result, UT + "graphData")
    return case


def read_manifest(path: Path) -> list[Case]:
    """The test cases of one manifest file and of the manifests it includes, in order."""
    iri = BASE + path.relative_to(ROOT).as_posix()
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=iri)
    manifest = ox.NamedNode(iri)
    cases = []
    for included in _list(store, _one(store, manifest, MF + "include")):
        cases += read_manifest(local(included.value))
    directory = path.parent.name
    for test in _list(store, _one(store, manifest, MF + "entries")):
        case = _case(store, test, directory)
        if case is not None:
            cases.append(case)
    return cases


def cases_in(directories: tuple[str, ...], suite: str | None = None) -> list[Case]:
    """Every case of ``directories`` (each with its ``manifest.ttl``), of ``suite`` if given."""
    if not available():
        return []
    found = []
    for directory in directories:
        found += [c for c in read_manifest(ROOT / directory / "manifest.ttl") if suite is None or c.suite == suite]
    return found
