"""Issue 17: one completeness number — the CLI report (JSON, text), /api/validation, the
dashboard, the tree badge of 8.1.6.4 and the home page show the same figures from one store."""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def client(web_store):
    from fastapi.testclient import TestClient

    from procgraph.server import Settings, create_app

    with TestClient(create_app(Settings(store_path=web_store, workers=1))) as c:
        yield c


def _page_figures(html: str) -> dict:
    m = re.search(r'class="meta figures" data-in-scope="(\d+)" data-covered="(\d+)" data-complete="(\d+)" '
                  r'data-overall="([\d.]+)" data-covered-score="([\d.]+)">Completeness: ([^<]*?) <a', html)
    assert m, "no figures line"
    return {"in_scope": int(m[1]), "covered": int(m[2]), "complete": int(m[3]),
            "overall": float(m[4]), "covered_score": float(m[5]), "text": m[6]}


def test_the_surfaces_agree(web_store, client, capsys):
    from procgraph.validate import load_saved_report
    from procgraph.validate.figures import sentence

    saved = load_saved_report(web_store)
    cli = saved["figures"]
    assert cli["in_scope"] > cli["covered"] > 0
    text = sentence(cli)
    assert saved["figures_text"] == text
    assert text.startswith(f"{cli['overall']:.0%} of the {cli['in_scope']} elements in scope; {cli['covered']} covered")

    api = client.get("/api/validation").json()
    assert api["figures"] == cli and api["figures_text"] == text

    for path in ("/completeness", "/", "/tree?root=8.1"):
        html = client.get(path + ("&" if "?" in path else "?") + "lang=en").text
        page = _page_figures(html)
        assert page.pop("text") == text, path
        assert page == cli, path
        chinese = client.get(path + ("&" if "?" in path else "?") + "lang=zh-Hans").text
        assert f"评分范围内 {cli['in_scope']} 个元素" in chinese and "Completeness:" not in chinese, path

    element = next(e for e in saved["elements"] if e["id"] == "8.1.6.4")
    tree = client.get("/tree?root=8.1.6").text
    badge = re.search(r'<span class="hid">8\.1\.6\.4</span>(?:(?!</li>).)*?data-score="([\d.]+)"[^>]*>(\d+) %<', tree, re.S)
    assert badge, "no score badge for 8.1.6.4"
    assert float(badge[1]) == element["score"] and int(badge[2]) == round(element["score"] * 100)


def test_cli_text_and_json(web_store, capsys):
    from procgraph.cli import main

    code = main(["validate", "--store", str(web_store), "-f", "json"])
    out = json.loads(capsys.readouterr().out)
    main(["validate", "--store", str(web_store)])
    txt = capsys.readouterr().out
    assert out["figures_text"] in txt
    assert code in (0, 1, None)
