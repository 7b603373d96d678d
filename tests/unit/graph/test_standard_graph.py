"""Records -> the standard graph: every element and item present with its alignment, texts,
provenance and span; IRIs stable; only terms the ontology defines; bad records rejected."""

from __future__ import annotations

import copy

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Store

from procgraph.errors import InputError
from procgraph.graph import GRAPHS, iris
from procgraph.graph.standard import standard_quads, standard_slug
from procgraph.ingest.script import traditional_forms
from procgraph.namespaces import PG, PG_IRI, PREFIXES
from procgraph.resources import resource_path

# oa: W3C Web Annotation selectors of tag evidence
ALLOWED_VOCABULARIES = tuple(PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "dpv", "oa"))


@pytest.fixture(scope="module")
def std_store(records, framework) -> Store:
    store = Store()
    store.extend(standard_quads(records, framework))
    return store


def objects(store: Store, subject: str, predicate) -> list:
    return [q.object for q in store.quads_for_pattern(NamedNode(subject), NamedNode(str(predicate)), None, None)]


def test_framework_facts_are_not_repeated_in_the_standard_graph(records, framework):
    from procgraph.graph.pcf import framework_quads

    in_pcf = {(q.subject, q.predicate, q.object) for q in framework_quads(framework)}
    repeated = [q for q in standard_quads(records, framework) if (q.subject, q.predicate, q.object) in in_pcf]
    assert repeated == []


def test_without_a_framework_the_standard_graph_states_ids_and_hierarchy(records):
    store = Store()
    store.extend(standard_quads(records, None))
    node = iris.pcf_element(20610)
    assert objects(store, node, PG.hierarchyId) == [Literal("8.1.1.1")]
    assert objects(store, node, PG.partOf) == [NamedNode(iris.pcf_element(20609))]
    assert [o.value for o in objects(store, node, rdflib.RDF.type)] == [str(PG.Activity)]
    assert ("Understand IT customer communities", "en") in {
        (o.value, o.language) for o in objects(store, node, rdflib.SKOS.prefLabel)
    }


def test_all_quads_are_in_the_standard_graph(records, framework):
    assert {q.graph_name.value for q in standard_quads(records, framework)} == {GRAPHS["standard"]}


def expected_texts(entry) -> set[tuple[str, str]]:
    """The graph's texts of a records entry: its zh-Hans, and the Traditional forms converted from it."""
    return {(entry["zh-Hans"], "zh-hans")} | {(v, k.lower()) for k, v in traditional_forms(entry["zh-Hans"]).items()}


def test_traditional_text_is_converted_from_the_clean_simplified():
    """The records keep the source's mechanical zh-Hant (關系, 范圍, 并, 后); the graph says 關係, 範圍, 並, 後,
    and gives Taiwan's words (資訊) as zh-Hant-TW only where they differ."""
    records = {
        "elements": [
            {
                "id": "8.1",
                "level": 2,
                "pcf_id": None,
                "name": {"zh-Hant": "管理信息技術關系", "zh-Hans": "管理信息技术关系", "span": [0, 8]},
                "definition": {
                    "zh-Hant": "在范圍內建立客戶關系并在此后維護。",
                    "zh-Hans": "在范围内建立客户关系并在此后维护。",
                },
                "practices": [{"n": 1, "zh-Hant": "建立關系。", "zh-Hans": "建立关系。"}],
                "risks": [],
                "outputs": [],
            }
        ]
    }
    store = Store()
    store.extend(standard_quads(records, None))
    node = iris.unkeyed_element("8.1")
    names = {o.language: o.value for o in objects(store, node, rdflib.SKOS.prefLabel)}
    assert names == {"zh-hans": "管理信息技术关系", "zh-hant": "管理信息技術關係", "zh-hant-tw": "管理資訊科技關係"}
    [definition] = [o.value for o in objects(store, node, rdflib.SKOS.definition) if o.language == "zh-hant"]
    assert definition == "在範圍內建立客戶關係並在此後維護。"
    assert not [o for o in objects(store, node, rdflib.SKOS.definition) if o.language == "zh-hant-tw"]
    item = iris.item(standard_slug(records), node.rsplit("/", 1)[-1], "practice", 1)
    texts = {o.language: o.value for o in objects(store, item, PG.text)}
    assert texts == {"zh-hans": "建立关系。", "zh-hant": "建立關係。"}


def test_every_element_is_present_with_names_definition_and_coverage(std_store, records):
    for element in records["elements"]:
        node = iris.pcf_element(element["pcf_id"])
        labels = {(o.value, o.language) for o in objects(std_store, node, rdflib.SKOS.prefLabel)}
        assert labels == expected_texts(element["name"])
        definitions = {o.value for o in objects(std_store, node, rdflib.SKOS.definition)}
        assert traditional_forms(element["definition"]["zh-Hans"])["zh-Hant"] in definitions
        assert objects(std_store, node, PG.coveredBy) == [NamedNode(iris.standard("gbpm-8"))]
        assert [int(o.value) for o in objects(std_store, node, PG.spanStart)] == [element["span"][0]]
        assert [int(o.value) for o in objects(std_store, node, PG.spanEnd)] == [element["span"][1]]


