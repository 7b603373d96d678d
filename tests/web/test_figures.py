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
    m = re.search(
        r'class="meta figures" data-in-scope="(\d+)" data-covered="(\d+)" data-complete="(\d+)" '
        r'data-overall="([\d.]+)" data-covered-score="([\d.]+)">Completeness: ([^<]*?) <a',
        html,
    )
    assert m, "no figures line"
    return {
        "in_scope": int(m[1]),
        "covered": int(m[2]),
        "complete": int(m[3]),
        "overall": float(m[4]),
        "covered_score": float(m[5]),
        "text": m[6],
    }


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
    badge = re.search(
        r'<span class="hid">8\.1\.6\.4</span>(?:(?!</li>).)*?'
        r'data-score="([\d.]+)"[^>]*>(\d+) %<',
        tree,
        re.S,
    )
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


def _cards(html: str) -> list[tuple[str, str, str, str, str]]:
    """(key, data-value, name, value shown, what it is over) of each card of the figures."""
    block = re.search(r'<dl class="counts figure-cards">(.*?)</dl>', html, re.S)
    assert block, "no figure cards"
    divs = re.findall(r"<div(.*?)</div>", block[1], re.S)
    cards = [
        re.fullmatch(
            r'\s*data-figure="(\w+)" data-value="([\d.]*)"><dt>([^<]*)</dt>\s*<dd>([^<]*)</dd>'
            r'<dd class="over">([^<]*)</dd>\s*',
            d,
        )
        for d in divs
    ]
    assert all(cards), "a card that is not one of the defined figures"
    return [c.groups() for c in cards]


def _without_figures(html: str) -> str:
    """The dashboard's text with the figures (cards, sentence, per-group cells) taken out."""
    main = re.search(r"<main.*?</main>", html, re.S)[0]
    main = re.sub(r'<dl class="counts figure-cards">.*?</dl>', "", main, flags=re.S)
    main = re.sub(r'<p class="meta figures".*?</p>', "", main, flags=re.S)
    main = re.sub(r'<td data-figure="\w+"[^>]*>[^<]*</td>', "", main)
    return re.sub(r"<[^>]+>", " ", main)


def test_every_figure_on_the_dashboard_is_a_defined_one(web_store, client):
    from procgraph.validate import load_saved_report
    from procgraph.validate.figures import NAMES, ORDER, by_group, pct

    saved = load_saved_report(web_store)
    cli = saved["figures"]
    html = client.get("/completeness?lang=en").text
    cards = _cards(html)
    assert [c[0] for c in cards] == list(ORDER)
    for key, value, name, shown, over in cards:
        assert (name, over) == NAMES[key], key  # named as defined, with what it is over
        percent = key in ("overall", "covered_score")
        assert float(value) == cli[key] and shown == (pct(cli[key]) if percent else str(cli[key]))
    rest = _without_figures(html)
    assert not re.search(r"\d\s*%", rest), "a percentage on the dashboard that is not a defined figure"
    assert "Columns present" not in html and "overall completeness score" not in html

    per_category = by_group(saved["elements"], lambda e: e["id"].split(".")[0])
    row = re.search(r'<tr data-category="8\.0">(.*?)</tr>', html, re.S)[1]
    cells = dict(re.findall(r'<td data-figure="(\w+)" data-value="([\d.]*)">', row))
    assert {k: float(v) for k, v in cells.items()} == per_category["8"]
    chinese = _cards(client.get("/completeness?lang=zh-Hans").text)
    assert chinese[0][2] == "评分范围内的元素" and all(c[4] for c in chinese)


def test_home_names_its_counts_as_the_figures(web_store, client):
    from procgraph.validate import load_saved_report

    cli = load_saved_report(web_store)["figures"]
    html = client.get("/?lang=en").text
    for key, name in (("in_scope", "Elements in scope"), ("covered", "Covered by the standard")):
        card = re.search(rf'<div data-figure="{key}"><dt>([^<]*)</dt><dd>(\d+)</dd>', html)
        assert card and card[1] == name and int(card[2]) == cli[key], key
