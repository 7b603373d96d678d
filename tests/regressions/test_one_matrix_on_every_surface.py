"""Issue 18: "the risk-control matrix of 8.1.5" had three sizes.

The element page and its CSV gave 7 rows (8.1.5's own items), ``procgraph export --element
8.1.5`` 56 (8.1.5 and its descendants), the named query ``risk-control-matrix`` and its API 49
(the children only, without 8.1.5 itself). Now the matrix of an element is its own practices,
risks and outputs everywhere, and every surface gives the element with its subtree when asked
explicitly (``--with-descendants``, ``?descendants=true``). Checked on a real server over the
bundled standard, for an element with children, one without, and the category.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from procgraph.cli import main


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    lines = [line for line in data.decode("utf-8-sig").splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines).lstrip("\r\n"))))


def _numbers(value) -> tuple[int, ...]:
    return tuple(sorted(int(n) for n in str(value or "").split("; ") if n))


def _export(store, tmp_path, element: str, descendants: bool, fmt: str = "rcm-csv") -> bytes:
    out = tmp_path / f"m.{fmt}"
    args = ["export", "-f", fmt, "--element", element, "-o", str(out), "--store", str(store)]
    assert main(args + (["--with-descendants"] if descendants else [])) == 0
    return out.read_bytes()


def _key(row: dict[str, str]) -> tuple:
    """Element, practice number and the risk and output numbers of one matrix row."""
    return row["Element ID"], row["Practice #"], _numbers(row["Risk #"]), _numbers(row["Output #"])


@pytest.mark.parametrize(
    "element,pcf,own,subtree", [("8.1.5", "20632", 7, 56), ("8.1.6.4", "20645", 7, 7), ("8.0", "20607", 7, 249)]
)
def test_every_surface_gives_the_same_matrix(bundled_store, bundled_client, tmp_path, element, pcf, own, subtree):
    for descendants, size in ((False, own), (True, subtree)):
        cli = _export(bundled_store, tmp_path, element, descendants)
        params = {"format": "csv", **({"descendants": "true"} if descendants else {})}
        page = bundled_client.get(f"/pcf/{pcf}", params=params)
        assert page.status_code == 200, page.text
        assert page.content == cli  # the page's download is the CLI's file, byte for byte
        rows = _csv_rows(cli)
        assert len(rows) == size
        ids = {r["Element ID"] for r in rows}
        assert element in ids and (ids == {element} or descendants)
        assert all(i == element or i.startswith(element.removesuffix(".0") + ".") for i in ids)

        api = bundled_client.get(
            "/api/queries/risk-control-matrix", params={"process": element, "descendants": str(descendants).lower()}
        )
        assert api.status_code == 200, api.text
        named = api.json()["rows"]
        assert len(named) == size
        assert sorted(
            (r["hid"], str(r.get("practiceNo", "")), _numbers(r.get("riskNos")), _numbers(r.get("outputNos")))
            for r in named
        ) == sorted(_key(r) for r in rows)


def test_the_element_page_shows_the_rows_its_download_has(bundled_client):
    html = bundled_client.get("/pcf/20632").text
    assert html.count("<tr data-risks=") == 7
    assert "?format=xlsx" in html and "descendants=true" in html


def test_the_page_offers_the_xlsx_the_cli_writes(bundled_store, bundled_client, tmp_path):
    cli = load_workbook(io.BytesIO(_export(bundled_store, tmp_path, "8.1.5", True, "rcm-xlsx")))["RCM"]
    page = bundled_client.get("/pcf/20632", params={"format": "xlsx", "descendants": "true"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rcm-pcf-20632-8.1.5-with-descendants.xlsx"' in page.headers["content-disposition"]
    served = load_workbook(io.BytesIO(page.content))["RCM"]
    assert list(served.iter_rows(values_only=True)) == list(cli.iter_rows(values_only=True))
    assert served.max_row == 57


def test_descendants_must_be_true_or_false(bundled_client):
    assert bundled_client.get("/pcf/20632", params={"format": "csv", "descendants": "maybe"}).status_code == 400
    api = bundled_client.get("/api/queries/risk-control-matrix", params={"process": "8.1.5", "descendants": "maybe"})
    assert api.status_code == 400 and "descendants" in api.text
