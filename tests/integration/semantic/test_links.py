"""Cross-category links: retrieval, structural judgement, relation kinds, evidence, the links key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procgraph.graph.links import KINDS, MAX_CATEGORIES, MIN_SCORE, compute_links, link_quads, load_lexicon
from procgraph.graph.retrieval import GENERIC, terms

from .keys import load_links_key, score_links

#: Held-out figures with the full PCF the method reaches today (regression floor), and the goal of issue 12.
HELD_OUT_FLOOR = {"recall": 0.73, "wrong_share": 0.15}
GOAL = {"recall": 0.8, "wrong_share": 0.05}


@pytest.fixture(scope="module")
def links(records, framework):
    return compute_links(records, framework)


@pytest.fixture(scope="module")
def full_framework(apqc_dir):
    from procgraph.pcf import load_framework

    workbooks = sorted(Path(apqc_dir).glob("*.xlsx"))
    if not workbooks:
        pytest.skip("no APQC workbook in the reference folder")
    return load_framework(workbooks[0])


@pytest.fixture(scope="module")
def full_links(records, full_framework):
    return compute_links(records, full_framework)


def _hids(framework):
    return {f"https://w3id.org/procgraph/pcf/{e.pcf_id}": e.hierarchy_id for e in framework.elements}


def _shared_words(link) -> list[str]:
    words = []
    for line in link.evidence:
        if line.startswith(("terms: ", "phrases: ")):
            words += line.split(": ", 1)[1].split(", ")
    return words


def test_lexicon_has_words_on_both_sides():
    lexicon = load_lexicon()
    assert len(lexicon) >= 30
    assert all(c.zh and c.en for c in lexicon)


def test_generic_words_are_never_terms():
    assert terms("Develop and manage information processes") == []
    assert "business case" in terms("Create business case") and "business" not in terms("Create business case")


@pytest.mark.parametrize("which", ["core", "full"])
def test_links_leave_the_category_with_kind_evidence_and_structure(request, which):
    links = request.getfixturevalue("links" if which == "core" else "full_links")
    framework = request.getfixturevalue("framework" if which == "core" else "full_framework")
    hids = _hids(framework)
    assert links
    per_source: dict[str, dict[str, int]] = {}
    for link in links:
        target = hids[link.target]
        assert not target.startswith("8."), link
        assert link.kind in KINDS and link.score >= MIN_SCORE and link.score == round(link.score, 3)
        assert link.evidence and any(line.startswith(("terms: ", "phrases: ")) for line in link.evidence)
        assert link.from_definitions is (which == "full")
        categories = per_source.setdefault(link.source, {})
        categories[target.split(".")[0]] = categories.get(target.split(".")[0], 0) + 1
    for categories in per_source.values():
        assert len(categories) <= MAX_CATEGORIES + 1 and max(categories.values()) <= 2  # best one or two per category


def test_no_link_rests_on_generic_words_only(links, full_links):
    for link in links + full_links:
        stems = {t for word in _shared_words(link) for t in terms(word)}
        assert stems - GENERIC, link


def test_all_three_relation_kinds_occur_with_the_full_pcf(full_links, full_framework):
    assert {link.kind for link in full_links} == set(KINDS)
    hids = _hids(full_framework)
    found = {(hids[link.source], hids[link.target]): link for link in full_links}
    vision = found.get(("8.1.2.3", "1.1.4.1"))  # IT vision follows the enterprise's strategic vision
    assert vision is not None and vision.kind == "governing"
    flows = [link for link in full_links if link.kind == "inputOutput"]
    assert all(any(line.startswith("flow: ") for line in link.evidence) for link in flows)


def test_full_pcf_prefers_processes_and_activities(full_links, full_framework):
    levels = {f"https://w3id.org/procgraph/pcf/{e.pcf_id}": e.level for e in full_framework.elements}
    reached = [levels[link.target] for link in full_links]
    assert sum(1 for level in reached if level in (3, 4)) / len(reached) >= 0.7


def test_a_child_element_keeps_the_link_it_makes_better(full_links, full_framework):
    hids = _hids(full_framework)
    best = {(hids[link.source], link.target): link.score for link in full_links}
    for (source, target), score in best.items():
        for (other, other_target), other_score in best.items():
            if other_target == target and other.startswith(source + ".") and other.count(".") == source.count(".") + 1:
                assert other_score < score, (source, other, hids[target])


def test_issue_examples(links, framework):
    hids = _hids(framework)
    by_source: dict[str, list[str]] = {}
    for link in links:
        by_source.setdefault(hids[link.source], []).append(hids[link.target])
    assert any(t.startswith("7.") for t in by_source["8.1.6.2"])  # new-staff training -> human capital
    assert any(t.startswith("3.") for t in by_source["8.1.3.5"])  # IT marketing plan -> market and sell
    assert any(t.startswith("12.") for t in by_source["8.1.6.1"])  # public relations -> external relationships


@pytest.mark.parametrize("which", ["core", "full"])
def test_the_category_links_to_process_groups_of_other_categories(request, which):
    links = request.getfixturevalue("links" if which == "core" else "full_links")
    framework = request.getfixturevalue("framework" if which == "core" else "full_framework")
    hids = _hids(framework)
    own = [link for link in links if hids[link.source] == "8.0"]
    assert own, "8.0 has links at its own level"
    targets = [hids[link.target] for link in own]
    assert all(t.count(".") == 1 and not t.startswith("8.") for t in targets), targets  # level-2 groups
    assert any(t.startswith("11.") for t in targets), targets  # IT resilience and risk <-> enterprise risk


def test_a_name_the_query_covers_scores_above_a_false_friend(full_framework):
    from procgraph.graph.links import _Corpus
    from procgraph.graph.retrieval import field_counts

    corpus = _Corpus(full_framework, load_lexicon())
    by_hid = {e.hierarchy_id: i for i, e in enumerate(corpus.elements)}
    query = field_counts({"name": "Manage IT customer relationships"}, {"name": 1.0})
    assert corpus.coverage(by_hid["3.5.2.4"], query) == 1.0  # Manage customer relationships
    query = field_counts({"name": "Understand IT customer communities"}, {"name": 1.0})
    assert corpus.coverage(by_hid["12.5.1"], query) < 0.6  # Manage community relations
    query = field_counts({"name": "Identify and prioritize IT opportunities"}, {"name": 1.0})
    assert corpus.coverage(by_hid["3.1.2"], query) < 0.8  # Evaluate and prioritize market opportunities


def test_links_key_is_complete_and_split_before_tuning():
    key = load_links_key()
    elements, split = key["elements"], key["split"]
    assert len(elements) >= 12 and not set(split["tune"]) & set(split["held_out"])
    assert sorted(split["tune"] + split["held_out"]) == sorted(elements)
    categories = {f"{n}.0" for n in range(1, 14)} - {"8.0"}
    for hid, entry in elements.items():
        parts = [set(entry["must"]), set(entry["may"]), set(entry["should_not"])]
        assert set.union(*parts) == categories and sum(map(len, parts)) == len(categories), hid
        assert entry["must"] and all(entry["must"].values()), hid
        assert re.fullmatch(r"8\.1(\.\d+){0,2}", hid)


def test_held_out_figures_with_the_full_pcf(full_links, full_framework):
    result = score_links(full_links, full_framework, "held_out")
    assert result["recall"] >= HELD_OUT_FLOOR["recall"], result
    assert result["wrong_share"] <= HELD_OUT_FLOOR["wrong_share"], result


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 goal (held-out recall >= 0.8, <= 5 % should-not links) "
    "not reached yet; see docs/semantic.md for the figures",
)
def test_held_out_goal_with_the_full_pcf(full_links, full_framework):
    result = score_links(full_links, full_framework, "held_out")
    assert result["recall"] >= GOAL["recall"] and result["wrong_share"] <= GOAL["wrong_share"], result


def test_links_are_deterministic(records, framework):
    first, second = link_quads(records, framework), link_quads(records, framework)
    assert [str(q) for q in first] == [str(q) for q in second]
