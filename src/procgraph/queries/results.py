"""The answer formats (SPARQL results and RDF) and their writers, stopping at the row limit.

SELECT solutions are written here (JSON, XML, CSV, TSV, as the SPARQL 1.1 results formats
define them) rather than by pyoxigraph, because pyoxigraph's serializer consumes the whole
iterator and the endpoint must stop at :data:`~procgraph.server.settings.MAX_RESULT_ROWS`.
Graphs (CONSTRUCT, DESCRIBE) are collected up to the limit and written by pyoxigraph.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from procgraph.errors import QueryError

# The C-accelerated JSON string encoder (quotes included) that json.dumps(ensure_ascii=False) uses.
_quote = json.encoder.encode_basestring


@dataclass(frozen=True)
class Format:
    """One serialization: a short name, the media type sent back, and the ones it answers to."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    extension: str = ""
    names: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        textual = (
            self.media_type.startswith("text/")
            or self.media_type.endswith(("json", "xml"))
            or self.name in ("nt", "nq", "trig")
        )
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), "srj"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "srx"),
    Format("csv", "text/csv", (), "csv"),
    Format("tsv", "text/tab-separated-values", (), "tsv", ("tab",)),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("ttl", "text/turtle", ("application/x-turtle",), "ttl", ("turtle",)),
    Format("nt", "application/n-triples", ("text/plain",), "nt", ("ntriples", "n-triples")),
    Format("jsonld", "application/ld+json", ("application/json",), "jsonld", ("json-ld", "json")),
    Format("rdf", "application/rdf+xml", ("application/xml", "text/xml"), "rdf", ("xml", "rdfxml", "rdf/xml")),
    Format("trig", "application/trig", (), "trig"),
    Format("nq", "application/n-quads", (), "nq", ("nquads", "n-quads")),
)

FORMATS = {"results": RESULT_FORMATS, "graph": GRAPH_FORMATS}


def format_named(name: str) -> Format:
    """The result or graph format called ``name`` (``json``, ``csv``, ``ttl`` …).

    >>> format_named("json").media_type
    'application/sparql-results+json'
    """
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def graph_format(name: str) -> Format:
    """The RDF serialization a name stands for: its short name, another of its names, or its
    file extension (``turtle``, ``xml`` and ``rdf`` as well as ``ttl``); the export command
    takes its media types and extensions from here too.

    >>> graph_format("turtle").media_type, graph_format("xml").extension
    ('text/turtle', 'rdf')
    """
    wanted = name.strip().lower()
    for fmt in GRAPH_FORMATS:
        if wanted in (fmt.name, fmt.extension) + fmt.names:
            return fmt
    raise KeyError(name)


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}


class TooManyRows(QueryError):
    """The answer holds more rows than the server's limit."""


def _capped(items: Iterable, max_rows: int, what: str) -> Iterator:
    for count, item in enumerate(items):
        if count >= max_rows:
            raise TooManyRows(
                f"the answer has more than {max_rows:,} {what}, this server's limit; add LIMIT "
                "(and OFFSET to page through it) or narrow the query"
            )
        yield item


def _json_term(term) -> dict:
    """A term as a SPARQL 1.1 JSON results object (SPARQL 1.2's triple terms included)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _json_term_text(term) -> str:
    """``json.dumps(_json_term(term), ensure_ascii=False)``, written directly: the hot path of a
    SELECT answer (a fresh lookup spends more in writing than the engine in evaluating).

    >>> _json_term_text(ox.Literal("风险", language="zh-hans"))
    '{"type": "literal", "value": "风险", "xml:lang": "zh-hans"}'
    """
    kind = type(term)
    if kind is ox.NamedNode:
        return '{"type": "uri", "value": ' + _quote(term.value) + "}"
    if kind is ox.Literal:
        if term.language:
            return '{"type": "literal", "value": ' + _quote(term.value) + ', "xml:lang": ' + _quote(term.language) + "}"
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return '{"type": "literal", "value": ' + _quote(term.value) + "}"
        return '{"type": "literal", "value": ' + _quote(term.value) + ', "datatype": ' + _quote(datatype) + "}"
    if kind is ox.BlankNode:
        return '{"type": "bnode", "value": ' + _quote(term.value) + "}"
    return json.dumps(_json_term(term), ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def _csv_field(term) -> str:
    if term is None:
        return ""
    text = (
        term.value
        if isinstance(term, (ox.NamedNode, ox.Literal))
        else f"_:{term.value}"
        if isinstance(term, ox.BlankNode)
        else str(term)
    )
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term) -> str:
    """A term in N-Triples syntax, which pyoxigraph's ``str`` gives (tabs and newlines escaped)."""
    return "" if term is None else str(term)


