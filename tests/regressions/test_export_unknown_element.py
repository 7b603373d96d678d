"""Issue 18: ``procgraph export -f rcm-csv --element 9.9.9`` wrote a header-only file and exited 0.

An id that is no element is an error (exit 2, "no element 9.9.9; did you mean …") and writes
nothing; ``--element 20632`` (8.1.5's PCF ID, which the pages accept) exports what
``--element 8.1.5`` does.
"""

from __future__ import annotations

import pytest

from procgraph.cli import main


@pytest.mark.parametrize("element", ["9.9.9", "8.9.9", "99999"])
def test_an_unknown_element_is_exit_2_with_suggestions(bundled_store, tmp_path, capsys, element):
    out = tmp_path / "x.csv"
    code = main(["export", "-f", "rcm-csv", "--element", element, "-o", str(out), "--store", str(bundled_store)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"no element {element}" in err and "did you mean" in err
    assert not out.exists()


def test_a_pcf_id_exports_like_its_hierarchy_id(bundled_store, tmp_path):
    by_hid, by_pcf = tmp_path / "hid.csv", tmp_path / "pcf.csv"
    for element, out in (("8.1.5", by_hid), ("20632", by_pcf)):
        assert (
            main(["export", "-f", "rcm-csv", "--element", element, "-o", str(out), "--store", str(bundled_store)]) == 0
        )
    assert by_hid.read_bytes() == by_pcf.read_bytes()
    assert by_hid.read_text(encoding="utf-8-sig").count("\n8.1.5,") >= 1
