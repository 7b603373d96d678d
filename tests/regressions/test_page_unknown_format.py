"""Issue 18: ``?format=xlsx`` on an element page silently returned HTML.

A format a page does not offer is 406 with a message listing the formats it does offer; the
offered ones answer with the file (an element's XLSX is its risk-control matrix).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path,fmt", [("/pcf/20632", "pdf"), ("/std/gbpm-8/20632/risk/1", "xlsx"), ("/std/gbpm-8/20632/risk/1", "csv")]
)
def test_an_unknown_format_is_406_listing_the_offered_ones(bundled_client, path, fmt):
    response = bundled_client.get(path, params={"format": fmt}, headers={"Accept": "text/html"})
    assert response.status_code == 406, response.text[:200]
    assert fmt in response.text and "ttl" in response.text and "jsonld" in response.text


def test_offered_formats_still_answer(bundled_client):
    assert bundled_client.get("/pcf/20632", params={"format": "ttl"}).headers["content-type"].startswith("text/turtle")
    assert bundled_client.get("/pcf/20632", params={"format": "csv"}).headers["content-type"].startswith("text/csv")
    xlsx = bundled_client.get("/pcf/20632", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert bundled_client.get("/pcf/20632").status_code == 200
