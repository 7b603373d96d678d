"""The SPARQL query page in a real browser (headless Chromium): the editor's check and
completion, a named query run with a parameter from its form, the results table, downloads,
the permalink and history, the language switch, and a screenshot of the page in each language.

Expected values come from the ingested records of the bundled standard, the named queries'
headers and the interface messages, not from the page.
"""

from __future__ import annotations

import re

import pytest

from procgraph.queries import named_queries
from procgraph.server.pages import i18n

SKOS = "http://www.w3.org/2004/02/skos/core#"


def _record(records: dict, hid: str) -> dict:
    return next(e for e in records["elements"] if e["id"] == hid)


def _editor(page) -> str:
    return page.input_value("#query")


def _open(page, lang: str = "en", fragment: str = "") -> None:
    """The query page in ``lang``, once its editor has drawn the highlighted text."""
    page.goto(f"/sparql?lang={lang}{fragment}")
    page.wait_for_function("document.querySelector('.editor.highlighting #highlight span') !== null")


def _run_and_wait(page) -> None:
    page.click("#query-form button[type=submit]")
    page.wait_for_function("document.getElementById('status').dataset.waited !== undefined")


def test_a_syntax_error_is_shown_at_its_line_and_column_before_sending(page):
    _open(page)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.fill("#query", 'SELECT ?s WHERE {\n  ?s ?p "never closed .\n}')
    page.click("#query-form button[type=submit]")
    callout = page.locator("#error-callout")
    callout.wait_for()
    assert callout.inner_text().startswith("line 2, column 9: the string is never ended")
    assert page.locator("#highlight #error-at + .t-error").inner_text().startswith('"')
    page.fill("#query", "SELECT * WHERE { ?s a foo:Thing }")
    page.click("#query-form button[type=submit]")
    assert "line 1, column 23" in callout.inner_text() and "foo:" in callout.inner_text()
    page.fill("#query", "SELECT * WHERE { ?s skos:prefLabel ?o }")
    page.click("#query-form button[type=submit]")
    assert callout.inner_text().startswith("line 1, column 21: the prefix skos: is not declared")
    callout.locator("button").click()  # the fix: the PREFIX line is added
    assert _editor(page).startswith(f"PREFIX skos: <{SKOS}>\nSELECT")
    assert callout.is_hidden()
    page.fill("#query", "SELECT * WHERE {\n  ?s ?p (?o ]")
    page.click("#query-form button[type=submit]")
    assert callout.inner_text().startswith("line 2, column 13: “]” does not match the “(” at line 2, column 9")
    assert sent == []  # none of these reached the server
    # The server's 400 is placed at the line and column it names.
    page.fill("#query", "SELECT ?s WHERE {\n  ?s ?p ?o\n} LIMIT ten")
    page.click("#query-form button[type=submit]")
    page.wait_for_function("document.getElementById('status').classList.contains('error')")
    assert re.search(r"line 3, column \d+", callout.inner_text()), callout.inner_text()
    assert page.locator("#highlight #error-at").count() == 1 and len(sent) == 1


def test_completion_of_prefixes_terms_and_element_ids(page, bundled_records, screenshots):
    pcf_id = _record(bundled_records, "8.1.5")["pcf_id"]
    _open(page)
    page.fill("#query", "SELECT * WHERE {\n  ?element ")
    page.keyboard.type("sk")
    page.keyboard.press("Control+Space")
    options = page.locator("#completions li")
    assert options.first.locator("code").inner_text() == "skos:"
    page.keyboard.press("Enter")
    assert _editor(page) == f"PREFIX skos: <{SKOS}>\nSELECT * WHERE {{\n  ?element skos:"
    page.keyboard.type("pre")
    assert page.locator("#completions li code").first.inner_text() == "skos:prefLabel"
    page.keyboard.press("Enter")
    page.keyboard.type(" ?name .\n  VALUES ?element { 8.1.5")
    assert page.locator("#completions li code").first.inner_text() == f"pcf:{pcf_id}"
    assert "8.1.5 " in page.locator("#completions li .detail").first.inner_text()
    page.screenshot(path=str(screenshots / "sparql-completion-en.png"))
    page.keyboard.press("Enter")
    assert _editor(page).endswith(f"VALUES ?element {{ pcf:{pcf_id}") and "PREFIX pcf: <" in _editor(page)
    page.keyboard.type(" }\n  ?element a pg:Pro")
    shown = page.locator("#completions li")
    process = shown.filter(has=page.locator("code", has_text=re.compile(r"^pg:Process$")))
    assert "process" in process.locator(".detail").inner_text() and process.locator(".kind").inner_text() == "class"
    assert shown.first.locator("code").inner_text() == "pg:Process"
    page.keyboard.press("Enter")
    assert "PREFIX pg: <https://w3id.org/procgraph/ontology#>" in _editor(page)
    page.keyboard.type(" }")
    _run_and_wait(page)
    assert page.locator("#results tbody tr").count() >= 1  # the completed query runs


