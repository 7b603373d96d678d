"""``procgraph export``: the built dataset in the formats people use, byte for byte reproducible.

RDF formats: Turtle, TriG, N-Triples, N-Quads, JSON-LD (compacted with a context) and RDF/XML,
for all named graphs (inferred included) or one. Turtle, N-Triples and RDF/XML hold one graph,
so exporting several merges them; TriG, N-Quads and JSON-LD keep the graph names. Statements
are sorted, so the same store always gives the same bytes.

Spreadsheets: the risk-control matrix as CSV (UTF-8 with a byte-order mark, so Excel shows the
Chinese correctly, and the header on line 1, so Excel's filters, pandas and ``csv`` read it as
it is) or XLSX, whose number cells are numbers (see :mod:`procgraph.graph.rcm`).

APQC's licence notice travels with every export: as a comment at the top of the text formats,
as dcterms:rights in the PCF and standard graphs, as :data:`NOTICE_FILE` beside a CSV (a
comment line would break the header row) and as a ``Notice`` sheet in the workbook.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from procgraph import config, pcf
from procgraph.atomic import write_atomic
from procgraph.errors import InputError
from procgraph.graph import graph_iri
from procgraph.graph.rcm import matrix
from procgraph.langtags import canonical, canonical_text
from procgraph.namespaces import PREFIXES
from procgraph.progress import Progress, stage
from procgraph.queries.results import graph_format
from procgraph.store import open_store

XSD = PREFIXES["xsd"]
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Format:
    """An export format: how to write it, the usual file extension and media type."""

    name: str
    extension: str
    media_type: str
    description: str


def _rdf_format(name: str, description: str) -> Format:
    """An RDF export under the name ``procgraph export -f`` takes, with the media type and
    extension of the one table of RDF serializations (:data:`procgraph.queries.results.GRAPH_FORMATS`)."""
    serialization = graph_format(name)
    return Format(name, serialization.extension, serialization.media_type, description)


FORMATS = {
    f.name: f
    for f in (
        _rdf_format("turtle", "Turtle (graphs merged)"),
        _rdf_format("trig", "TriG (named graphs kept)"),
        _rdf_format("nt", "N-Triples (graphs merged)"),
        _rdf_format("nq", "N-Quads (named graphs kept)"),
        _rdf_format("jsonld", "JSON-LD with a context (named graphs kept)"),
        _rdf_format("xml", "RDF/XML (graphs merged)"),
        Format("rcm-csv", "csv", "text/csv", "risk-control matrix, CSV"),
        Format(
            "rcm-xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "risk-control matrix, Excel workbook",
        ),
        Format(
            "org-rcm-csv",
            "csv",
            "text/csv",
            "the organisation's imported risk-control matrix (import-rcm) in its own columns, CSV; --graph rcm-NAME "
            "for a matrix other than 'org'",
        ),
        Format(
            "org-rcm-xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "the organisation's imported risk-control matrix, Excel workbook",
        ),
    )
}


def _key(term) -> tuple:
    """Sort key for a term: IRIs by value, literals by value, language and datatype."""
    if isinstance(term, Literal):
        return (1, term.value, term.language or "", term.datatype.value)
    return (0, term.value)


def _quad_key(q: Quad) -> tuple:
    graph = "" if q.graph_name is None or not isinstance(q.graph_name, NamedNode) else q.graph_name.value
    return (graph, _key(q.subject), q.predicate.value, _key(q.object))


def read_quads(store: Store, graph: str | None = None) -> list[Quad]:
    """All quads of the store, or of one named graph (short name or IRI), sorted."""
    if graph is None:
        quads = store.quads_for_pattern(None, None, None, None)
    else:
        try:
            iri = graph_iri(graph)
        except KeyError as exc:
            raise InputError(str(exc.args[0])) from None
        quads = store.quads_for_pattern(None, None, None, NamedNode(iri))
    return sorted(quads, key=_quad_key)


def merged_triples(quads: Iterable[Quad]) -> list:
    """The triples of all graphs, each once, sorted by subject, predicate, object."""
    unique = {(q.subject, q.predicate, q.object): q.triple for q in quads}
    return sorted(unique.values(), key=lambda t: (_key(t.subject), t.predicate.value, _key(t.object)))


def notice_comment(marker: str = "#") -> str:
    """APQC's notice as comment lines (``#`` for Turtle and friends)."""
    lines = ["Derived from APQC's Process Classification Framework (PCF); APQC's notice:", ""]
    lines += pcf.notice().splitlines()
    return "".join(f"{marker} {line}".rstrip() + "\n" for line in lines) + "\n"


def _rdf(fmt: RdfFormat, quads: list[Quad], merge: bool) -> bytes:
    data = merged_triples(quads) if merge else quads
    body = canonical_text(serialize(data, format=fmt, prefixes=PREFIXES) or b"")
    return notice_comment().encode("utf-8") + body


