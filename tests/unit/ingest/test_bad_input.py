"""Unusable input: a clear message naming the file and position, exit code 2, no traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procgraph.cli import main
from procgraph.errors import InputError, ProcgraphError, SourceFormatError
from procgraph.ingest import ingest


def run_cli(capsys, *argv):
    code = main(["ingest", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.err


def test_empty_file(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_text("")
    with pytest.raises(InputError, match="empty"):
        ingest(f)
    code, err = run_cli(capsys, f)
    assert code == 2 and "empty.txt" in err and "empty" in err and "Traceback" not in err


def test_gbk_bytes(tmp_path, capsys):
    f = tmp_path / "gbk.txt"
    f.write_bytes("8.0管理信息技術(IT)管理組織內的流程組。".encode("gbk"))
    code, err = run_cli(capsys, f)
    assert code == 2
    assert "gbk.txt" in err and "not valid UTF-8" in err and "byte 3" in err and "GB18030" in err


def test_binary_junk(tmp_path, capsys):
    f = tmp_path / "junk.bin"
    f.write_bytes(bytes(range(256)) * 4)
    code, err = run_cli(capsys, f)
    assert code == 2 and "junk.bin" in err and "binary" in err


def test_no_element(tmp_path, capsys):
    f = tmp_path / "page.txt"
    f.write_text("版權說明\n這是一個沒有流程元素的網頁。\n", encoding="utf-8")
    code, err = run_cli(capsys, f)
    assert code == 2 and "page.txt" in err and "no process element" in err


def test_missing_file(tmp_path, capsys):
    code, err = run_cli(capsys, tmp_path / "nope.txt")
    assert code == 2 and "nope.txt" in err and "not found" in err


def test_element_cut_off_after_its_heading(tmp_path, capsys):
    f = tmp_path / "cut.txt"
    f.write_text("流程層級流程定義最佳實踐流程標準流程運行預期結果9.0管理財務", encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        ingest(f)
    assert info.value.element == "9.0"


def test_cli_writes_records(tmp_path, capsys, bundled_source):
    out = tmp_path / "sub" / "records.json"
    code = main(["ingest", str(bundled_source), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and out.exists()
    assert "39 elements" in err and "truncated: 8.1.6.4" in err
    assert not list(out.parent.glob(".*.tmp"))


_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
_mangle = st.lists(
    st.one_of(_cjk, st.sampled_from(list("。，,?;()8.10 yèwù流程層級定義預期結果\n")), st.characters()), max_size=400
).map("".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=_mangle, middle=_mangle)
def test_mangled_text_never_crashes(tmp_path, prefix, middle):
    f = tmp_path / "mangled.txt"
    f.write_text("流程層級流程定義" + prefix + "8.0管理" + middle, encoding="utf-8", errors="surrogatepass")
    try:
        records = ingest(f)
    except ProcgraphError as exc:
        assert "mangled.txt" in str(exc)
    else:
        first = records["elements"][0]
        assert first["id"].endswith(".0") and first["level"] == 1  # a category opens the document
