"""Languages of the web pages: which one a request wants, and the interface strings in each.

A page is shown in zh-Hans, zh-Hant, zh-Hant-TW (Taiwan's words: 資訊科技, 專案) or en. The
choice comes from, in order: a ``lang`` query parameter (the language links set it, and the
answer stores it in the ``pg_lang`` cookie so the next pages keep it), the cookie, the
browser's ``Accept-Language``, and zh-Hans.

Interface strings live in :mod:`procgraph.server.pages.messages` in zh-Hans and en; zh-Hant
is converted from zh-Hans with OpenCC (``s2t``) and zh-Hant-TW with ``s2twp`` unless the
catalogue spells them out. The graph states a zh-Hant-TW text only where it differs from the
zh-Hant one, so on a Taiwan page a zh-Hant text stands for the Taiwan form.
"""

from __future__ import annotations

import functools

from procgraph.ingest.script import to_taiwan, to_traditional
from procgraph.server.pages.messages import MESSAGES

LANGS = ("zh-Hans", "zh-Hant", "zh-Hant-TW", "en")
DEFAULT_LANG = "zh-Hans"
COOKIE = "pg_lang"
#: Each language's own name, for the switch.
LANG_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "zh-Hant-TW": "繁體（台灣）", "en": "English"}
#: Which stored language to show when the chosen one is missing, best first.
FALLBACK = {
    "zh-Hans": ("zh-Hans", "zh-Hant", "en"),
    "zh-Hant": ("zh-Hant", "zh-Hans", "en"),
    "zh-Hant-TW": ("zh-Hant-TW", "zh-Hant", "zh-Hans", "en"),
    "en": ("en", "zh-Hans", "zh-Hant"),
}


def normalise(tag: str | None) -> str | None:
    """One of :data:`LANGS` for a language tag, or None.

    >>> normalise("zh-hant"), normalise("zh-TW"), normalise("zh-hant-tw"), normalise("zh-HK"), normalise("zh")
    ('zh-Hant', 'zh-Hant-TW', 'zh-Hant-TW', 'zh-Hant', 'zh-Hans')
    >>> normalise("en-GB"), normalise("fr")
    ('en', None)
    """
    if not tag:
        return None
    tag = tag.strip().lower().replace("_", "-")
    if tag.startswith("zh"):
        parts = tag.split("-")[1:]
        if "tw" in parts:
            return "zh-Hant-TW"
        return "zh-Hant" if any(part in ("hant", "hk", "mo") for part in parts) else "zh-Hans"
    if tag == "en" or tag.startswith("en-"):
        return "en"
    return None


def from_accept_language(header: str | None) -> str | None:
    """The best supported language of an ``Accept-Language`` header, or None.

    >>> from_accept_language("fr;q=0.9, zh-HK;q=0.8, en;q=0.5")
    'zh-Hant'
    """
    best, best_q = None, 0.0
    for part in (header or "").split(","):
        tag, _, params = part.partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = normalise(tag)
        if lang and q > best_q:
            best, best_q = lang, q
    return best


def choose(query_lang: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page language from the query parameter, the cookie and the browser, in that order."""
    return normalise(query_lang) or normalise(cookie) or from_accept_language(accept_language) or DEFAULT_LANG


@functools.lru_cache(maxsize=1)
def _s2t():
    return to_traditional


@functools.lru_cache(maxsize=1)
def _s2twp():
    return to_taiwan


@functools.cache
def message(key: str, lang: str) -> str:
    """The interface string ``key`` in ``lang`` (KeyError for an unknown key: a typo fails loudly)."""
    entry = MESSAGES[key]
    if lang in entry:
        return entry[lang]
    if lang == "zh-Hant":
        return _s2t()(entry["zh-Hans"])
    if lang == "zh-Hant-TW":  # a spelled-out zh-Hant corrects OpenCC, so it serves Taiwan too
        return entry["zh-Hant"] if "zh-Hant" in entry else _s2twp()(entry["zh-Hans"])
    return entry["en"]


class Translator:
    """``t("key")`` for templates, bound to one language; ``t("key", n=3)`` fills ``{n}``."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, message_key: str, /, **values) -> str:
        text = message(message_key, self.lang)
        return text.format(**values) if values else text


def pick(texts: dict[str, str], lang: str) -> tuple[str, str] | tuple[None, None]:
    """The text to show in ``lang`` and the language it is really in (falling back when missing)."""
    for candidate in FALLBACK[lang]:
        if texts.get(candidate):
            if lang == "zh-Hant-TW" and candidate == "zh-Hant":  # no Taiwan form: it reads the same
                return texts[candidate], lang
            return texts[candidate], candidate
    return None, None