def test_named_query_with_a_parameter_then_sort_filter_download(page, bundled_records, tmp_path):
    element = _record(bundled_records, "8.1.2.1")
    query = named_queries()["element-items"]
    _open(page)
    page.select_option("#examples", "element-items")
    assert page.inner_text("#example-notes") == query.header["description"]
    assert page.input_value("#param-hid") == "8.1.1.1"
    page.fill("#param-hid", "8.1.2.1")
    page.click("#params-run")
    page.wait_for_function("document.getElementById('status').dataset.waited !== undefined")
    assert 'VALUES ?hid { "8.1.2.1" }' in _editor(page)
    rows = page.locator("#results tbody tr")
    total = len(element["practices"]) + len(element["risks"]) + len(element["outputs"])
    assert rows.count() == total
    # sort by position (a number), descending on the second click
    page.click("#results th button:text-is('position')")
    positions = [int(t) for t in page.locator("#results tbody td:nth-child(2)").all_inner_texts()]
    assert positions == sorted(positions)
    page.click("#results th button:text-is('position')")
    positions = [int(t) for t in page.locator("#results tbody td:nth-child(2)").all_inner_texts()]
    assert positions == sorted(positions, reverse=True)
    assert page.get_attribute("#results th:nth-child(2)", "aria-sort") == "descending"
    page.fill("#result-filter", "risk")
    kinds = page.locator("#results tbody td:nth-child(1)").all_inner_texts()
    assert len(kinds) == len(element["risks"]) and set(kinds) == {"risk"}
    # an item's IRI is shown by its path, the IRI on hover, linked to its page
    link = page.locator("#results tbody td:nth-child(4) a.iri").first
    assert link.get_attribute("title").startswith("https://w3id.org/procgraph/std/")
    assert link.get_attribute("href") == link.get_attribute("title").removeprefix("https://w3id.org/procgraph")
    with page.expect_download() as info:
        page.click("#download-links a[data-format='csv']")
    target = tmp_path / "result.csv"
    info.value.save_as(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kind,position,text,item" and len(lines) == total + 1
    # the permalink reproduces the query, and the query is kept in the history
    permalink = page.get_attribute("#permalink", "href")
    ran = _editor(page)
    _open(page, "en", permalink[permalink.index("#") :])
    assert _editor(page) == ran
    page.click("#history summary")
    assert page.locator("#history-list li").count() == 1
    assert page.locator("#history-list button").get_attribute("title") == ran


def test_a_label_and_a_number_make_a_bar_chart_and_element_iris_link_to_their_page(page, bundled_records):
    element = _record(bundled_records, "8.1.5")
    _open(page)
    page.fill(
        "#query",
        "PREFIX pg: <https://w3id.org/procgraph/ontology#>\n"
        "SELECT ?element (COUNT(?risk) AS ?risks) WHERE {\n"
        '  VALUES ?hid { "8.1.5" "8.1.2.1" } ?element pg:hierarchyId ?hid ; pg:hasRisk ?risk\n'
        "} GROUP BY ?element ORDER BY ?element",
    )
    _run_and_wait(page)
    assert page.locator("svg.chart rect").count() == 2
    link = page.locator("#results tbody a.iri", has_text="8.1.5 ")
    assert link.get_attribute("href") == f"/pcf/{element['pcf_id']}"
    assert link.get_attribute("title") == f"https://w3id.org/procgraph/pcf/{element['pcf_id']}"
    assert link.inner_text() == f"8.1.5 {element['name']['en']}"


def _shown_title(name: str, lang: str) -> str:
    from procgraph.ingest.script import to_taiwan, to_traditional

    header = named_queries()[name].header
    convert = {"zh-Hans": str, "zh-Hant": to_traditional, "zh-Hant-TW": to_taiwan}
    return header["title"] if lang == "en" else convert[lang](header["title-zh"])


def test_language_switch_changes_the_labels_and_keeps_the_query(page, screenshots):
    _open(page, "zh-Hans")
    page.fill("#query", "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph")
    typed = _editor(page)
    for lang in ("en", "zh-Hant", "zh-Hant-TW", "zh-Hans"):
        page.click(f".langs a[data-lang='{lang}']")
        page.wait_for_function(f"document.documentElement.lang === '{lang}'")
        page.wait_for_function("document.getElementById('highlight').children.length > 0")
        assert page.inner_text("h1") == i18n.message("sparql.title", lang)
        assert page.inner_text("#query-form button[type=submit]") == i18n.message("sparql.run", lang)
        assert page.inner_text("header nav a[href='/tree']") == i18n.message("nav.tree", lang)
        assert page.inner_text("#examples option[value='graphs']") == _shown_title("graphs", lang)
        assert _editor(page) == typed
        _run_and_wait(page)
        assert i18n.message("sparql.rows", lang).replace("{n}", "").strip() in page.inner_text("#status")
        target = screenshots / f"sparql-{lang}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    assert set(i18n.LANGS) == {"en", "zh-Hant", "zh-Hant-TW", "zh-Hans"}  # every language the switch offers


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_named_query_titles_and_descriptions_are_in_the_page_language(page, lang):
    from procgraph.ingest.script import to_traditional

    query = named_queries()["risks-by-keyword"]
    _open(page, lang)
    page.select_option("#examples", "risks-by-keyword")
    expected = query.header["description"] if lang == "en" else to_traditional(query.header["description-zh"])
    assert page.inner_text("#example-notes") == expected
    assert page.input_value("#param-word") == "沟通"
