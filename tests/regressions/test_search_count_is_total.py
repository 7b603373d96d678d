"""Issue 18: ``/api/search`` reported ``count`` as the page size (20), not the number of hits.

``count`` is every hit; ``results`` is one page (``limit`` from ``offset``), and
``next_offset`` says where the next page starts (null on the last one).
"""

from __future__ import annotations


def test_count_is_every_hit_and_pages_cover_them(bundled_client):
    first = bundled_client.get("/api/search", params={"q": "沟通", "limit": 5}).json()
    assert len(first["results"]) == 5 and first["count"] > 5
    seen, offset = [], 0
    while offset is not None:
        page = bundled_client.get("/api/search", params={"q": "沟通", "limit": 7, "offset": offset}).json()
        assert page["count"] == first["count"]
        seen += [r["iri"] for r in page["results"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == first["count"]
    assert seen[:5] == [r["iri"] for r in first["results"]]
