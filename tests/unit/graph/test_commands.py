"""The build, export and import-pcf commands, run in-process through procgraph.cli.main."""

from __future__ import annotations

import pytest

from procgraph import config
from procgraph.cli import main

from .conftest import SMALL
from .test_pcf import make_workbook


def test_build_then_export_every_format(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--source", str(SMALL), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    for stage in ("ingest", "PCF reference", "RDF graphs", "inferences", "write the store"):
        assert stage in err
    assert "built 6 elements" in err
    for fmt in ("turtle", "trig", "nt", "nq", "jsonld", "xml", "rcm-csv", "rcm-xlsx"):
        out = tmp_path / f"out.{fmt}"
        assert main(["export", "--store", str(store), "-f", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000


def test_build_uses_procgraph_home_by_default(capsys):
    assert main(["build", "--quiet", "--source", str(SMALL)]) == 0
    assert capsys.readouterr().err == ""
    assert (config.default_store_path() / "procgraph-store.json").exists()
    assert main(["export", "-f", "nt", "-g", "standard", "-o", "-"]) == 0
    assert "<https://w3id.org/procgraph/pcf/20610>" in capsys.readouterr().out


def test_export_without_store_is_exit_2_with_advice(tmp_path, capsys):
    code = main(["export", "--store", str(tmp_path / "none"), "-f", "turtle", "-o", str(tmp_path / "x.ttl")])
    assert code == 2
    assert "procgraph build --store" in capsys.readouterr().err


def test_build_from_bad_records_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "records.json"
    bad.write_text('{"elements": [{"id": "eight"}]}', encoding="utf-8")
    assert main(["build", "--source", str(bad), "--store", str(tmp_path / "store")]) == 2
    assert "hierarchy id" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()


def test_import_pcf_then_build_uses_it(tmp_path, capsys):
    workbook = make_workbook(tmp_path / "pcf.xlsx")
    assert main(["import-pcf", str(workbook)]) == 0
    assert "imported 5 PCF elements" in capsys.readouterr().err
    assert main(["build", "--source", str(SMALL), "--store", str(tmp_path / "s")]) == 0
    assert "import-pcf" in capsys.readouterr().err


def test_import_pcf_of_junk_is_exit_2(tmp_path, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("hello")
    assert main(["import-pcf", str(junk)]) == 2
    assert "not a readable Excel workbook" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["export", "-f", "yaml", "-o", "x"], ["build", "--nonsense"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_build_saves_report_and_prepared_answers_with_the_store(built_store):
    """They arrive in the same swap as the database, prepared for its files."""
    from procgraph.queries import named_queries
    from procgraph.queries.prepared import ANSWERS_FILE, lookup, saved_documents

    assert (built_store / "validation.json").is_file() and (built_store / ANSWERS_FILE).is_file()
    assert not list(built_store.parent.glob(".store.*"))  # no temporary or previous store left
    graphs = named_queries()["graphs"]
    saved = lookup(built_store, graphs, graphs.text, {})
    assert saved is not None and saved.count >= 5
    assert {d.kind for d in saved_documents(built_store)} >= {"element", "risk"}
