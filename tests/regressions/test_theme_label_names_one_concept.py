"""Issue 18: ``/api/risks?theme=沟通渠道`` answered the broader theme (communication, 56 risks).

沟通渠道 was a label of two concepts in ``data/themes.ttl``. Now a label names one concept
(a SHACL shape on the thesaurus refuses a label two concepts share in one language), and a
parent theme's count on /themes includes its narrower themes (供应商与合同 showed "0 risks"
above children with 23).
"""

from __future__ import annotations

import re
import shutil

import pytest

from procgraph.graph.themes import resource_path
from procgraph.graph.usertheme import ThesaurusError, check_thesaurus


def test_the_label_answers_its_own_theme(bundled_client):
    channels = bundled_client.get("/api/risks", params={"theme": "沟通渠道"}).json()
    communication = bundled_client.get("/api/risks", params={"theme": "沟通"}).json()
    assert channels["theme"]["slug"] == "communication-channels"
    assert communication["theme"]["slug"] == "communication"
    assert 0 < channels["count"] < communication["count"]


def test_a_label_shared_by_two_concepts_is_refused(tmp_path):
    shipped = tmp_path / "themes.ttl"
    shutil.copy(resource_path("data", "themes.ttl"), shipped)
    text = shipped.read_text(encoding="utf-8")
    # give 'communication' the zh-Hans label of 'communication channels' again, as the old file did
    narrower = "skos:narrower theme:communication-channels ;"
    shipped.write_text(
        text.replace(narrower, narrower + '\n    skos:altLabel "沟通渠道"@zh-Hans ;', 1), encoding="utf-8"
    )
    with pytest.raises(ThesaurusError, match="沟通渠道"):
        check_thesaurus([shipped])


def test_a_parent_count_includes_its_narrower_themes(bundled_client):
    page = bundled_client.get("/themes", params={"lang": "en"}).text
    counts = {
        slug: int(n)
        for slug, n in re.findall(
            r'href="/themes/([a-z-]+)"><span[^>]*>[^<]*</span></a>\s*<span class="count"[^>]*>(\d+) risks', page
        )
    }
    assert counts["suppliers-contracts"] >= counts["contracts-agreements"] > 0
    assert counts["communication"] >= counts["communication-channels"] > 0
