"""The reference path: the same shapes run by pySHACL, results in the fast path's form.

pySHACL implements SHACL in full but is slow on data of our size (seconds at 20k triples,
tens of seconds beyond), so procgraph uses it to prove the fast path right (tests) and as
``procgraph validate --engine pyshacl``. pySHACL validates every named graph of a dataset
apart, so the graphs are merged first: asserted graphs for ordinary shapes, everything for
shapes marked ``pgsh:requiresInference``.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import pyoxigraph as ox
import rdflib
from rdflib import RDF, BNode, Literal, URIRef

from procgraph.validate.engine import Result, datasets
from procgraph.validate.shapes import PGSH, SH, ShapeError, literal_value, load_shapes_graph


def merged_graph(store: ox.Store, graphs: list) -> rdflib.Graph:
    """The given graphs of ``store`` merged into one rdflib graph (duplicates collapse)."""
    out = rdflib.Graph()
    lines = []
    for graph in graphs:
        for triple in store.quads_for_pattern(None, None, None, graph):
            lines.append(f"{triple.subject} {triple.predicate} {triple.object} .")
    out.parse(data="\n".join(lines), format="nt")
    return out


@lru_cache(maxsize=256)
def _translated(text: str, base: str | None, namespaces: tuple):
    from rdflib.plugins.sparql import processor

    return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces) or None)


@contextmanager
def _queries_parsed_once():
    """Let rdflib parse each SPARQL text once while pySHACL runs.

    pySHACL evaluates a SPARQL constraint once per focus node, passing the same query text
    with a different ``$this`` binding, and rdflib parses the text every time (about 0.1 s
    for our constraints, most of pySHACL's run). Parsing and translating a text gives the
    same algebra every time, and rdflib evaluates one translated query with any bindings,
    so keeping the translation (:func:`_translated`) changes nothing but the time.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query

    def query(self, str_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(str_or_query, str):
            str_or_query = _translated(str_or_query, base, tuple(sorted((initNs or {}).items())))
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def _only(shapes: rdflib.Graph, inferred: bool) -> rdflib.Graph:
    """A copy of the shapes with the shapes of the other kind deactivated."""
    copy = rdflib.Graph()
    for triple in shapes:
        copy.add(triple)
    for shape in set(shapes.subjects(PGSH.aspect, None)):
        needs = bool(literal_value(shapes, shape, PGSH.requiresInference, False))
        if needs != inferred:
            copy.add((shape, SH.deactivated, Literal(True)))
    return copy


def nt(term) -> str | None:
    """An rdflib term in the N-Triples form pyoxigraph prints (language tags in lower case)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(ox.NamedNode(str(term)))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        return str(
            ox.Literal(
                str(term), datatype=ox.NamedNode(str(term.datatype or "http://www.w3.org/2001/XMLSchema#string"))
            )
        )
    raise TypeError(f"unexpected term {term!r}")


def pyshacl_results(store: ox.Store, shapes: rdflib.Graph | None = None) -> tuple[list[Result], rdflib.Graph]:
    """Results of pySHACL on ``store`` (sorted, fast-path form) and its raw report graphs merged."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes_graph()
    asserted, everything = datasets(store)
    results, raw = [], rdflib.Graph()
    for inferred, graphs in ((False, asserted), (True, everything)):
        with _queries_parsed_once():
            _, report, _ = pyshacl.validate(
                merged_graph(store, graphs), shacl_graph=_only(shapes, inferred), advanced=True, inference="none"
            )
        if not isinstance(report, rdflib.Graph):  # pySHACL returns its ValidationFailure instead of a report
            raise ShapeError(f"pySHACL cannot run the shapes: {getattr(report, 'message', report)}")
        raw += report
        results += [_result(report, node, shapes) for node in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(set(results)), raw


def _result(report: rdflib.Graph, node, shapes: rdflib.Graph) -> Result:
    messages = {_language(m): str(m) for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)}
    shape = report.value(node, SH.sourceShape)
    path = report.value(node, SH.resultPath)
    return Result(
        shape=str(shape),
        focus=nt(report.value(node, SH.focusNode)) or "",  # every result has one
        component=str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
        value=nt(report.value(node, SH.value)),
        path=_path_text(shapes, shape) if path is not None else None,
        severity=str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
        message_zh=messages.get("zh-Hans", ""),
        message_en=messages.get("en", ""),
    )


def _language(message: Literal) -> str:
    """The message's language; pySHACL drops the tags of SPARQL constraints' messages."""
    if message.language:
        return message.language
    return "zh-Hans" if any("\u4e00" <= ch <= "\u9fff" for ch in str(message)) else "en"


def _path_text(shapes: rdflib.Graph, shape) -> str | None:
    from procgraph.validate.shapes import _path  # the same rendering as the compiler's

    node = shapes.value(shape, SH.path)
    return _path(shapes, node, shape, "") if node is not None else None
