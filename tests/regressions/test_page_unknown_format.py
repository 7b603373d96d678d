"""Issue 18: ``?format=xlsx`` on an element page silently returned HTML.

A format the page does not offer is 406 with a message listing the formats it does offer;
the offered ones still answer.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/pcf/20632", "/std/gbpm-8/20632/risk/1"])
def test_an_unknown_format_is_406_listing_the_offered_ones(bundled_client, path):
    response = bundled_client.get(path, params={"format": "xlsx"}, headers={"Accept": "text/html"})
    assert response.status_code == 406, response.text[:200]
    assert "xlsx" in response.text and "ttl" in response.text and "jsonld" in response.text


def test_offered_formats_still_answer(bundled_client):
    assert bundled_client.get("/pcf/20632", params={"format": "ttl"}).headers["content-type"].startswith("text/turtle")
    assert bundled_client.get("/pcf/20632", params={"format": "csv"}).headers["content-type"].startswith("text/csv")
    assert bundled_client.get("/pcf/20632").status_code == 200
