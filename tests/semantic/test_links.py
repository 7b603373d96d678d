"""Cross-category links: the lexicon, scores and evidence, the links answer key, the full PCF."""

from __future__ import annotations

import pytest

from procgraph.graph.links import MIN_SCORE, TOP_K, compute_links, link_quads, load_lexicon

from .keys import score_links


@pytest.fixture(scope="module")
def links(records, framework):
    return compute_links(records, framework)


def _hid(framework, iri):
    return {f"https://w3id.org/procgraph/pcf/{e.pcf_id}": e.hierarchy_id for e in framework.elements}[iri]


def test_lexicon_has_words_on_both_sides():
    lexicon = load_lexicon()
    assert len(lexicon) >= 30
    assert all(c.zh and c.en for c in lexicon)


def test_links_leave_the_own_category_and_keep_evidence(links, framework):
    assert links
    per_source = {}
    for link in links:
        assert not _hid(framework, link.target).startswith("8."), link
        assert link.score >= MIN_SCORE and link.evidence
        assert all("↔" in line for line in link.evidence)
        per_source.setdefault(link.source, []).append(link.score)
    assert all(len(s) <= TOP_K and s == sorted(s, reverse=True) for s in per_source.values())


def test_issue_examples(links, framework):
    by_source = {}
    for link in links:
        by_source.setdefault(_hid(framework, link.source), []).append(_hid(framework, link.target))
    assert any(t.startswith("7.") for t in by_source["8.1.6.2"])  # new-staff training -> human capital
    assert any(t.startswith("3.") for t in by_source["8.1.3.5"])  # IT marketing plan -> market and sell
    assert any(t.startswith("12.") for t in by_source["8.1.6.1"])  # public relations -> external relationships


def test_links_key(links, framework):
    result = score_links(links, framework)
    assert result["rate"] >= 0.9, result


def test_links_are_deterministic(records, framework):
    assert link_quads(records, framework) == link_quads(records, framework)


def test_full_pcf_links_reach_processes_and_activities(records, apqc_dir):
    from procgraph.pcf import load_framework

    workbooks = sorted(apqc_dir.glob("*.xlsx"))
    if not workbooks:
        pytest.skip("no APQC workbook in the reference folder")
    fw = load_framework(workbooks[0])
    links = compute_links(records, fw)
    levels = {e.pcf_id: e.level for e in fw.elements}
    reached = {levels[int(link.target.rsplit("/", 1)[-1])] for link in links}
    assert reached & {3, 4, 5}