@pytest.mark.parametrize(
    "column,kind,link",
    [("practices", "practice", PG.hasPractice), ("risks", "risk", PG.hasRisk), ("outputs", "output", PG.hasOutput)],
)
def test_every_item_is_present_with_text_span_and_provenance(std_store, records, column, kind, link):
    count = 0
    for element in records["elements"]:
        owner = iris.pcf_element(element["pcf_id"])
        for item in element[column]:
            node = iris.item("gbpm-8", element["pcf_id"], kind, item["n"])
            assert NamedNode(node) in objects(std_store, owner, link)
            texts = {(o.value, o.language) for o in objects(std_store, node, PG.text)}
            assert texts == expected_texts(item)
            assert [int(o.value) for o in objects(std_store, node, PG.position)] == [item["n"]]
            assert int(objects(std_store, node, PG.spanStart)[0].value) == item["span"][0]
            assert int(objects(std_store, node, PG.spanEnd)[0].value) == item["span"][1]
            assert objects(std_store, node, rdflib.PROV.wasDerivedFrom) == [NamedNode(iris.source_document("gbpm-8"))]
            count += 1
    assert count > 0


@pytest.mark.parametrize("column,kind,predicate", [("risks", "risk", PG.mitigates), ("outputs", "output", PG.produces)])
def test_row_alignment_links_each_risk_and_output_to_its_practice(std_store, records, column, kind, predicate):
    for element in records["elements"]:
        for item in element[column]:
            practice = iris.item("gbpm-8", element["pcf_id"], "practice", item["practice"])
            node = NamedNode(iris.item("gbpm-8", element["pcf_id"], kind, item["n"]))
            linked = [q.subject.value for q in std_store.quads_for_pattern(None, NamedNode(str(predicate)), node, None)]
            assert linked == [practice], (element["id"], kind, item["n"])


def test_two_risks_per_practice_are_both_mitigated_by_it(std_store):
    practice = iris.item("gbpm-8", 20607, "practice", 1)
    risks = sorted(o.value for o in objects(std_store, practice, PG.mitigates))
    assert risks == [iris.item("gbpm-8", 20607, "risk", 1), iris.item("gbpm-8", 20607, "risk", 2)]


def test_truncated_element_is_marked(std_store):
    assert objects(std_store, iris.pcf_element(20645), PG.truncated)[0].value == "true"
    assert objects(std_store, iris.pcf_element(20610), PG.truncated)[0].value == "false"


def test_same_records_give_the_same_quads(records, framework):
    first = [str(q) for q in standard_quads(records, framework)]
    second = [str(q) for q in standard_quads(copy.deepcopy(records), framework)]
    assert first == second


def test_iris_have_no_dots_in_local_names(records, framework):
    for q in standard_quads(records, framework):
        for term in (q.subject, q.object):
            if isinstance(term, NamedNode) and term.value.startswith(iris.BASE):
                assert "." not in term.value[len("https://") :].split("/", 1)[1], term.value


def test_data_uses_only_defined_pg_terms_and_known_vocabularies(dataset):
    asserted, inferred, _ = dataset
    ontology = rdflib.Graph().parse(resource_path("ontology", "procgraph.ttl"), format="turtle")
    defined = {str(s) for s in ontology.subjects() if str(s).startswith(PG_IRI)}
    for q in asserted + inferred:
        if q.graph_name.value == GRAPHS["ontology"]:
            continue
        used = [q.predicate.value]
        if q.predicate.value == PREFIXES["rdf"] + "type":
            used.append(q.object.value)
        for term in used:
            if term.startswith(PG_IRI):
                assert term in defined, term
            else:
                assert term.startswith(ALLOWED_VOCABULARIES), term


def test_slug_comes_from_the_category_or_the_records(records):
    assert standard_slug(records) == "gbpm-8"
    assert standard_slug({**records, "standard": {"slug": "gbpm-7-2"}}) == "gbpm-7-2"


def test_missing_pcf_id_falls_back_to_framework_then_hierarchy_id(records, framework):
    changed = copy.deepcopy(records)
    changed["elements"][3]["pcf_id"] = None  # 8.1.1.1, known to the framework
    changed["elements"].append(
        {"id": "8.9.9", "level": 3, "parent": "8.1", "practices": [], "risks": [], "outputs": []}
    )
    subjects = {q.subject.value for q in standard_quads(changed, framework)}
    assert iris.pcf_element(20610) in subjects
    assert iris.unkeyed_element("8.9.9") in subjects


@pytest.mark.parametrize(
    "mangle,message",
    [
        (lambda r: r.pop("elements"), "elements"),
        (lambda r: r["elements"][0].update(id="eight"), "hierarchy id"),
        (lambda r: r["elements"].append(copy.deepcopy(r["elements"][0])), "twice"),
        (lambda r: r["elements"][0]["risks"][0].pop("n"), "position"),
        (lambda r: r["elements"][0].update(practices="none"), "list"),
    ],
)
def test_bad_records_give_a_clear_input_error(records, framework, mangle, message):
    bad = copy.deepcopy(records)
    mangle(bad)
    with pytest.raises(InputError, match=message):
        standard_quads(bad, framework)
