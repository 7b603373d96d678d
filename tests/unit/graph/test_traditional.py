"""The graph's Traditional Chinese: converted from the clean zh-Hans with OpenCC (s2t), with
Taiwan (s2twp) and Hong Kong (s2hk) forms where they differ; the records keep the text as the
source publishes it. And the exports write language tags in canonical BCP 47 case."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from procgraph.export import _rdf, to_jsonld, to_rdfxml
from procgraph.graph.standard import standard_quads
from procgraph.ingest.script import taiwan_phrases, to_simplified, to_taiwan
from procgraph.pcf import load_core


@pytest.fixture(scope="module")
def bundled(bundled_records):
    quads = standard_quads(bundled_records, load_core())
    by_lang: dict[str, list[str]] = {}
    for q in quads:
        text_like = q.predicate.value.endswith(("#text", "prefLabel", "definition"))
        if isinstance(q.object, ox.Literal) and q.object.language and text_like:
            by_lang.setdefault(q.object.language, []).append(q.object.value)
    return bundled_records, quads, {k: "\n".join(v) for k, v in by_lang.items()}


@pytest.mark.parametrize("published, proper", [("關系", "關係"), ("范圍", "範圍"), ("并", "並"), ("后", "後")])
def test_graph_zh_hant_has_the_proper_forms_the_records_keep_the_published(bundled, published, proper):
    records, _, texts = bundled
    published_text = json.dumps(records, ensure_ascii=False)
    assert published in published_text  # the site's mechanical conversion, kept in the records
    assert proper in texts["zh-hant"]


def test_no_mechanical_forms_left_in_the_graph_zh_hant(bundled):
    _, _, texts = bundled
    for published in ("關系", "范圍", "并且", "之后", "然后"):
        assert published not in texts["zh-hant"], published


def test_taiwan_forms_only_where_they_differ(bundled):
    _, quads, texts = bundled
    assert "資訊" in texts["zh-hant-tw"] and "資訊" not in texts["zh-hant"]
    by_node: dict[tuple, dict[str, str]] = {}
    for q in quads:
        if isinstance(q.object, ox.Literal) and (q.object.language or "").startswith("zh-hant"):
            by_node.setdefault((q.subject.value, q.predicate.value), {})[q.object.language] = q.object.value
    assert by_node and all(
        forms.get("zh-hant-tw") != forms["zh-hant"] and forms.get("zh-hant-hk") != forms["zh-hant"]
        for forms in by_node.values()
    )


TAIWAN_FORMS = [
    ("信息技术", "資訊科技"),
    ("项目", "專案"),
    ("质量", "品質"),
    ("服务质量", "服務品質"),
    ("流程运行和控制需应对的风险", "流程運作和控制需應對的風險"),
    ("计划执行情况", "計劃執行情況"),  # 执行 stays 執行: the table is keyed on zh-Hans
    ("需求文件", "需求文件"),
    ("请先运行 procgraph build", "請先執行 procgraph build"),
]


@pytest.mark.parametrize("hans, taiwan", TAIWAN_FORMS)
def test_taiwan_forms(hans, taiwan):
    assert to_taiwan(hans) == taiwan


def test_the_phrase_table_corrects_s2twp():
    import opencc

    s2twp = opencc.OpenCC("s2twp").convert
    assert s2twp("质量") == "質量" and to_taiwan("质量") == "品質"  # 質量 is mass in Taiwan
    assert s2twp("流程运行") == "流程執行" and to_taiwan("流程运行") == "流程運作"
    table = taiwan_phrases()
    assert table["质量"] == "品質"
    # keyed on zh-Hans, and to_taiwan gives each phrase its form
    assert all(to_simplified(hans) == hans and to_taiwan(hans) == taiwan for hans, taiwan in table.items())


def test_graph_taiwan_texts_say_pin_zhi(bundled):
    _, _, texts = bundled
    assert "品質" in texts["zh-hant-tw"] and "質量" not in texts["zh-hant-tw"]
    assert "質量" in texts["zh-hant"]  # s2t keeps 質量: only Taiwan's literal changes
    assert "流程運作" in texts["zh-hant-tw"] and "流程執行" not in texts["zh-hant-tw"]


def test_build_is_deterministic(bundled_records):
    framework = load_core()
    assert standard_quads(bundled_records, framework) == standard_quads(bundled_records, framework)


@pytest.mark.parametrize(
    "writer",
    [
        lambda q: _rdf(ox.RdfFormat.TURTLE, q, True),
        lambda q: _rdf(ox.RdfFormat.TRIG, q, False),
        lambda q: _rdf(ox.RdfFormat.N_TRIPLES, q, True),
        lambda q: _rdf(ox.RdfFormat.N_QUADS, q, False),
        to_rdfxml,
        to_jsonld,
    ],
    ids=["turtle", "trig", "nt", "nq", "xml", "jsonld"],
)
def test_exports_write_canonical_tag_case(bundled, writer):
    _, quads, _ = bundled
    body = writer(quads).decode("utf-8")
    for canonical in ("zh-Hans", "zh-Hant", "zh-Hant-TW"):
        assert f'"{canonical}"' in body or f"@{canonical}" in body, canonical
    for lower in ("zh-hans", "zh-hant"):
        assert f"@{lower}" not in body and f'"{lower}"' not in body, lower
    if writer is not to_jsonld:  # still valid RDF with the same statements
        if writer is to_rdfxml:
            fmt = ox.RdfFormat.RDF_XML
        elif "<https://w3id.org/procgraph/graph/" in body.splitlines()[-1]:
            fmt = ox.RdfFormat.N_QUADS
        else:
            fmt = ox.RdfFormat.TRIG
        parsed = ox.parse(body.encode("utf-8"), format=fmt)
        triples = {(q.subject, q.predicate, q.object) for q in parsed}
        assert len(triples) == len({(q.subject, q.predicate, q.object) for q in quads})
