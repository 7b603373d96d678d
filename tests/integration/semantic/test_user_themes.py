"""A user's own themes end to end: a TSV file in, ``procgraph themes add``, build, page and API out."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from procgraph.cli import main
from procgraph.server import Settings, create_app

AUDIT = (
    "theme\ten\tzh-Hans\tbroader\twords\tscope\n"
    "audit\taudit\t审计\tcompliance\t审核|稽核|audit trail\tInternal and external audits and their evidence.\n"
    "communication\t\t\t\t沟通会\t\n"
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_a_user_theme_reaches_the_build_the_api_and_the_page(home, tmp_path, capsys):
    sheet = tmp_path / "audit.tsv"
    sheet.write_text(AUDIT, encoding="utf-8")
    assert main(["themes", "add", str(sheet)]) == 0
    assert (home / "themes" / "audit.tsv").read_text(encoding="utf-8") == AUDIT
    assert main(["themes", "list"]) == 0
    assert "audit\taudit\t审计\tbroader: compliance" in capsys.readouterr().out

    store = tmp_path / "store"
    assert main(["build", "--store", str(store)]) == 0
    with TestClient(create_app(Settings(store_path=store, workers=1))) as client:
        answer = client.get("/api/risks", params={"theme": "審計"}).json()  # the Traditional name works too
        assert answer["theme"]["slug"] == "audit"
        texts = {r["text"]["zh-Hans"] for r in answer["risks"]}
        assert texts and all("审核" in t for t in texts)  # 8.1.2.1/15 后续审核, 8.1.5.5/6 审核或纠纷解决
        assert {"审核"} == {w for r in answer["risks"] for m in r["matched"] for w in m["evidence"]}
        compliance = client.get("/api/risks", params={"theme": "compliance"}).json()
        assert {r["iri"] for r in answer["risks"]} <= {r["iri"] for r in compliance["risks"]}  # a narrower theme
        page = client.get("/themes/audit", params={"lang": "en"})
        assert page.status_code == 200 and '<mark title="审核">审核</mark>' in page.text


def test_a_theme_file_that_breaks_the_thesaurus_is_refused_and_not_kept(home, tmp_path, capsys):
    sheet = tmp_path / "bad.tsv"
    sheet.write_text("theme\ten\tzh-Hans\tbroader\nchannels-too\tchannels too\t沟通渠道\tnowhere\n", encoding="utf-8")
    assert main(["themes", "add", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "bad.tsv" in err and "沟通渠道" in err and "two themes" in err and "broader theme does not exist" in err
    assert not (home / "themes").exists() or not list((home / "themes").iterdir())


def test_a_malformed_sheet_names_the_line_and_the_column(home, tmp_path, capsys):
    sheet = tmp_path / "odd.tsv"
    sheet.write_text("theme\ten\tzh-Hans\nAudit Things\taudit\t审计\n", encoding="utf-8")
    assert main(["themes", "add", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "odd.tsv" in err and "line 2, column theme" in err
