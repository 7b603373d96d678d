"""The query page: a form, example queries from ``queries/*.rq``, results table, downloads.

Everything the page needs is served from this package (``static/``): no CDN, so it works
offline. Example queries are read from their header comments::

    # title: Risks of one element
    # title-zh: 某一流程元素的风险
    # parameters: ?element, the element's IRI (default 8.1.1.1)
    # example: ?element = pcf:20610

and sent to the page as JSON.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse

STATIC = Path(__file__).with_name("static")
HEADER_KEYS = ("title", "title-zh", "description", "parameters", "example", "prepare")


def read_example(path: Path) -> dict:
    """The header fields and full text of one ``.rq`` file."""
    text = path.read_text(encoding="utf-8")
    example = {"name": path.stem, "text": text}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if sep and key.strip().lower() in HEADER_KEYS:
            example[key.strip().lower()] = value.strip()
    example.setdefault("title", path.stem)
    return example


@lru_cache(maxsize=1)
def examples() -> tuple[dict, ...]:
    """All example queries, sorted by file name (empty when the folder is missing)."""
    from procgraph.resources import resource_dir

    try:
        folder = resource_dir("queries")
    except FileNotFoundError:
        return ()
    return tuple(read_example(p) for p in sorted(folder.glob("*.rq")))


def default_prefixes() -> str:
    """PREFIX lines for the editor's starting text."""
    from procgraph.namespaces import PREFIXES

    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def _json_for_script(value) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def render(endpoint: str, update_enabled: bool) -> str:
    """The page's HTML for an endpoint at path ``endpoint``."""
    template = (STATIC / "query.html").read_text(encoding="utf-8")
    start = default_prefixes() + "\nSELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 20\n"
    return (template
            .replace("{{endpoint}}", html.escape(endpoint))
            .replace("{{initial}}", html.escape(start))
            .replace("{{update}}", "on" if update_enabled else "off")
            .replace("{{examples}}", _json_for_script(list(examples()))))


def query_page(request: Request) -> HTMLResponse:
    """The page as an HTML response."""
    body = render(request.url.path, request.app.state.settings.enable_update)
    return HTMLResponse(body, headers={"Vary": "Accept"})
