"""Exports: every RDF format parses back (rdflib and pyoxigraph) to what the store holds,
bytes are reproducible across builds, one graph or all, APQC's notice travels, and the
risk-control matrix has one row per practice in CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from openpyxl import load_workbook
from pyoxigraph import Dataset, RdfFormat, parse
from rdflib.compare import isomorphic

from procgraph.build import build
from procgraph.errors import InputError, StoreError
from procgraph.export import FORMATS, export, export_bytes, read_quads
from procgraph.graph import GRAPHS
from procgraph.store import open_store

from .conftest import SMALL

QUAD_FORMATS = {
    "trig": ("trig", RdfFormat.TRIG),
    "nq": ("nquads", RdfFormat.N_QUADS),
    "jsonld": ("json-ld", RdfFormat.JSON_LD),
}
TRIPLE_FORMATS = {
    "turtle": ("turtle", RdfFormat.TURTLE),
    "nt": ("nt", RdfFormat.N_TRIPLES),
    "xml": ("xml", RdfFormat.RDF_XML),
}


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


def lower_lang(term):
    """Oxigraph lower-cases language tags; compare tags case-insensitively as BCP 47 says."""
    if isinstance(term, rdflib.Literal) and term.language:
        return rdflib.Literal(str(term), lang=term.language.lower())
    return term


def normalised(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((s, p, lower_lang(o)))
    return graph


def expected_graph(store, graph=None) -> rdflib.Graph:
    from .test_infer import to_rdflib

    return normalised(
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in read_quads(store, graph)
    )


@pytest.mark.parametrize("fmt", sorted(TRIPLE_FORMATS))
def test_triple_formats_round_trip_with_rdflib_and_pyoxigraph(store, fmt):
    data = export_bytes(store, fmt, graph="standard")
    rdflib_name, oxi_format = TRIPLE_FORMATS[fmt]
    parsed = rdflib.Graph().parse(data=data, format=rdflib_name)
    assert isomorphic(normalised(parsed), expected_graph(store, "standard"))
    oxi = {(str(t.subject), str(t.predicate), str(t.object)) for t in parse(data, format=oxi_format)}
    stored = {(str(q.subject), str(q.predicate), str(q.object)) for q in read_quads(store, "standard")}
    assert oxi == stored


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_keep_named_graphs(store, fmt):
    data = export_bytes(store, fmt)
    rdflib_name, oxi_format = QUAD_FORMATS[fmt]
    oxi = Dataset(parse(data, format=oxi_format))
    assert len(oxi) == len(store)
    assert {str(q) for q in oxi} == {str(q) for q in read_quads(store)}
    parsed = rdflib.Dataset().parse(data=data, format=rdflib_name)
    for name in ("ontology", "pcf", "standard", "inferred"):
        graph = parsed.graph(rdflib.URIRef(GRAPHS[name]))
        assert isomorphic(normalised(graph), expected_graph(store, name)), name


def test_all_graphs_merge_into_one_turtle_graph(store):
    data = export_bytes(store, "turtle")
    merged = {(str(q.subject), str(q.predicate), str(q.object)) for q in read_quads(store)}
    assert len(list(parse(data, format=RdfFormat.TURTLE))) == len(merged)


def test_turtle_is_readable_with_prefixes(store):
    text = export_bytes(store, "turtle", graph="pcf").decode("utf-8")
    assert "@prefix pg: <https://w3id.org/procgraph/ontology#> ." in text
    assert "pcf:20610 a pg:Activity" in text


def test_jsonld_has_a_context_and_compact_terms(store):
    document = json.loads(export_bytes(store, "jsonld"))
    assert document["@context"]["pg"] == "https://w3id.org/procgraph/ontology#"
    graphs = {g["@id"]: {n["@id"]: n for n in g["@graph"]} for g in document["@graph"]}
    assert set(graphs) == {GRAPHS[name] for name in ("ontology", "pcf", "standard", "themes", "links", "inferred")}
    pcf_node = graphs[GRAPHS["pcf"]]["pcf:20610"]
    assert pcf_node["@type"] == "pg:Activity" and pcf_node["pg:level"] == 4
    assert graphs[GRAPHS["standard"]]["pcf:20610"]["pg:truncated"] is False


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Two stores built independently from the same records."""
    stores = []
    for run in ("a", "b"):
        target = tmp_path_factory.mktemp(run) / "store"
        build(SMALL, target)
        stores.append(target)
    return stores


# the organisation's matrix (org-rcm-*) exists only after import-rcm: tests/unit/graph/test_import_rcm.py
@pytest.mark.parametrize("fmt", sorted(f for f in FORMATS if not f.startswith("org-")))
def test_exports_are_byte_identical_across_builds(two_builds, tmp_path, fmt):
    outputs = []
    for n, store_path in enumerate(two_builds):
        out = tmp_path / f"{n}.out"
        export(fmt, out, store=store_path)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "xml"])
def test_apqc_notice_travels_with_text_exports(store, fmt):
    assert "©2024 APQC. ALL RIGHTS RESERVED." in export_bytes(store, fmt).decode("utf-8-sig")


def test_apqc_notice_is_in_jsonld_data_and_xlsx_sheet(store):
    assert "ALL RIGHTS RESERVED" in export_bytes(store, "jsonld", graph="pcf").decode("utf-8")
    book = load_workbook(io.BytesIO(export_bytes(store, "rcm-xlsx")))
    assert any("ALL RIGHTS RESERVED" in (row[0] or "") for row in book["Notice"].iter_rows(values_only=True))


