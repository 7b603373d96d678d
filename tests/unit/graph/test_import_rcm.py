"""Issue 14 C: the organisation's own risk-control matrix, imported with ``procgraph import-rcm``.

On a store built from the bundled standard: export -> import -> export gives the same cells
(XLSX and CSV), a foreign sheet with Chinese headers becomes controls, owners and evidence
linked to the standard (end to end through the command line), the SHACL shapes report the
organisation's gaps beside the standard's, and bad sheets are exit 2 naming file, sheet, row
and column with the store left as it was.
"""

from __future__ import annotations

import io
import shutil

import pytest
from openpyxl import Workbook, load_workbook
from pyoxigraph import NamedNode, RdfFormat, serialize

from procgraph.build import build
from procgraph.cli import main
from procgraph.export import export_bytes
from procgraph.graph import GRAPHS
from procgraph.graph.orgrcm import graph_of
from procgraph.store import open_store, read_marker
from procgraph.validate import load_saved_report

PG = "https://w3id.org/procgraph/ontology#"
ORG = "https://w3id.org/procgraph/org/org"
HEADERS = [
    "控制编号",
    "流程编号",
    "流程名称",
    "风险",
    "控制措施",
    "控制负责人",
    "频率",
    "证据",
    "控制类型",
    "关键控制",
    "备注",
]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, bundled_source):
    path = tmp_path_factory.mktemp("rcm") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(path.parent / "home"))
        build(bundled_source, path)
    return path


@pytest.fixture()
def store(bundled, tmp_path):
    """A copy of the bundled store for one test to change."""
    target = tmp_path / "store"
    shutil.copytree(bundled, target)
    return target


def _export(store_path, fmt: str) -> bytes:
    opened = open_store(store_path)
    try:
        return export_bytes(opened, fmt)
    finally:
        del opened


def _cells(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data))["RCM"]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _graphs_but(store_path, skip: set[str]) -> bytes:
    opened = open_store(store_path)
    try:
        quads = sorted(
            (q for q in opened.quads_for_pattern(None, None, None, None) if q.graph_name.value not in skip), key=str
        )
        return serialize(quads, format=RdfFormat.N_QUADS)
    finally:
        del opened


def _select(store_path, query: str) -> list[dict]:
    opened = open_store(store_path)
    try:
        prefix = f"PREFIX pg: <{PG}>\nPREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        return [
            {v: (row[v].value if row[v] is not None else None) for v in ("a", "b", "c")}
            for row in opened.query(prefix + query, use_default_graph_as_union=True)
        ]
    finally:
        del opened


