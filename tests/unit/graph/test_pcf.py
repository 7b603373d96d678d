"""The PCF reference: the core facts, APQC's workbook (a tiny one made here, and the real one
where present), import into the data home, and the reference graph with APQC's notice."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook
from pyoxigraph import NamedNode, Store

from procgraph import config
from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.pcf import framework_quads
from procgraph.namespaces import PG, PREFIXES
from procgraph.pcf import (
    hierarchy_key,
    import_workbook,
    level_of,
    load_core,
    load_framework,
    parent_of,
    read_workbook,
    version_from_name,
)
from procgraph.resources import resource_path

HEADER = [
    "PCF ID",
    "Hierarchy ID",
    "Name",
    "Difference Index",
    "Change details",
    "Metrics available?",
    "Element Description",
]
TINY = [
    (20607, "8.0", "Manage Information Technology (IT)", "Managing IT."),
    (20608, "8.1", "Develop and manage IT customer relationships", "Building relationships."),
    (20609, "8.1.1", "Understand\u00a0IT customer needs ", "Understanding needs."),
    (20610, "8.1.1.1", "Understand IT customer communities", None),
    (99901, "8.1.1.1.1", "A task", "Doing a task."),
]


def make_workbook(path: Path, rows=TINY, sheet="Combined", header=HEADER) -> Path:
    book = Workbook()
    book.active.title = "Introduction"
    ws = book.create_sheet(sheet)
    ws.append(header)
    for pcf_id, hid, name, definition in rows:
        ws.append([pcf_id, hid, name, 0, None, "N", definition])
    book.save(path)
    return path


def test_core_facts_have_categories_groups_and_the_8_subtree():
    fw = load_core()
    levels = [e.level for e in fw.elements]
    assert levels.count(1) == 13 and levels.count(2) == 72
    assert sum(1 for e in fw.elements if e.hierarchy_id.startswith("8.")) == 321
    assert fw.by_hierarchy_id()["8.1.1.1"].pcf_id == 20610


def test_computed_level_and_parent_agree_with_the_core_table():
    with open(resource_path("data", "pcf", "pcf-7.4-core.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert level_of(row["hierarchy_id"]) == int(row["level"])
            assert (parent_of(row["hierarchy_id"]) or "") == row["parent_id"]


def test_hierarchy_order_is_numeric():
    ids = ["8.10", "8.2", "8.0", "10.0", "8.1.1", "8.1"]
    assert sorted(ids, key=hierarchy_key) == ["8.0", "8.1", "8.1.1", "8.2", "8.10", "10.0"]


def test_tiny_workbook_is_read_with_levels_parents_and_clean_names(tmp_path):
    elements = read_workbook(make_workbook(tmp_path / "pcf.xlsx"))
    by_id = {e.hierarchy_id: e for e in elements}
    assert by_id["8.1.1"].name_en == "Understand IT customer needs"
    assert by_id["8.1.1.1.1"].level == 5 and by_id["8.1.1.1.1"].parent_id == "8.1.1.1"
    assert by_id["8.1.1.1"].definition_en is None
    assert by_id["8.1"].definition_en == "Building relationships."


def test_import_goes_to_the_data_home_and_is_used_by_later_builds(tmp_path):
    written, count = import_workbook(make_workbook(tmp_path / "APQC PCF Excel Version 7.4.xlsx"))
    assert count == len(TINY)
    assert written.parent == config.pcf_dir() and written.exists()
    assert (written.parent / "NOTICE.txt").read_text(encoding="utf-8").startswith("Source: APQC")
    fw = load_framework()
    assert len(fw.elements) == len(TINY) and "import-pcf" in fw.origin


def test_workbook_task_level_becomes_a_task_with_a_definition(tmp_path):
    fw = load_framework(make_workbook(tmp_path / "pcf.xlsx"))
    store = Store()
    store.extend(framework_quads(fw))
    task = NamedNode(iris.pcf_element(99901))
    types = [q.object.value for q in store.quads_for_pattern(task, NamedNode(PREFIXES["rdf"] + "type"), None, None)]
    assert types == [str(PG.Task)]
    definitions = list(store.quads_for_pattern(task, NamedNode(PREFIXES["skos"] + "definition"), None, None))
    assert definitions[0].object.value == "Doing a task."


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"sheet": "Sheet9"}, "no sheet 'Combined'"),
        ({"header": ["ID", "Name"]}, "lacks the columns"),
        ({"rows": [(1, "eight", "x", None)]}, "hierarchy id"),
        ({"rows": []}, "no elements"),
    ],
)
def test_bad_workbooks_give_clear_errors(tmp_path, kwargs, message):
    with pytest.raises(InputError, match=message):
        read_workbook(make_workbook(tmp_path / "bad.xlsx", **kwargs))


def test_a_file_that_is_not_a_workbook_is_an_input_error(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01 not a zip")
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        read_workbook(junk)


def test_version_is_read_from_apqc_file_names():
    assert version_from_name(Path("K014749_APQC ... - Excel Version 7.4.xlsx")) == "7.4"
    assert version_from_name(Path("pcf.xlsx")) == "7.4"


def test_reference_graph_carries_apqc_notice_and_scheme(framework):
    quads = framework_quads(framework)
    assert {q.graph_name.value for q in quads} == {GRAPHS["pcf"]}
    rights = [q for q in quads if q.predicate.value == PREFIXES["dcterms"] + "rights"]
    assert {q.subject.value for q in rights} == {GRAPHS["pcf"], iris.framework("7.4")}
    assert all("APQC" in q.object.value and "ALL RIGHTS RESERVED" in q.object.value for q in rights)
    tops = [q for q in quads if q.predicate.value == PREFIXES["skos"] + "topConceptOf"]
    assert len(tops) == 13


def test_uncovered_pcf_elements_are_present_without_standard_content(built_store):
    from procgraph.store import open_store

    store = open_store(built_store)
    for hid in ("8.1.6.5", "8.1.7", "8.2", "8.7", "8.7.1"):
        rows = list(
            store.query(
                'PREFIX pg: <%s> SELECT ?e ?covered ?practice WHERE { GRAPH <%s> { ?e pg:hierarchyId "%s" } '
                "OPTIONAL { ?e pg:coveredBy ?covered } OPTIONAL { ?e pg:hasPractice ?practice } }"
                % (PG._NS, GRAPHS["pcf"], hid),
                use_default_graph_as_union=True,
            )
        )
        assert len(rows) == 1, hid
        assert rows[0]["covered"] is None and rows[0]["practice"] is None, hid


def test_real_apqc_workbook_where_present(apqc_dir):
    workbook = next(apqc_dir.glob("*.xlsx"))
    elements = read_workbook(workbook)
    assert len(elements) == 1921
    assert sum(1 for e in elements if e.level == 5) == 189
    by_id = {e.hierarchy_id: e for e in elements}
    assert by_id["8.1.1.1"].pcf_id == 20610 and by_id["8.1.1.1"].definition_en
    core = load_core().by_hierarchy_id()
    for hid, element in core.items():
        assert by_id[hid].pcf_id == element.pcf_id and by_id[hid].name_en == element.name_en, hid