def test_unknown_graph_and_misplaced_options_are_input_errors(store):
    with pytest.raises(InputError, match="known graphs"):
        export_bytes(store, "turtle", graph="nonsense")
    with pytest.raises(InputError, match="risk-control matrix"):
        export_bytes(store, "turtle", element="8.1")
    with pytest.raises(InputError, match="unknown export format"):
        export_bytes(store, "yaml")


def test_export_without_a_store_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="procgraph build --store"):
        export("turtle", tmp_path / "x.ttl", store=tmp_path / "nowhere")


def read_rcm_csv(data: bytes) -> list[dict]:
    text = data.decode("utf-8-sig")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines).lstrip("\r\n"))))


def test_rcm_has_one_row_per_practice_with_its_risks_and_outputs(store, records):
    rows = read_rcm_csv(export_bytes(store, "rcm-csv"))
    practices = sum(len(e["practices"]) for e in records["elements"])
    assert len(rows) == practices
    top = next(r for r in rows if r["Element ID"] == "8.0")
    element = records["elements"][0]
    assert top["Risk #"] == "1; 2"
    assert top["Risks (zh-Hant)"].split("\n") == [r["zh-Hant"] for r in element["risks"]]
    assert top["Outputs (zh-Hans)"].split("\n") == [o["zh-Hans"] for o in element["outputs"]]
    assert top["Element (en)"] == element["name"]["en"] and top["PCF ID"] == "20607"
    truncated = next(r for r in rows if r["Element ID"] == "8.1.6.4")
    assert truncated["Output #"] == "" and truncated["Risk #"] == "1"


def test_rcm_of_an_element_is_its_own_items_and_descendants_add_the_subtree(store):
    rows = read_rcm_csv(export_bytes(store, "rcm-csv", element="8.1.6"))
    assert {r["Element ID"] for r in rows} == {"8.1.6"}
    rows = read_rcm_csv(export_bytes(store, "rcm-csv", element="8.1.6", descendants=True))
    assert {r["Element ID"] for r in rows} == {"8.1.6", "8.1.6.4"}


def test_with_descendants_needs_an_element_and_the_matrix(store):
    with pytest.raises(InputError, match="--with-descendants needs --element"):
        export_bytes(store, "rcm-csv", descendants=True)
    with pytest.raises(InputError, match="risk-control matrix"):
        export_bytes(store, "turtle", descendants=True)


def test_rcm_xlsx_matches_the_csv(store):
    csv_rows = read_rcm_csv(export_bytes(store, "rcm-csv"))
    sheet = load_workbook(io.BytesIO(export_bytes(store, "rcm-xlsx")))["RCM"]
    values = list(sheet.iter_rows(values_only=True))
    header, body = values[0], values[1:]
    assert list(header) == list(csv_rows[0].keys())
    assert len(body) == len(csv_rows)
    assert [str(v if v is not None else "") for v in body[0]] == list(csv_rows[0].values())


def test_rcm_csv_opens_as_it_is_in_csv_and_pandas(store, records):
    """The header is line 1 (it followed 15 '#' notice lines and a blank line, which broke Excel's
    filters and pandas.read_csv without comment='#')."""
    import pandas

    data = export_bytes(store, "rcm-csv")
    assert data.startswith("\ufeffElement ID,PCF ID,".encode("utf-8"))
    practices = sum(len(e["practices"]) for e in records["elements"])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == practices and rows[0]["Element ID"] == "8.0"
    frame = pandas.read_csv(io.BytesIO(data))
    assert list(frame.columns[:2]) == ["Element ID", "PCF ID"] and len(frame) == practices
    assert frame["PCF ID"].dtype.kind == "i" and frame.loc[0, "Element ID"] == "8.0"


def test_the_notice_goes_beside_the_csv(built_store, tmp_path, capsys):
    from procgraph.cli import main
    from procgraph.export import NOTICE_FILE

    out = tmp_path / "out" / "rcm.csv"
    assert main(["export", "-f", "csv", "-o", str(out), "--store", str(built_store)]) == 0  # -f csv is the matrix
    notice = (out.parent / NOTICE_FILE).read_text(encoding="utf-8")
    assert "©2024 APQC. ALL RIGHTS RESERVED." in notice and "Process Classification Framework" in notice
    assert NOTICE_FILE in capsys.readouterr().err
    assert out.read_bytes() == export_bytes(open_store(built_store), "rcm-csv")


def test_xlsx_numbers_are_numbers(built_store, tmp_path):
    from procgraph.cli import main

    out = tmp_path / "rcm.xlsx"
    assert main(["export", "-f", "xlsx", "-o", str(out), "--store", str(built_store)]) == 0
    sheet = load_workbook(out)["RCM"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    for column in ("PCF ID", "Practice #", "Risk #", "Output #"):
        values = [r[column] for r in rows if r[column] not in (None, "")]
        assert values
        singles = [v for v in values if "; " not in str(v)]
        assert all(isinstance(v, int) for v in singles), (column, [v for v in singles if not isinstance(v, int)][:3])
    assert isinstance(rows[0]["Element ID"], str)  # "8.0" is an id, not a number
    assert any(isinstance(r["Risk #"], str) and "; " in r["Risk #"] for r in rows)  # "1; 2" stays a list
