"""Issue 14: any part of the series, beginning at any PCF element and skipping elements.

Three pages of shapes the bundled part does not have (see :mod:`tests.unit.ingest.series_pages`),
damaged the way the site damages pages, must come out exactly as written, item by item.
"""

from __future__ import annotations

import pytest

from procgraph import pcf
from procgraph.errors import SourceFormatError
from procgraph.ingest import ingest
from procgraph.ingest.parts import part_of
from tests.unit.ingest.series_pages import PART_4_1_2, PART_8_1_7, PART_8_2, site_readings
from tests.unit.ingest.synthetic import write_page


@pytest.fixture(scope="module")
def readings(bundled_source):
    return site_readings(bundled_source)


def _page(tmp_path_factory, readings, page: dict, name: str):
    path = tmp_path_factory.mktemp("part") / name
    text = write_page(path, page["title"], page["elements"], readings, damaged=True)
    assert "(wù)" in text and "," in text and "?" in text  # readings, ASCII commas, mojibake
    return path


@pytest.fixture(scope="module")
def core_home(tmp_path_factory):
    """A data home with no imported framework: ingest reads pages against the carried facts."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(tmp_path_factory.mktemp("core-home")))
        yield


@pytest.fixture(scope="module")
def full_home(tmp_path_factory, apqc_dir):
    """A data home where the whole PCF 7.4 has been imported (as ``procgraph import-pcf`` does)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(tmp_path_factory.mktemp("full-home")))
        pcf.write_csv(pcf.read_csv(apqc_dir / "pcf-cross-industry-7.4.csv"), pcf.imported_path())
        yield


@pytest.fixture(scope="module")
def part_8_2(tmp_path_factory, readings, core_home):
    return ingest(_page(tmp_path_factory, readings, PART_8_2, "gbpm-8-2.txt"))


@pytest.fixture(scope="module")
def part_8_1_7(tmp_path_factory, readings, core_home):
    return ingest(_page(tmp_path_factory, readings, PART_8_1_7, "gbpm-8-2b.txt"))


@pytest.fixture(scope="module")
def part_4_path(tmp_path_factory, readings):
    return _page(tmp_path_factory, readings, PART_4_1_2, "gbpm-4-2.txt")


@pytest.fixture(scope="module")
def part_4_1_2(part_4_path, full_home):
    return ingest(part_4_path)


def _expected_rows(element: dict, kind: str) -> list[tuple[int, int | None, str]]:
    per = element["per_practice"]
    if kind == "practices":
        return [(i + 1, None, t) for i, t in enumerate(element[kind])]
    return [(i + 1, i // per + 1, t) for i, t in enumerate(element[kind])]


def _check_exact(records: dict, page: dict) -> None:
    got = records["elements"]
    assert [e["id"] for e in got] == [e["id"] for e in page["elements"]]
    for e, want in zip(got, page["elements"]):
        where = e["id"]
        assert (e["level"], e["parent"], e["pcf_id"]) == (pcf.level_of(want["id"]), want["parent"], want["pcf_id"]), (
            where
        )
        assert e["name"]["zh-Hant"] == want["name"], where
        assert e["definition"]["zh-Hant"] == "".join(want["definition"]), where
        for kind in ("practices", "risks", "outputs"):
            rows = [(i["n"], i.get("practice"), i["zh-Hant"]) for i in e[kind]]
            assert rows == _expected_rows(want, kind), (where, kind)
        assert e["truncated"] is want.get("truncated", False), where
    last = got[-1]
    assert any(w.startswith(f"{last['id']}:") and "stops mid-sentence" in w for w in records["warnings"])
    assert not any("not an element" in w for w in records["warnings"])


def test_part_starting_at_a_process_group(part_8_2):
    _check_exact(part_8_2, PART_8_2)
    assert part_8_2["repairs"], "the page's mojibake is repaired"


def test_part_starting_mid_group_at_a_process(part_8_1_7):
    _check_exact(part_8_1_7, PART_8_1_7)
    assert any(r["repaired"].startswith("實施") for r in part_8_1_7["repairs"])


def test_part_of_another_category_with_the_full_pcf(part_4_1_2):
    _check_exact(part_4_1_2, PART_4_1_2)
    assert part_4_1_2["elements"][0]["name"]["en"] == "Manage demand for products"


def test_part_outside_the_carried_facts_needs_the_full_pcf(part_4_path, tmp_path, monkeypatch):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path))  # nothing imported
    with pytest.raises(SourceFormatError) as err:
        ingest(part_4_path)
    assert "import-pcf" in str(err.value.hint or "")


@pytest.mark.parametrize("page", [PART_8_2, PART_8_1_7, PART_4_1_2], ids=["8.2", "8.1.7", "4.1.2"])
def test_part_from_the_title(page):
    part = part_of(page["title"])
    assert part.label == page["part"] and part.subject.startswith(page["elements"][0]["id"])


def test_numbers_in_running_text_are_not_headings(tmp_path, readings, monkeypatch):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "home"))
    """An id of the PCF quoted in running text (not at a row's start) is not a heading."""
    element = {
        **PART_8_2["elements"][2],
        "definition": ["收集和分析與信息技術相關的內外部信息，為8.2.3定義企業架構提供依據。"],
    }
    page = {**PART_8_2, "elements": PART_8_2["elements"][:2] + [element]}
    path = tmp_path / "quoted.txt"
    write_page(path, page["title"], page["elements"], readings, damaged=True)
    records = ingest(path)
    assert [e["id"] for e in records["elements"]] == ["8.2", "8.2.1", "8.2.1.1"]
    assert records["elements"][2]["definition"]["zh-Hant"] == "".join(element["definition"])


def test_overlapping_parts_keep_one_text_and_say_why(bundled_records, part_8_2, part_8_1_7):
    """8.2 and 8.2.1 are in both 第8部分(2) pages: the complete, fuller entry is kept and reported."""
    from procgraph.ingest.series import merge_parts

    kept, overlaps = merge_parts([bundled_records, part_8_1_7, part_8_2])
    parts = {e["id"]: part for e, part in kept}
    assert parts["8.0"] == "第8部分(1) gbpm-8-1.txt" and parts["8.1.7.3"] == "第8部分(2) gbpm-8-2b.txt"
    assert parts["8.2"] == "第8部分(2) gbpm-8-2.txt"
    assert [o["element"] for o in overlaps] == ["8.2", "8.2.1"]
    by_id = {o["element"]: o for o in overlaps}
    assert "truncated" in by_id["8.2.1"]["reason"]
    assert by_id["8.2"]["reason"].startswith("9 items")
    assert [e["id"] for e, _ in kept] == sorted({e["id"] for e, _ in kept}, key=pcf.hierarchy_key)
