"""Turning a template and its values into the HTML answer, in the request's language.

Templates are Jinja2 files in ``server/templates/`` (shipped inside the package), autoescaped.
Every page gets ``t`` (the interface strings in its language), ``lang``, ``name_of`` / ``text_of``
(pick a stored text in the page language, with the language it is really in) and the links of
the language switch. A ``?lang=`` parameter is remembered in the ``pg_lang`` cookie.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from procgraph import __version__
from procgraph.server.errors import ProtocolError, not_acceptable
from procgraph.server.pages import i18n
from procgraph.server.pages.data import local_path
from procgraph.validate.figures import ORDER as FIGURE_ORDER
from procgraph.validate.figures import pct

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: How long the language cookie lasts (one year).
COOKIE_SECONDS = 365 * 24 * 3600


def _pct(part, whole=None) -> str:
    """``part`` of ``whole`` as a percentage ("99%"); without ``whole``, ``part`` is a fraction
    (a completeness figure, "12%", or "–" when there is none)."""
    if whole is None:
        return pct(part)
    return f"{(100 * part / whole) if whole else 0:.0f}%"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = _pct
    env.filters["local"] = local_path
    env.globals["FIGURE_ORDER"] = FIGURE_ORDER
    return env


def request_lang(request: Request) -> str:
    """The page language for this request (query parameter, cookie, browser, default)."""
    return i18n.choose(
        request.query_params.get("lang"), request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")
    )


def switch_links(request: Request) -> list[dict]:
    """One link per language to this same page (other parameters kept)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return [
        {
            "lang": lang,
            "name": i18n.LANG_NAMES[lang],
            "href": request.url.path + "?" + urlencode(params + [("lang", lang)]),
        }
        for lang in i18n.LANGS
    ]


def context(request: Request, lang: str) -> dict:
    """What every template receives."""

    def text_of(texts: dict[str, str]) -> tuple[str | None, str | None]:
        return i18n.pick(texts, lang)

    return {
        "request": request,
        "lang": lang,
        "t": i18n.Translator(lang),
        "text_of": text_of,
        "switch": switch_links(request),
        "version": __version__,
        "path": request.url.path,
    }


def page(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    """Render ``template`` for ``request``; store the language when the request chose one."""
    lang = request_lang(request)
    html = environment().get_template(template).render(**context(request, lang), **values)
    response = HTMLResponse(html, status_code=status, headers={"Vary": "Accept, Accept-Language, Cookie"})
    asked = i18n.normalise(request.query_params.get("lang"))
    if asked:
        response.set_cookie(i18n.COOKIE, asked, max_age=COOKIE_SECONDS, samesite="lax", path="/")
    return response


def friendly(handler, *, data: str | None = None):
    """Wrap a page handler so that a backend failure (the query deadline passed, the remote store
    is down) reaches a browser as an HTML page saying so; other clients keep the plain-text error.

    With ``data`` (where the page's data is available to programs, e.g. ``/api/themes``) the
    page is HTML only: a ``?format=`` other than ``html`` is 406 naming ``data``, never the
    HTML page answered in its place. Pages that offer downloads negotiate formats themselves.
    """

    @functools.wraps(handler)
    async def wrapped(request: Request, *args, **kwargs):
        asked = request.query_params.get("format")
        if data is not None and asked is not None and asked.strip().lower() not in ("html", "text/html"):
            raise not_acceptable(f"this page has no format {asked!r}; it is HTML only. For its data use {data}")
        try:
            return await handler(request, *args, **kwargs)
        except ProtocolError as exc:
            if exc.status == 406 or "text/html" not in (request.headers.get("accept") or ""):
                raise
            return error_page(request, exc.status, "error.backend", detail=exc.message)

    return wrapped


def error_page(request: Request, status: int, message_key: str, **values) -> HTMLResponse:
    """An HTML error page saying what went wrong and where to go next."""
    return page(request, "error.html", status=status, status_code=status, message_key=message_key, values=values)
