"""Issue 18: ``?format=xlsx`` on a page silently returned HTML; the list pages did so too.

Home, tree, themes, a theme and the completeness dashboard are HTML only, search offers HTML and
CSV: another ``?format=`` is 406 saying where the page's data is for programs; ``?format=html``
still answers the page.
"""

from __future__ import annotations

import pytest

PAGES = [
    ("/", "procgraph export"),
    ("/tree", "/sparql"),
    ("/themes", "/api/themes"),
    ("/themes/communication", "/api/risks"),
    ("/search?q=沟通", "/api/search"),
    ("/completeness", "/api/validation"),
]


@pytest.mark.parametrize("path,where", PAGES)
def test_a_list_page_refuses_a_format_it_does_not_have(bundled_client, path, where):
    sep = "&" if "?" in path else "?"
    for fmt in ("xlsx", "csv", "json"):
        if path.startswith("/search") and fmt == "csv":  # search offers its hits as CSV
            assert bundled_client.get(f"{path}{sep}format=csv").headers["content-type"].startswith("text/csv")
            continue
        response = bundled_client.get(f"{path}{sep}format={fmt}", headers={"Accept": "text/html"})
        assert response.status_code == 406, (fmt, response.text[:200])
        assert fmt in response.text and where in response.text
    page = bundled_client.get(f"{path}{sep}format=html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
