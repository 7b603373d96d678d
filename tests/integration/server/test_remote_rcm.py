"""Issue 14: ``procgraph import-rcm --store-url`` into a remote store built by ``procgraph build
--store-url`` (a real Oxigraph server on 127.0.0.1), and the controls on the element page a
procgraph server in front of that store shows."""

from __future__ import annotations

import httpx
import pytest
from openpyxl import Workbook

from procgraph.cli import main
from procgraph.graph import GRAPHS
from procgraph.graph.orgrcm import graph_of
from procgraph.server import Settings
from procgraph.store.remote import RemoteStore

from .conftest import serve

PG = "https://w3id.org/procgraph/ontology#"


@pytest.fixture(scope="module")
def built(oxigraph_url):
    assert main(["build", "--store-url", oxigraph_url + "/query", "--quiet"]) == 0
    return oxigraph_url + "/query"


def _sheet(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = "控制矩阵"
    sheet.append(["控制编号", "流程编号", "风险编号", "控制措施", "控制负责人", "频率", "证据"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def _count(store: RemoteStore, graph: str) -> int:
    rows = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
    return int(rows[0]["n"].value)


def test_import_rcm_into_a_remote_store(built, tmp_path, capsys):
    store = RemoteStore(built)
    try:
        inferred_before = _count(store, GRAPHS["inferred"])
        sheet = _sheet(
            tmp_path / "rcm.xlsx",
            [
                ["C-01", "8.1.1.1", "1", "每季度评审顾客需求", "IT客户关系部", "每季度", "会议纪要"],
                ["C-02", "8.1.1.1", "2", "每月核对顾客名单", "", "每月", ""],
            ],
        )
        assert main(["import-rcm", sheet, "--store-url", built]) == 0
        assert "imported 2 controls" in capsys.readouterr().err
        controls = list(
            store.query(f"""SELECT ?c ?risk WHERE {{ GRAPH <{graph_of("org")}> {{
            ?c a <{PG}Control> ; <{PG}addressesRisk> ?risk }} }} ORDER BY ?c""")
        )
        risk = "https://w3id.org/procgraph/std/gbpm-8/20610/risk/"
        assert [r["risk"].value for r in controls] == [risk + "1", risk + "2"]
        assert _count(store, GRAPHS["inferred"]) > inferred_before  # inferences over the controls too
        held = _count(store, graph_of("org"))
        # a bad sheet (a risk number 8.1.1.1 does not have) is exit 2 naming the cell; the store is as it was
        bad = _sheet(tmp_path / "bad.xlsx", [["C-09", "8.1.1.1", "99", "x", "y", "每月", ""]])
        assert main(["import-rcm", bad, "--store-url", built]) == 2
        err = capsys.readouterr().err
        assert "bad.xlsx" in err and "row 2" in err and "风险编号" in err
        assert _count(store, graph_of("org")) == held
        staging = [g for g in store.named_graph_iris() if "staging" in g]
        assert staging == []
    finally:
        store.close()
    with (
        serve(Settings(store_url=built, timeout_s=30)) as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        page = client.get("/pcf/20610", headers={"Accept": "text/html", "Accept-Language": "zh-Hans"}).text
    table = page.split('id="org-controls-table"', 1)[1].split("</table>", 1)[0]
    assert "每季度评审顾客需求" in table and "IT客户关系部" in table and "未指定负责人" in table