def to_rdfxml(quads: list[Quad]) -> bytes:
    """RDF/XML of the merged graphs, with the notice as an XML comment after the declaration."""
    body = canonical_text(
        serialize(merged_triples(quads), format=RdfFormat.RDF_XML, prefixes=PREFIXES) or b"", xml=True
    ).decode("utf-8")
    comment = "<!--\n" + re.sub(r"-(?=-)", "- ", notice_comment("")) + "-->\n"  # no "--" inside a comment
    head, sep, rest = body.partition("?>\n")
    return (head + sep + comment + rest if sep else comment + body).encode("utf-8")


# --------------------------------------------------------------------------------- JSON-LD


def _compact(iri: str) -> str:
    """Shorten an IRI with the prefix table when the rest is a plain local name."""
    for prefix, ns in PREFIXES.items():
        local = iri[len(ns) :]
        if iri.startswith(ns) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return iri


def _jsonld_value(term):
    if isinstance(term, NamedNode):
        return {"@id": _compact(term.value)}
    if term.language:
        return {"@value": term.value, "@language": canonical(term.language)}
    datatype = term.datatype.value
    if datatype == XSD + "string":
        return term.value
    if datatype == XSD + "integer" and term.value.lstrip("-").isdigit():
        return int(term.value)
    if datatype == XSD + "boolean" and term.value in ("true", "false"):
        return term.value == "true"
    return {"@value": term.value, "@type": _compact(datatype)}


