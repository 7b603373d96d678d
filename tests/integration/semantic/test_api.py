"""The JSON API on the bundled standard: risks by theme, search, links, every named query."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from procgraph.queries import named_queries
from procgraph.server import Settings, create_app

from .keys import risk_names, score_themes


@pytest.fixture(scope="module")
def client(semantic_store):
    app = create_app(Settings(store_path=semantic_store, workers=1))
    with TestClient(app) as c:
        yield c


def _risk_set(client, theme):
    response = client.get("/api/risks", params={"theme": theme})
    assert response.status_code == 200, response.text
    return response.json()


def test_risks_about_communication_in_any_language_are_the_same(client, records, framework, tags):
    answers = [
        _risk_set(client, t)
        for t in ("沟通", "溝通", "communication", "https://w3id.org/procgraph/theme/communication")
    ]
    sets = [{r["iri"] for r in a["risks"]} for a in answers]
    assert sets[0] == sets[1] == sets[2] == sets[3]
    names = risk_names(records, framework)
    expected = score_themes(tags, records, framework)["communication"]
    assert len(sets[0]) == expected["tagged"]
    assert {names[i] for i in sets[0]} >= {"8.0/2", "8.1.6.4/1", "8.1.6/2"}


def test_a_risk_carries_texts_element_practices_themes_and_evidence(client):
    risk = next(r for r in _risk_set(client, "communication")["risks"] if r["iri"].endswith("/20610/risk/3"))
    assert risk["text"]["zh-Hans"].startswith("连接不稳定") and risk["text"]["zh-Hant"].startswith("連接不穩定")
    assert risk["element"]["id"] == "8.1.1.1" and risk["element"]["name"]["en"] == "Understand IT customer communities"
    assert [p["position"] for p in risk["practices"]] == [3]
    assert risk["practices"][0]["text"]["zh-Hant"].startswith("通過協作社區與顧客建立連接")
    assert risk["practices"][0]["text"]["zh-Hans"].startswith("通过协作社区与顾客建立连接")
    matched = next(m for m in risk["matched"] if m["iri"] == "https://w3id.org/procgraph/theme/communication")
    assert matched["evidence"] == ["沟通"]
    # where the word matched, so a page can highlight it: 连接不稳定或中断，导致信息流失或沟通不畅。
    assert matched["at"] == [{"word": "沟通", "start": 16, "end": 18}]
    assert risk["text"]["zh-Hans"][16:18] == "沟通"
    assert any(t["iri"].endswith("/communication") and "沟通" in t["evidence"] for t in risk["themes"])


def test_every_evidence_offset_points_at_its_word(client):
    for slug in ("communication", "timeliness-schedule", "monitoring-measurement"):
        for risk in _risk_set(client, slug)["risks"]:
            for theme in risk["themes"]:
                assert theme["at"], (risk["iri"], theme)
                for place in theme["at"]:
                    assert risk["text"]["zh-Hans"][place["start"] : place["end"]] == place["word"]


def test_unknown_theme_answers_nearest_themes_and_a_text_search(client):
    answer = _risk_set(client, "审计")  # no theme is called audit: 200, not a bare 404
    assert answer["theme"] is None and "审计" in answer["note"]["en"]
    assert answer["nearest"]
    assert all(n["iri"].startswith("https://w3id.org/procgraph/theme/") for n in answer["nearest"])
    english = _risk_set(client, "audit")
    # the lexicon bridges audit to 审核, which two risks say (后续审核, 审核或纠纷解决)
    assert {"审核", "审计"} <= set(english["searched"])
    texts = [r["text"]["zh-Hans"] for r in english["risks"]]
    assert texts and all("审核" in t or "审计" in t for t in texts)
    assert english["count"] == len(english["risks"])
    assert _risk_set(client, "astrology")["count"] == 0


def test_parent_theme_counts_include_narrower_themes(client):
    page = client.get("/themes", params={"lang": "en"})
    assert page.status_code == 200
    import re

    counts = dict(
        re.findall(
            r'href="/themes/([a-z-]+)"><span[^>]*>[^<]*</span></a>'
            r'\s*<span class="count"[^>]*>(\d+) risks',
            page.text,
        )
    )
    assert int(counts["suppliers-contracts"]) >= int(counts["contracts-agreements"]) > 0
    assert int(counts["communication"]) >= int(counts["feedback"]) > 0


def test_a_label_names_one_theme(client):
    channels = _risk_set(client, "沟通渠道")
    assert channels["theme"]["slug"] == "communication-channels"
    assert channels["count"] < _risk_set(client, "沟通")["count"]


def test_theme_page_highlights_the_matched_words(client):
    page = client.get("/themes/communication", params={"lang": "zh-Hans"})
    assert page.status_code == 200 and '<mark title="沟通">沟通</mark>' in page.text
    unknown = client.get("/themes/审计", params={"lang": "en"})
    assert unknown.status_code == 404 and "Nearest themes" in unknown.text and "审核" in unknown.text


def test_english_search_reaches_chinese_texts_through_the_lexicon(client):
    hits = client.get("/api/search", params={"q": "budget", "kind": "risk"}).json()["results"]
    assert any("预算" in h["text"]["zh-Hans"] for h in hits)
    audit = client.get("/api/search", params={"q": "audit", "kind": "risk"}).json()["results"]
    assert audit and all("审核" in h["text"]["zh-Hans"] or "审计" in h["text"]["zh-Hans"] for h in audit)


def test_search_finds_both_scripts(client):
    simp = client.get("/api/search", params={"q": "沟通渠道"}).json()
    trad = client.get("/api/search", params={"q": "溝通渠道"}).json()
    assert simp["results"] and [r["iri"] for r in simp["results"]] == [r["iri"] for r in trad["results"]]
    top = simp["results"][0]
    assert "沟通渠道" in top["text"].get("zh-Hans", "") and top["path"][0] == "8.0"


def test_english_word_reaches_chinese_risks_through_theme_labels(client):
    hits = client.get("/api/search", params={"q": "communication", "kind": "risk", "limit": 50}).json()["results"]
    assert len(hits) >= 20
    assert all(h["kind"] == "risk" and h["themes"] for h in hits)
    assert all("en" not in h["text"] for h in hits)


def test_search_without_text_is_a_400(client):
    assert client.get("/api/search").status_code == 400


def test_links_by_hierarchy_id_and_pcf_id(client):
    by_hid = client.get("/api/processes/8.1.6.2/links").json()
    by_pcf = client.get("/api/processes/20643/links").json()
    assert by_hid == by_pcf and by_hid["links"][0]["id"].startswith("7.")
    assert by_hid["links"][0]["evidence"] and by_hid["links"][0]["score"] > 0
    assert client.get("/api/processes/9.9.9/links").status_code == 404


def test_links_say_their_kind_group_and_basis(client):
    answer = client.get("/api/processes/8.1.4.7/links").json()
    assert answer["basis"] == "names" and "import-pcf" in answer["note"]  # built from the carried facts
    kinds = {link["kind"] for link in answer["links"]}
    assert kinds <= {"sameWork", "inputOutput", "governing"} and kinds
    assert all(link["kind_label"] for link in answer["links"])
    for link in answer["links"]:
        prefixes = [line.split(":", 1)[0] for line in link["evidence"]]
        assert prefixes == sorted(prefixes, key=["phrases", "terms", "zh", "flow"].index)


def test_the_category_has_links_to_process_groups(client):
    answer = client.get("/api/processes/8.0/links").json()
    assert answer["links"] and all(
        link["id"].count(".") == 1 and not link["id"].startswith("8.") for link in answer["links"]
    )
    assert all(link["evidence"] and link["kind"] for link in answer["links"])


#: Named query -> (parameters, check of the answer on the bundled data).
CHECKS = {
    "cross-category": ({"hid": "8.1.3.5"}, lambda rows: any(r["targetId"].startswith("3.") for r in rows)),
    "element": ({"hid": "8.1.1.1"}, lambda rows: any(r["value"] == "8.1.1.1" for r in rows)),
    "element-counts-by-level": ({}, lambda rows: [r["elements"] for r in rows][:2] == [13, 72]),
    "element-items": ({"hid": "8.1.1.1"}, lambda rows: len(rows) == 15),
    "elements-lacking-items": ({}, lambda rows: [(r["hid"], r["missing"]) for r in rows] == [("8.1.6.4", "outputs")]),
    "graphs": ({}, lambda rows: {"themes", "links"} <= {str(r.get("graph", "")).rsplit("/", 1)[-1] for r in rows}),
    "practices-without-risks": ({}, lambda rows: all(r["hid"] for r in rows)),
    "risk-control-matrix": (
        {"process": "8.1.5"},
        lambda rows: len(rows) == 7 and {r["hid"] for r in rows} == {"8.1.5"},
    ),
    "risks-by-keyword": ({"word": "沟通"}, lambda rows: len({r["risk"] for r in rows}) >= 40),
    "risks-by-theme": (
        {"topic": "https://w3id.org/procgraph/theme/cost-finance"},
        lambda rows: {r["hid"] + "/" + str(r["position"]) for r in rows} >= {"8.0/10", "8.1.3.5/3"},
    ),
    "theme-distribution": (
        {},
        lambda rows: any(r["groupId"] == "8.1" and r["theme"].endswith("/communication") for r in rows),
    ),
}


def test_every_named_query_has_a_check():
    assert set(named_queries()) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_named_query_answers(client, name):
    params, check = CHECKS[name]
    response = client.get(f"/api/queries/{name}", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["rows"]) and check(body["rows"]), body["rows"][:5]


def test_parameters_are_bound_as_terms_not_pasted(client):
    evil = '"} } ?s ?p ?o . FILTER(true) } #'
    body = client.get("/api/queries/risks-by-keyword", params={"word": evil}).json()
    assert body["count"] == 0
    assert client.get("/api/queries/risks-by-theme", params={"topic": "x> } DELETE"}).status_code == 400
    assert client.get("/api/queries/graphs", params={"nope": "1"}).status_code == 400


def test_openapi_documents_every_named_query(client):
    schema = client.get("/api/openapi.json").json()
    for name, query in named_queries().items():
        operation = schema["paths"][f"/api/queries/{name}"]["get"]
        assert [p["name"] for p in operation.get("parameters", [])] == [p.name for p in query.parameters]
    assert "/api/risks" in schema["paths"] and "/api/search" in schema["paths"]


def test_risks_come_in_pages_that_add_up_to_the_whole(client):
    whole = _risk_set(client, "communication")
    assert "offset" not in whole and whole["count"] == len(whole["risks"]) > 25
    pages, offset = [], 0
    while True:
        response = client.get("/api/risks", params={"theme": "communication", "limit": 10, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["count"] == whole["count"] and page["offset"] == offset and page["limit"] == 10
        if not page["risks"]:
            break
        pages += page["risks"]
        offset += 10
    assert pages == whole["risks"]  # same order, and each page's risks carry all their details


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": -3}, {"offset": -1}, {"limit": "ten"}])
def test_bad_paging_is_a_400_naming_the_parameter(client, params):
    response = client.get("/api/risks", params={"theme": "communication", **params})
    assert response.status_code == 400
    assert next(iter(params)) in response.text


def test_a_bad_parameter_is_explained_in_words(client):
    response = client.get("/api/risks", params={"theme": "communication", "limit": "0"})
    assert response.text.startswith("bad request: query parameter limit: Input should be greater than or equal to 1")
    assert "'0'" in response.text
    missing = client.get("/api/risks")
    assert missing.status_code == 400 and "query parameter theme: Field required" in missing.text


def test_a_parameter_default_comes_from_the_query_not_its_header_example():
    from procgraph.queries import named_queries

    rcm = {p.name: p for p in named_queries()["risk-control-matrix"].parameters}
    # the header's example says true
    assert rcm["descendants"].kind == "boolean" and rcm["descendants"].default == "false"
    assert rcm["process"].default == "8.1.5" and rcm["lang"].default == "zh-Hans"


def test_a_theme_parameter_takes_a_label(client):
    by_iri = client.get(
        "/api/queries/risks-by-theme", params={"topic": "https://w3id.org/procgraph/theme/communication"}
    ).json()
    for label in ("沟通", "溝通", "communication"):
        body = client.get("/api/queries/risks-by-theme", params={"topic": label}).json()
        assert body["rows"] == by_iri["rows"] and body["count"] > 0, label
    unknown = client.get("/api/queries/risks-by-theme", params={"topic": "审计x"})
    assert unknown.status_code == 400 and "no theme is called" in unknown.text
