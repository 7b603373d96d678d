"""Language choice and the interface strings (no server needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procgraph.server.pages import i18n
from procgraph.server.pages.catalog import COLUMNS
from procgraph.server.pages.messages import MESSAGES
from procgraph.server.pages.render import TEMPLATES

#: Keys templates build from a prefix and a value ("kind." ~ item.kind ~ ".name").
DYNAMIC = (
    [f"kind.{k}.{form}" for k in ("element", "practice", "risk", "output") for form in ("name", "plural")]
    + [f"kind.{k}.short" for k in ("practice", "risk", "output")]
    + [f"column.{c}" for c in COLUMNS]
    + [f"gap.{c}" for c in COLUMNS]
    + [f"state.{s}" for s in ("ok", "missing", "na")]
    + [f"level.{n}" for n in range(1, 6)]
    + [f"lang.{lang}" for lang in i18n.LANGS]
    + [f"severity.{s}" for s in ("Violation", "Warning", "Info")]
    + ["error.title.404", "error.title.503"]
)


@pytest.mark.parametrize(
    "query, cookie, accept, expected",
    [
        ("en", "zh-Hant", "zh-CN", "en"),  # the parameter wins
        (None, "zh-Hant", "en", "zh-Hant"),  # then the remembered choice
        (None, None, "zh-HK,en;q=0.8", "zh-Hant"),  # then the browser
        (None, None, "zh-CN", "zh-Hans"),
        ("xx", "garbage", "de", "zh-Hans"),  # nothing usable: the default
    ],
)
def test_choose(query, cookie, accept, expected):
    assert i18n.choose(query, cookie, accept) == expected


def test_every_key_used_by_a_template_exists():
    used = set()
    for template in Path(TEMPLATES).glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_]+\.[a-z_.]+[a-z_])["']""", template.read_text(encoding="utf-8")))
    used |= set(re.findall(r'"(error\.[a-z_]+)"', (Path(TEMPLATES).parent / "pages" / "resources.py").read_text()))
    missing = sorted(k for k in used | set(DYNAMIC) if k not in MESSAGES)
    assert not missing


def test_every_message_has_chinese_and_english_and_fields_agree():
    for key, entry in MESSAGES.items():
        assert entry.get("zh-Hans") and entry.get("en"), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, key


def test_traditional_is_converted_unless_given():
    assert i18n.message("nav.tree", "zh-Hant") == "流程樹"
    assert i18n.message("nav.tree", "zh-Hans") == "流程树"
    assert i18n.Translator("en")("search.count", first=1, last=3, n=3) == "Results 1–3 of 3, best first"


def test_pick_falls_back_and_says_which_language():
    assert i18n.pick({"zh-Hant": "溝通", "en": "communication"}, "zh-Hans") == ("溝通", "zh-Hant")
    assert i18n.pick({"zh-Hans": "沟通"}, "en") == ("沟通", "zh-Hans")
    assert i18n.pick({}, "en") == (None, None)


def test_taiwan_is_offered_and_derived_with_taiwan_words():
    assert "zh-Hant-TW" in i18n.LANGS and i18n.LANG_NAMES["zh-Hant-TW"] == "繁體（台灣）"
    assert i18n.choose(None, None, "zh-TW,en;q=0.5") == "zh-Hant-TW"
    assert i18n.choose(None, None, "zh-HK") == "zh-Hant"
    assert i18n.message("nav.tree", "zh-Hant-TW") == "流程樹"
    assert (i18n.message("search.label", "zh-Hant"), i18n.message("search.label", "zh-Hant-TW")) == ("搜索", "搜尋")
    assert "資料" in i18n.message("home.lead", "zh-Hant-TW") and "數據" in i18n.message("home.lead", "zh-Hant")


def test_taiwan_page_shows_the_taiwan_form_else_the_traditional_text_as_its_own():
    assert i18n.pick({"zh-Hant": "信息技術", "zh-Hant-TW": "資訊科技"}, "zh-Hant-TW") == ("資訊科技", "zh-Hant-TW")
    assert i18n.pick({"zh-Hant": "關係", "zh-Hans": "关系"}, "zh-Hant-TW") == ("關係", "zh-Hant-TW")
    assert i18n.pick({"zh-Hans": "关系"}, "zh-Hant-TW") == ("关系", "zh-Hans")