def _jsonld_nodes(quads: list[Quad]) -> list[dict]:
    nodes: dict[str, dict[str, list]] = {}
    for q in quads:
        if isinstance(q.subject, Triple):
            raise ValueError("JSON-LD 1.1 has no form for a quoted triple (RDF-star) as subject")
        node = nodes.setdefault(q.subject.value, {})
        if q.predicate.value == PREFIXES["rdf"] + "type" and isinstance(q.object, NamedNode):
            node.setdefault("@type", []).append(_compact(q.object.value))
        else:
            node.setdefault(_compact(q.predicate.value), []).append(_jsonld_value(q.object))
    out = []
    for subject in sorted(nodes):
        body: dict[str, Any] = {"@id": _compact(subject)}
        for key in sorted(nodes[subject]):
            values = sorted(nodes[subject][key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            body[key] = values[0] if len(values) == 1 else values
        out.append(body)
    return out


def to_jsonld(quads: list[Quad]) -> bytes:
    """JSON-LD: a context with our prefixes, then one named graph object per graph."""
    by_graph: dict[str, list[Quad]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value if isinstance(q.graph_name, NamedNode) else "", []).append(q)
    graphs: list[dict[str, Any]] = []
    for name in sorted(by_graph):
        nodes = _jsonld_nodes(by_graph[name])
        graphs.extend(nodes if name == "" else [{"@id": name, "@graph": nodes}])
    document = {"@context": dict(PREFIXES), "@graph": graphs}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------------- RCM


def table_csv(header: list[str], rows: list[list]) -> bytes:
    """A table as CSV that Excel, pandas and ``csv`` read as it is: UTF-8 with a byte-order mark
    (Excel then shows Chinese correctly), the header on line 1, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


def rcm_csv(header: list[str], rows: list[list]) -> bytes:
    """The matrix as CSV, one row per practice. APQC's notice cannot go inside without breaking
    the header row: :func:`export` writes it beside the file (:data:`NOTICE_FILE`), the pages
    link it (``Link: </notice>; rel="license"``)."""
    return table_csv(header, rows)


#: The file :func:`export` writes beside a CSV matrix: APQC's notice, which must travel with it.
NOTICE_FILE = "APQC-NOTICE.txt"


def notice_text() -> str:
    """APQC's notice as the plain text that goes beside a CSV."""
    return "Derived from APQC's Process Classification Framework (PCF); APQC's notice:\n\n" + pcf.notice() + "\n"


def rcm_xlsx(header: list[str], rows: list[list]) -> bytes:
    """The matrix as an Excel workbook (sheet ``RCM`` and a ``Notice`` sheet), reproducible."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "RCM"
    sheet.append(header)
    for row in rows:
        sheet.append([_number(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for i, name in enumerate(header, start=1):
        width = 12 if name.endswith("#") or name.endswith("ID") else 40
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    notice_sheet = book.create_sheet("Notice")
    for line in notice_comment("").splitlines():
        notice_sheet.append([line])
    return _reproducible_xlsx(book)


def _number(cell):
    """A cell that holds one whole number ("7") as that number, so Excel sorts and sums it; a list
    of numbers ("1; 2") and text stay as they are."""
    if isinstance(cell, str) and cell.isdigit() and (cell == "0" or not cell.startswith("0")):
        return int(cell)
    return cell


def _reproducible_xlsx(book) -> bytes:
    """Save a workbook with fixed document dates and zip timestamps, so bytes do not depend on the clock."""
    from datetime import datetime

    fixed = datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "procgraph"
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fix_core_dates(data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def _fix_core_dates(xml: bytes) -> bytes:
    """openpyxl stamps 'modified' with the current time on save; pin it to the fixed date."""
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", xml)


# --------------------------------------------------------------------------------- dispatch

RDF_WRITERS: dict[str, Callable[[list[Quad]], bytes]] = {
    "turtle": lambda q: _rdf(RdfFormat.TURTLE, q, merge=True),
    "trig": lambda q: _rdf(RdfFormat.TRIG, q, merge=False),
    "nt": lambda q: _rdf(RdfFormat.N_TRIPLES, q, merge=True),
    "nq": lambda q: _rdf(RdfFormat.N_QUADS, q, merge=False),
    "jsonld": to_jsonld,
    "xml": to_rdfxml,
}


#: What users type first: ``-f csv`` and ``-f xlsx`` are the risk-control matrix.
FORMAT_ALIASES = {"csv": "rcm-csv", "xlsx": "rcm-xlsx"}


def resolve_format(fmt: str) -> str:
    """The export format a name stands for (an alias such as ``csv`` gives ``rcm-csv``)."""
    return FORMAT_ALIASES.get(fmt, fmt)


def export_bytes(
    store: Store, fmt: str, *, graph: str | None = None, element: str | None = None, descendants: bool = False
) -> bytes:
    """The export of an open store in format ``fmt`` (a key of :data:`FORMATS`).

    For the risk-control matrix, ``element`` limits it to that element's own items (as its page
    shows them), and ``descendants`` adds those of every element below it.
    """
    fmt = resolve_format(fmt)
    if fmt not in FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)} "
            f"(csv and xlsx are the risk-control matrix: rcm-csv, rcm-xlsx)"
        )
    if fmt in RDF_WRITERS:
        if element or descendants:
            raise InputError(
                "--element and --with-descendants apply to the risk-control matrix (rcm-csv, rcm-xlsx) only"
            )
        return RDF_WRITERS[fmt](read_quads(store, graph))
    if fmt.startswith("org-rcm-"):
        return _org_rcm(store, fmt, graph, element)
    if graph:
        raise InputError("the risk-control matrix reads all graphs; leave out --graph")
    if descendants and not element:
        raise InputError("--with-descendants needs --element (the matrix without --element has every element already)")
    header, rows = matrix(store, element, descendants=descendants)
    return rcm_csv(header, rows) if fmt == "rcm-csv" else rcm_xlsx(header, rows)


def _org_rcm(store: Store, fmt: str, graph: str | None, element: str | None) -> bytes:
    """The organisation's matrix (``graph`` rcm-NAME or its IRI; default: org) in its imported columns."""
    from procgraph.graph.iris import GRAPH_BASE
    from procgraph.graph.orgrcm import org_matrix

    if element:
        raise InputError("--element applies to the standard's risk-control matrix (rcm-csv, rcm-xlsx) only")
    name = (graph or "rcm-org").removeprefix(GRAPH_BASE)
    if not name.startswith("rcm-"):
        raise InputError(
            f"--graph {graph!r} is not an organisation's matrix; give rcm-NAME (as import-rcm --name NAME)"
        )
    header, rows = org_matrix(store, name.removeprefix("rcm-"))
    return rcm_csv(header, rows) if fmt == "org-rcm-csv" else rcm_xlsx(header, rows)


def write_output(data: bytes, output: Path | str) -> None:
    """Write bytes to a file atomically (temp file beside it, then rename), or to stdout for ``-``."""
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, data)


def export(
    fmt: str,
    output: Path | str,
    *,
    store: Path | None = None,
    graph: str | None = None,
    element: str | None = None,
    descendants: bool = False,
    progress: Progress | None = None,
) -> int:
    """Export the built store (default location unless ``store``) to ``output``; return bytes written.

    Stages for ``progress`` (:mod:`procgraph.progress`): ``open``, ``export`` (reading and
    serializing), ``write``.
    """
    opened = stage(progress, "open", lambda: open_store(config.store_path(store)))
    # the partial holds the only reference to the store, dropped in 'finally' even if export fails
    serialize = functools.partial(export_bytes, opened, fmt, graph=graph, element=element, descendants=descendants)
    del opened
    try:
        data = stage(progress, "export", serialize)
    finally:
        del serialize
    stage(progress, "write", lambda: write_output(data, output))
    if FORMATS[resolve_format(fmt)].extension == "csv" and str(output) != "-":
        write_output(notice_text().encode("utf-8"), Path(output).parent / NOTICE_FILE)
    return len(data)