@pytest.mark.parametrize("fmt", ["rcm-xlsx", "rcm-csv"])
def test_export_import_export_same_cells(store, tmp_path, fmt, capsys):
    first = _export(store, fmt)
    before = _graphs_but(store, {GRAPHS["inferred"]})
    sheet = tmp_path / f"rcm.{fmt.split('-')[1]}"
    sheet.write_bytes(first)
    assert main(["import-rcm", str(sheet), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "warning" not in err and "columns not read" not in err  # every column and text is the standard's
    again = _export(store, fmt)
    back = _export(store, "org-" + fmt)  # the organisation's matrix, from its graph, in its own columns
    if fmt == "rcm-xlsx":
        assert _cells(again) == _cells(first)
        assert _cells(back) == _cells(first)
    else:
        assert again == first and back == first
    # one control per data row, each linked to the risks of its row; nothing else in the store changed
    rows = len(_cells(first)) - 1 if fmt == "rcm-xlsx" else None
    controls = _select(store, f"SELECT (COUNT(?c) AS ?a) WHERE {{ GRAPH <{graph_of('org')}> {{ ?c a pg:Control }} }}")
    if rows is not None:
        assert int(controls[0]["a"]) == rows
    assert _graphs_but(store, {GRAPHS["inferred"], graph_of("org")}) == before
    # controls are DPV measures by the alignment (inferred), and the saved report has the matrix's gaps
    typed = _select(
        store, "SELECT (COUNT(?c) AS ?a) WHERE { ?c a <https://w3id.org/dpv#TechnicalOrganisationalMeasure> }"
    )
    assert int(typed[0]["a"]) == int(controls[0]["a"])
    saved = load_saved_report(store)
    assert any(r["shape"].endswith("RcmRiskControlOwned") for r in saved["results"])  # the export names no owners


def test_import_is_deterministic_and_replaces_the_matrix(bundled, tmp_path):
    data = _export(bundled, "rcm-csv")
    (tmp_path / "rcm.csv").write_bytes(data)
    graphs = []
    for n in (1, 2):
        copy = tmp_path / f"s{n}"
        shutil.copytree(bundled, copy)
        assert main(["import-rcm", str(tmp_path / "rcm.csv"), "--store", str(copy)]) == 0
        if n == 2:  # importing the same name again replaces the matrix, it does not add to it
            assert main(["import-rcm", str(tmp_path / "rcm.csv"), "--store", str(copy)]) == 0
        graphs.append((_export(copy, "trig"), _export(copy, "org-rcm-xlsx"), _export(copy, "org-rcm-csv")))
    assert graphs[0] == graphs[1]


def _risk_texts(store_path, pcf_id: int) -> list[str]:
    rows = _select(
        store_path,
        f"""SELECT ?a ?b WHERE {{ <https://w3id.org/procgraph/pcf/{pcf_id}> pg:hasRisk ?r .
        ?r pg:position ?a ; pg:text ?b FILTER(lang(?b) = "zh-hans") }} ORDER BY ?a""",
    )
    return [r["b"] for r in rows]


def _workbook(path, rows: list[list], headers=HEADERS, title: str | None = "某公司 IT 风险控制矩阵 2026"):
    book = Workbook()
    sheet = book.active
    sheet.title = "控制矩阵"
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_foreign_sheet_with_chinese_headers_end_to_end(store, tmp_path, capsys):
    risks_1, risks_2 = _risk_texts(store, 20610), _risk_texts(store, 20611)  # 8.1.1.1, 8.1.1.2
    assert len(risks_1) >= 2 and len(risks_2) >= 2
    rows = [
        [
            "C-01",
            "8.1.1.1",
            "了解信息技术顾客群",
            risks_1[0],
            "每季度召开顾客需求评审会，更新顾客群清单",
            "IT客户关系部",
            "每季度",
            "会议纪要\n顾客群清单",
            "预防性",
            "是",
            "2026 新增",
        ],
        [
            "C-02",
            "20610",
            "了解信息技术顾客群",
            "顾客名单过期导致沟通遗漏",
            "每月核对顾客名单与合同系统",
            "IT客户关系部",
            "每月",
            "核对记录",
            "检查性",
            "否",
            "",
        ],
        [
            "C-03",
            "8.1.1.2",
            "评估信息技术顾客运营能力",
            risks_2[0] + "\n" + risks_2[1],
            "年度顾客运营能力评估",
            "",
            "每年",
            "评估报告",
            "预防性",
            "否",
            "",
        ],
    ]
    sheet = _workbook(tmp_path / "矩阵.xlsx", rows)
    assert main(["import-rcm", str(sheet), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "imported 3 controls" in err and "sheet 控制矩阵" in err and "备注" in err  # the unknown column is named

    def about(control: str, predicate: str) -> set[str]:
        rows = _select(store, f"SELECT ?a WHERE {{ <{ORG}/control/{control}> {predicate} ?a }}")
        return {r["a"] for r in rows}

    # rows 3, 4, 5 of the sheet (a title line, then the header)
    assert (
        about("r3", "pg:controlsElement")
        == about("r4", "pg:controlsElement")
        == {"https://w3id.org/procgraph/pcf/20610"}
    )
    assert about("r3", "pg:addressesRisk") == {"https://w3id.org/procgraph/std/gbpm-8/20610/risk/1"}  # by its text
    assert about("r3", "dcterms:identifier") == {"C-01"}
    assert about("r3", "pg:controlType") == {PG + "preventive"} and about("r4", "pg:controlType") == {PG + "detective"}
    assert about("r3", "pg:keyControl") == {"true"} and about("r4", "pg:keyControl") == {"false"}
    assert about("r3", "pg:frequency") == {"每季度"}
    assert about("r3", "pg:controlOwner") == about("r4", "pg:controlOwner")  # one owner, named twice
    assert {
        r["a"] for r in _select(store, f"SELECT ?a WHERE {{ <{ORG}/control/r3> pg:controlOwner/rdfs:label ?a }}")
    } == {"IT客户关系部"}
    evidence = _select(store, f"SELECT ?a WHERE {{ <{ORG}/control/r3> pg:hasEvidence/dcterms:description ?a }}")
    assert {r["a"] for r in evidence} == {"会议纪要", "顾客群清单"}
    own = _select(
        store,
        f"SELECT ?a ?b WHERE {{ <{ORG}/control/r4> pg:addressesOrganisationRisk ?a . ?a dcterms:description ?b }}",
    )
    assert [r["b"] for r in own] == ["顾客名单过期导致沟通遗漏"]
    assert about("r5", "pg:addressesRisk") == {f"https://w3id.org/procgraph/std/gbpm-8/20611/risk/{n}" for n in (1, 2)}
    # the organisation's gaps beside the standard's: 8.1.1.1's other risks have no control, 8.1.1.2's
    # first two risks have one but without an owner; risk 1 of 8.1.1.1 is covered
    report = load_saved_report(store)

    def focus(iri: str) -> str:  # element/item number, e.g. 20610/1
        parts = iri.strip("<>").rsplit("/", 3)
        return parts[-3] + "/" + parts[-1]

    gaps = {(r["shape"].rsplit("#", 1)[1], focus(r["focus"])) for r in report["results"] if "Rcm" in r["shape"]}
    assert ("RcmRiskControlOwned", "20611/1") in gaps and ("RcmRiskControlOwned", "20611/2") in gaps
    assert ("RcmRiskHasControl", "20610/2") in gaps and ("RcmRiskHasControl", "20611/3") in gaps
    assert not {g for g in gaps if g[1] == "20610/1"}
    assert {g[1].split("/")[0] for g in gaps} == {"20610", "20611"}  # only elements in the matrix's scope
    assert main(["validate", "--store", str(store)]) == 1
    text = capsys.readouterr().out
    assert "组织的风险控制矩阵" in text
    assert "the organisation's risk-control matrix has no control for this risk" in text
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    with TestClient(create_app(Settings(store_path=store, workers=1, timeout_s=20))) as client:
        page = client.get("/completeness", headers={"Accept-Language": "en"}).text
    listed = page.split('id="gaps"', 1)[1]
    assert "no control that addresses this risk has an owner" in listed and "has no control for this risk" in listed
    # the matrix's graph alone, as RDF
    assert (
        main(["export", "-f", "turtle", "-g", "rcm-org", "-o", str(tmp_path / "org.ttl"), "--store", str(store)]) == 0
    )
    turtle = (tmp_path / "org.ttl").read_text(encoding="utf-8")
    assert "pg:Control" in turtle and "IT客户关系部" in turtle and "pg:hasRisk" not in turtle
    # written back in the organisation's own columns: same cells, ids and values normalised
    assert main(["export", "-f", "org-rcm-xlsx", "-o", str(tmp_path / "back.xlsx"), "--store", str(store)]) == 0
    back = load_workbook(tmp_path / "back.xlsx")["RCM"]
    cells = [["" if v is None else str(v) for v in row] for row in back.iter_rows(values_only=True)]
    assert cells[0] == HEADERS
    expected = [[str(v) for v in row[:-1]] + [""] for row in rows]  # the unknown column is not kept
    expected[1][1] = "8.1.1.1"  # the PCF ID comes back as the hierarchy id
    assert cells[1:] == expected


def test_merged_process_id_applies_to_each_row(store, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["流程编号", "控制措施", "控制负责人"])
    sheet.append(["8.1.1.1", "季度评审", "甲"])
    sheet.append([None, "月度核对", "乙"])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    assert main(["import-rcm", str(tmp_path / "merged.xlsx"), "--store", str(store)]) == 0
    rows = _select(store, "SELECT ?a WHERE { ?c a pg:Control ; pg:controlsElement ?a }")
    assert [r["a"] for r in rows] == ["https://w3id.org/procgraph/pcf/20610"] * 2


def test_columns_mapping_file(store, tmp_path):
    mapping = tmp_path / "columns.txt"
    mapping.write_text(
        "# our headers\nProc = element\nWhat we do = control\nWho = 控制负责人\nDanger = risk@en\n", encoding="utf-8"
    )
    sheet = tmp_path / "ours.csv"
    sheet.write_text(
        "Proc,What we do,Who,Danger\n8.1.1.1,Quarterly review,IT CRM,Customer list out of date\n", encoding="utf-8"
    )
    assert main(["import-rcm", str(sheet), "--columns", str(mapping), "--store", str(store), "--name", "it-2026"]) == 0
    rows = _select(
        store,
        f"""SELECT ?a ?b WHERE {{ GRAPH <{graph_of("it-2026")}> {{
        ?c pg:controlOwner/rdfs:label ?a ; pg:addressesOrganisationRisk/dcterms:description ?b }} }}""",
    )
    assert rows == [{"a": "IT CRM", "b": "Customer list out of date", "c": None}]
    lang = _select(store, "SELECT (lang(?b) AS ?a) WHERE { ?r a pg:OrganisationRisk ; dcterms:description ?b }")
    assert lang[0]["a"] == "en"


BAD_ROWS = [
    (
        [["C-01", "9.9.9", "", "", "控制", "甲", "每月", "", "预防性", "是", ""]],
        "row 3, column B ('流程编号')",
        "no element 9.9.9",
    ),
    (
        [["C-01", "8.1.1.1", "", "", "控制", "甲", "每月", "", "随便", "是", ""]],
        "row 3, column I ('控制类型')",
        "neither preventive nor detective",
    ),
    (
        [
            ["C-01", "8.1.1.1", "", "", "控制", "甲", "每月", "", "预防性", "也许", ""],
            ["C-02", "8.1.1.1", "", "", "控制", "甲", "每月", "", "检查性", "maybe", ""],
        ],
        "row 3, column J ('关键控制')",
        "is not yes or no",
    ),
]


@pytest.mark.parametrize("rows, where, what", BAD_ROWS, ids=["element", "control-type", "key-control"])
def test_bad_sheet_names_file_sheet_row_column_and_loses_nothing(store, tmp_path, capsys, rows, where, what):
    before = (read_marker(store), _export(store, "nq"))
    sheet = _workbook(tmp_path / "bad.xlsx", rows)
    assert main(["import-rcm", str(sheet), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert str(sheet) in err and "sheet '控制矩阵'" in err and where in err and what in err
    assert "Traceback" not in err
    assert (read_marker(store), _export(store, "nq")) == before


def test_bad_numbers_and_headers(store, tmp_path, capsys):
    edited = tmp_path / "edited.csv"
    edited.write_text("Element ID,Risk #,Risks (zh-Hans),Practice\n8.1.1.1,1,我们改写的风险,x\n", encoding="utf-8")
    assert main(["import-rcm", str(edited), "--store", str(store), "--name", "edited"]) == 0
    assert (
        "warning: " + str(edited) + ": row 2, column C ('Risks (zh-Hans)'): the text is not the standard's"
        in capsys.readouterr().err
    )
    sheet = tmp_path / "numbers.csv"
    sheet.write_text("Element ID,Risk #,Practice\n8.1.1.1,1; 99,x\n", encoding="utf-8")
    assert main(["import-rcm", str(sheet), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column B ('Risk #')" in err and "element 8.1.1.1 has no risk 99 (it has risks 1, 2" in err
    no_id = tmp_path / "noid.csv"
    no_id.write_text("风险,控制措施\n某风险,某控制\n", encoding="utf-8")
    assert main(["import-rcm", str(no_id), "--store", str(store)]) == 2
    assert "no process id column" in capsys.readouterr().err
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("流程编号,控制措施\n8.1.1.1,审批\n".encode("gbk"))
    assert main(["import-rcm", str(gbk), "--store", str(store)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    clash = tmp_path / "clash.csv"
    clash.write_text("流程编号,PCF ID,控制措施\n8.1.1.1,20611,审批\n", encoding="utf-8")
    assert main(["import-rcm", str(clash), "--store", str(store)]) == 2
    assert "row 2, column B ('PCF ID')" in capsys.readouterr().err
    workbook = _workbook(tmp_path / "a.xlsx", [])
    assert main(["import-rcm", str(workbook), "--sheet", "Sheet9", "--store", str(store)]) == 2
    assert "no sheet 'Sheet9'; the workbook has '控制矩阵'" in capsys.readouterr().err
    assert NamedNode(graph_of("org")) not in set(open_store(store).named_graphs())
    assert main(["export", "-f", "org-rcm-csv", "-o", str(tmp_path / "none.csv"), "--store", str(store)]) == 2
    assert "no organisation's risk-control matrix 'org' in this store" in capsys.readouterr().err


def test_element_page_shows_the_organisations_controls(store, tmp_path):
    """8.1.1.1's page lists the controls the imported matrix has for it, with owner, frequency,
    type, key control, evidence and the standard's risks each addresses (linked to their pages)."""
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    risks = _risk_texts(store, 20610)
    rows = [
        [
            "C-01",
            "8.1.1.1",
            "",
            risks[0],
            "每季度召开顾客需求评审会",
            "IT客户关系部",
            "每季度",
            "会议纪要\n顾客群清单",
            "预防性",
            "是",
            "",
        ],
        ["C-02", "20610", "", "顾客名单过期导致沟通遗漏", "每月核对顾客名单", "", "每月", "", "检查性", "否", ""],
    ]
    assert main(["import-rcm", str(_workbook(tmp_path / "矩阵.xlsx", rows)), "--store", str(store)]) == 0
    with TestClient(create_app(Settings(store_path=store, workers=1, timeout_s=20))) as client:
        zh = client.get("/pcf/20610", headers={"Accept": "text/html", "Accept-Language": "zh-Hans"}).text
        en = client.get("/pcf/20610", headers={"Accept": "text/html", "Accept-Language": "en"}).text
        other = client.get("/pcf/20611", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    section = zh.split('id="org-controls-table"', 1)[1].split("</table>", 1)[0]
    first, second = section.split('data-control="C-01"', 1)[1].split('data-control="C-02"', 1)
    assert "每季度召开顾客需求评审会" in first and "IT客户关系部" in first and "每季度" in first
    assert "预防性" in first and "<td>是</td>" in first and "会议纪要" in first and "顾客群清单" in first
    assert 'href="/std/gbpm-8/20610/risk/1"' in first  # the standard's risk it addresses, by its number
    assert "顾客名单过期导致沟通遗漏" in second and "未指定负责人" in second and "检查性" in second
    assert "矩阵.xlsx, sheet 控制矩阵" in first and "第 3 行" in first  # where the control came from
    assert "Your organisation&#39;s controls" in en and "Preventive" in en and "no owner" in en
    assert 'id="org-controls"' not in other  # 8.1.1.2 has no control in this matrix


def test_a_matrix_downloaded_from_a_taiwan_page_round_trips(store, tmp_path, capsys):
    """The CSV of a 繁體（台灣） page has zh-Hant-TW columns beside the zh-Hant ones; imported, every
    column is read, and the organisation's matrix written back has the same bytes."""
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    with TestClient(create_app(Settings(store_path=store, workers=1, timeout_s=20))) as client:
        csv = client.get("/pcf/20609", params={"format": "csv", "descendants": "true", "lang": "zh-Hant-TW"})
    assert csv.status_code == 200 and "(zh-Hant-TW)" in csv.text.splitlines()[0]
    sheet = tmp_path / "rcm-tw.csv"
    sheet.write_bytes(csv.content)
    assert main(["import-rcm", str(sheet), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "columns not read" not in err and "warning" not in err
    assert _export(store, "org-rcm-csv") == csv.content
