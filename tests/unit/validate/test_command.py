"""``procgraph validate``: exit codes (0 conforms, 1 does not, 2 unusable input), formats, --save."""

from __future__ import annotations

import json

import pyoxigraph as ox
import rdflib

from procgraph.cli import main
from procgraph.store.local import write_store
from procgraph.validate import REPORT_FILE

from .conftest import BAD, GOOD


def test_good_file_conforms(capsys):
    assert main(["validate", str(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "conforms / 符合" in out and "99.1.1" in out


def test_bad_file_does_not_conform(tmp_path, capsys):
    store = ox.Store()
    store.bulk_extend(ox.parse(GOOD.read_bytes(), format=ox.RdfFormat.TRIG))
    store.update((BAD / "HasOutput.ru").read_text(encoding="utf-8"))
    path = tmp_path / "bad.nq"
    path.write_bytes(ox.serialize(store, format=ox.RdfFormat.N_QUADS))
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["conforms"]
    entry = next(e for e in report["elements"] if e["id"] == "99.1")
    assert entry["gaps"][0]["check"] == "HasOutput"  # then: its practice's output is now another's
    assert entry["gaps"][0]["message_zh"] == "没有流程运行预期结果"


def test_unusable_input_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", str(empty)]) == 2
    assert main(["validate", "--store", str(tmp_path / "nostore")]) == 2
    err = capsys.readouterr().err
    assert "broken.ttl" in err and "no process elements" in err and "procgraph build --store" in err


def test_store_formats_and_save(tmp_path, capsys):
    path = tmp_path / "store"
    quads = list(ox.parse(GOOD.read_bytes(), format=ox.RdfFormat.TRIG))
    write_store(quads, path)
    assert main(["validate", "--store", str(path), "--format", "ttl", "--save"]) == 0
    raw = rdflib.Graph().parse(data=capsys.readouterr().out, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(True)) in raw
    assert json.loads((path / REPORT_FILE).read_text(encoding="utf-8"))["conforms"] is True
    for fmt in ("md", "html"):
        out = tmp_path / f"report.{fmt}"
        assert main(["validate", "--store", str(path), "-f", fmt, "-o", str(out)]) == 0
        assert "完整性检查报告" in out.read_text(encoding="utf-8")
