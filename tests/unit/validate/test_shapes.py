"""The shapes files: every check has messages in zh-Hans and en, a severity, an aspect and a
fix order; the compiler refuses features it cannot run instead of skipping them."""

from __future__ import annotations

import pytest

from procgraph.validate.shapes import ASPECTS, PGSH, SH, ShapeError, load_checks, load_shapes_graph, shape_files

from .conftest import BAD


def test_every_check_is_annotated(checks):
    assert len(checks) >= 25
    for check in checks:
        assert check.aspect in ASPECTS
        assert check.severity in ("Violation", "Warning", "Info")
        for constraint in check.constraints:
            zh, en = check.message("zh-Hans", constraint), check.message("en", constraint)
            assert zh and en, check.name
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), check.name
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), check.name


def test_every_shape_states_its_severity_and_messages():
    graph = load_shapes_graph()
    for shape in set(graph.subjects(PGSH.aspect, None)):
        assert graph.value(shape, SH.severity) is not None, shape
        holders = [shape] + list(graph.objects(shape, SH.sparql))
        langs = {m.language.lower() for h in holders for m in graph.objects(h, SH.message)}
        assert {"zh-hans", "en"} <= langs, shape


def test_only_the_inverse_link_shape_needs_inference(checks):
    assert [c.name for c in checks if c.requires_inference] == ["ItemOwnedByOneElement"]


def test_every_shape_has_a_bad_fixture(checks):
    assert {c.name for c in checks} == {p.stem for p in BAD.glob("*.ru")}


def test_fix_order_puts_structure_first_and_text_last(checks):
    order = [c.aspect for c in checks]
    assert (
        order.index("structure")
        < order.index("coverage")
        < order.index("completeness")
        < order.index("alignment")
        < order.index("text")
    )


def _write_shape(tmp_path, body: str):
    path = tmp_path / "x.ttl"
    path.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix pgsh: <https://w3id.org/procgraph/shapes#> .\n"
        "@prefix ex: <http://example.org/> .\n" + body,
        encoding="utf-8",
    )
    return [path]


def test_unsupported_feature_is_refused(tmp_path):
    files = _write_shape(
        tmp_path,
        'ex:S a sh:PropertyShape ; pgsh:aspect "text" ; sh:targetClass ex:C ; '
        'sh:path ex:p ; sh:uniqueLang true ; sh:message "x"@en .',
    )
    with pytest.raises(ShapeError, match="uniqueLang"):
        load_checks(files)


def test_shape_without_target_is_refused(tmp_path):
    files = _write_shape(tmp_path, 'ex:S a sh:PropertyShape ; pgsh:aspect "text" ; sh:path ex:p ; sh:minCount 1 .')
    with pytest.raises(ShapeError, match="no target"):
        load_checks(files)


def test_broken_turtle_names_the_file(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("ex:S a", encoding="utf-8")
    with pytest.raises(ShapeError) as err:
        load_checks([path])
    assert "broken.ttl" in str(err.value)


def test_shape_files_are_the_bundled_ones():
    assert {p.name for p in shape_files()} >= {
        "structure.ttl",
        "coverage.ttl",
        "completeness.ttl",
        "alignment.ttl",
        "text.ttl",
    }


def test_sparql_constraint_with_minus_is_refused(tmp_path):
    files = _write_shape(
        tmp_path,
        'ex:S a sh:NodeShape ; pgsh:aspect "text" ; sh:targetClass ex:C ; sh:sparql [ '
        'sh:message "x"@en ; '
        'sh:select "SELECT $this WHERE { $this ex:p ?x MINUS { ?x ex:q 1 } }" ] .',
    )
    with pytest.raises(ShapeError, match="MINUS"):
        load_checks(files)
