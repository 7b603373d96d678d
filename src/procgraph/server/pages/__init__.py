"""Web pages for people who do not write SPARQL: browse, read the risk-control matrix, find gaps.

Server-rendered HTML (Jinja2 templates in ``server/templates/``, a little plain JavaScript
and CSS in ``server/static/pages/``, charts as inline SVG), in zh-Hans, zh-Hant and English.
All data comes through the app's backend, like ``/sparql``.

=========================================  ==============================================
``/``                                      home: what is loaded, search, entry points
``/tree?root=8.0``                         process tree with completeness badges
``/pcf/{pcf_id}``                          element page; Turtle / JSON-LD / CSV by Accept or ``?format=``
``/std/{standard}/{pcf_id}/{kind}/{n}``    practice, risk or output page; Turtle / JSON-LD
``/themes``, ``/themes/{slug}``            themes, and one theme's risks with a chart
``/completeness``                          heat map of elements × columns, list of gaps
``/search?q=``                             search over names and texts
=========================================  ==============================================
"""

from __future__ import annotations

from fastapi import APIRouter

from procgraph.server.pages import browse, completeness, resources


def build_router() -> APIRouter:
    """All page routes in one router."""
    router = APIRouter()
    for module in (browse, resources, completeness):
        router.include_router(module.build_router())
    return router