# Comments, strings and IRIs, which may hold text that looks like a variable or a keyword.
_NOT_CODE = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|"
    r"<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.S,
)
_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)")


def projection_order(query: str, names: list[str]) -> list[str]:
    """``names`` in the order a ``SELECT *`` query projects them: order of appearance in its text.

    SPARQL 1.1 Query §18.2.1: ``*`` projects the in-scope variables in the order they appear;
    pyoxigraph 0.5 gives them sorted by name. An explicit projection is kept as it is.
    """
    code = _NOT_CODE.sub(" ", query)
    first = re.search(r"\bSELECT\b", code, re.I)
    if first is None or not _SELECT_STAR.match(code, first.start()):
        return names
    seen: dict[str, int] = {}
    for m in _VARIABLE.finditer(code, first.end()):
        seen.setdefault(m.group(1), len(seen))
    return sorted(names, key=lambda n: (seen.get(n, len(seen)), names.index(n)))


def write_solutions(solutions: ox.QuerySolutions, fmt: Format, max_rows: int, query: str | None = None) -> bytes:
    """Serialize SELECT ``solutions`` in ``fmt`` (a result format), at most ``max_rows`` rows.

    With the ``query`` text, a ``SELECT *`` answer has its columns in the query's order
    (:func:`projection_order`).
    """
    names = [v.value for v in solutions.variables]
    rows = (tuple(row) for row in _capped(solutions, max_rows, "solutions"))  # by position: fast
    ordered = projection_order(query, names) if query else names
    if ordered != names:
        at = [names.index(n) for n in ordered]
        names, rows = ordered, (tuple(row[i] for i in at) for row in rows)
    out = io.StringIO()
    if fmt.name == "json":
        # byte for byte json.dumps({"head": ..., "results": ...}, ensure_ascii=False), without the dicts
        keys = [_quote(n) + ": " for n in names]
        out.write('{"head": {"vars": ' + json.dumps(names, ensure_ascii=False) + '}, "results": {"bindings": [')
        cell = _json_term_text
        objects = ["{" + ", ".join([k + cell(t) for k, t in zip(keys, row) if t is not None]) + "}" for row in rows]
        out.write(", ".join(objects))
        out.write("]}}")
    elif fmt.name == "xml":
        out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        out.write("".join(f"<variable name={quoteattr(n)}/>" for n in names))
        out.write("</head><results>")
        for row in rows:
            out.write("<result>")
            out.write(
                "".join(
                    f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                    for n, t in zip(names, row)
                    if t is not None
                )
            )
            out.write("</result>")
        out.write("</results></sparql>\n")
    elif fmt.name == "csv":
        out.write(",".join(names) + "\r\n")
        for row in rows:
            out.write(",".join(map(_csv_field, row)) + "\r\n")
    else:
        out.write("\t".join("?" + n for n in names) + "\n")
        for row in rows:
            out.write("\t".join(map(_tsv_field, row)) + "\n")
    return out.getvalue().encode("utf-8")


def write_boolean(value: bool, fmt: Format) -> bytes:
    """Serialize an ASK answer in ``fmt`` (a result format)."""
    answer = "true" if value else "false"
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.name == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{answer}</boolean></sparql>\n"
        ).encode()
    if fmt.name == "csv":
        return f"_askResult\r\n{answer}\r\n".encode()
    return f"?_askResult\n{answer}\n".encode()


def write_graph(triples: Iterable, fmt: Format, max_rows: int, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialize ``triples`` (or quads) in ``fmt`` (a graph format), at most ``max_rows`` of them."""
    items = list(_capped(triples, max_rows, "triples"))
    rdf_format = _RDF_FORMATS[fmt.name]
    if not rdf_format.supports_datasets:
        items = [i.triple if isinstance(i, ox.Quad) else i for i in items]
    named = prefixes if prefixes and fmt.name in ("ttl", "trig") else None
    return ox.serialize(items, format=rdf_format, prefixes=named) or b""
