"""Long commands show a progress bar on a terminal and plain stage lines otherwise (progress.py)."""

from __future__ import annotations

import io
import os
import pty
import threading
from pathlib import Path

import pytest

from procgraph.cli import main
from procgraph.progress import StageReporter, stage

SMALL = Path(__file__).resolve().parent / "graph" / "fixtures" / "records-small.json"
CLEAR = "\r\x1b[K"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))


def test_stage_reports_start_and_time_and_keeps_it():
    heard, times = [], {}

    class Listener:
        def start(self, name):
            heard.append(("start", name))

        def __call__(self, name, seconds):
            heard.append(("done", name, seconds >= 0))

    assert stage(Listener(), "infer", lambda: 42, times) == 42
    assert heard == [("start", "infer"), ("done", "infer", True)] and set(times) == {"infer"}
    assert stage(None, "quiet", lambda: "ok") == "ok"  # no listener: just runs


def test_without_a_terminal_only_plain_stage_lines():
    out = io.StringIO()
    with StageReporter("procgraph build", {"graph": "make the RDF graphs"}, stream=out) as progress:
        stage(progress, "graph", lambda: None)
        stage(progress, "other", lambda: None)
    lines = out.getvalue().splitlines()
    assert [line.split()[:4] for line in lines] == [["make", "the", "RDF", "graphs"], ["other", "0.00", "s"][:4]]
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue() and "[" not in out.getvalue()


def test_on_a_terminal_a_bar_counts_the_stages_and_is_cleared_at_the_end():
    out = io.StringIO()
    with StageReporter(
        "procgraph export", {"open": "open the store", "write": "write the output"}, stream=out, tty=True
    ) as progress:
        stage(progress, "open", lambda: None)
        stage(progress, "write", lambda: None)
    text = out.getvalue()
    assert f"{CLEAR}procgraph export [--------------------]  1/2  open the store" in text
    assert f"{CLEAR}procgraph export [##########----------]  2/2  write the output" in text
    assert "  open the store" in text and "  write the output" in text  # each stage's time stays
    assert text.endswith(" s\n") and "procgraph export [" not in text.rsplit(CLEAR, 1)[-1]  # no bar left behind


def run_on_terminal(argv: list[str], monkeypatch) -> tuple[int, str]:
    """Run ``procgraph ARGV`` in this process with standard error on a pseudo-terminal."""
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    terminal = io.TextIOWrapper(os.fdopen(slave, "wb", buffering=0), encoding="utf-8", write_through=True)
    monkeypatch.setattr("sys.stderr", terminal)
    try:
        code = main(argv)
    finally:
        terminal.close()
        reader.join(5)
        os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_build_and_export_draw_a_bar_on_a_terminal(tmp_path, monkeypatch, capsys):
    store = tmp_path / "store"
    code, text = run_on_terminal(["build", "--source", str(SMALL), "--store", str(store)], monkeypatch)
    assert code == 0 and (store / "CURRENT").exists()
    assert "procgraph build [" in text and "/8  make the RDF graphs" in text and CLEAR in text
    assert "write the store" in text  # the stage times are still shown
    code, text = run_on_terminal(
        ["export", "-f", "trig", "-o", str(tmp_path / "all.trig"), "--store", str(store)], monkeypatch
    )
    assert code == 0 and "procgraph export [" in text and "/3  read and serialize" in text


def test_build_and_validate_write_plain_lines_when_not_on_a_terminal(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--source", str(SMALL), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "  make the RDF graphs" in err and "\x1b" not in err and "procgraph build [" not in err
    main(["validate", "--store", str(store)])
    err = capsys.readouterr().err
    assert "  run the SHACL shapes" in err and "\x1b" not in err


def test_import_pcf_draws_a_bar_on_a_terminal(apqc_dir, monkeypatch, capsys):
    workbook = next(apqc_dir.glob("*.xlsx"), None)
    if workbook is None:
        pytest.skip(f"no PCF workbook (*.xlsx) in {apqc_dir}")
    code, text = run_on_terminal(["import-pcf", str(workbook)], monkeypatch)
    assert code == 0, text
    assert "procgraph import-pcf [" in text and CLEAR in text
    assert "1/2  read the workbook" in text and "2/2  write the PCF facts" in text
    assert "procgraph import-pcf [" not in text.rsplit(CLEAR, 1)[-1]  # the bar is cleared at the end
    assert "imported " in text and "PCF elements" in text


def test_import_pcf_writes_plain_lines_when_not_on_a_terminal(apqc_dir, capsys):
    workbook = next(apqc_dir.glob("*.xlsx"), None)
    if workbook is None:
        pytest.skip(f"no PCF workbook (*.xlsx) in {apqc_dir}")
    assert main(["import-pcf", str(workbook)]) == 0
    err = capsys.readouterr().err
    assert "  read the workbook" in err and "  write the PCF facts" in err
    assert "\x1b" not in err and "\r" not in err and "procgraph import-pcf [" not in err
