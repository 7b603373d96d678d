"""The completeness dashboard: a heat map of elements × columns and the list of gaps.

The heat map has one row per element of the categories the standard covers and the six
columns of :data:`procgraph.server.pages.catalog.COLUMNS`; a cell is complete, missing, or
not applicable (the standard does not cover the element, which is itself the gap). The gap
list names, in hierarchy order, each element the standard does not cover (only the top of an
uncovered branch, with the number of elements below it) and each missing column of a covered
element.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from procgraph.server.pages import catalog as cat
from procgraph.server.pages.render import page


@dataclass(frozen=True)
class Gap:
    """One thing to fix: an element, what is missing, and how many elements it stands for."""

    entry: cat.Entry
    what: str  # "uncovered", "truncated" or a column name
    size: int = 1


def gaps(catalog: cat.Catalog, nodes: list[cat.Entry]) -> list[Gap]:
    """The gaps among ``nodes`` (a subtree in hierarchy order), uncovered branches folded."""
    out: list[Gap] = []
    folded: set[str] = set()
    for entry in nodes:
        if entry.iri in folded:
            continue
        if not entry.covered:
            below = catalog.subtree(entry)
            if not any(e.covered for e in below):
                folded.update(e.iri for e in below)
                out.append(Gap(entry, "uncovered", len(below)))
                continue
            out.append(Gap(entry, "uncovered"))
            continue
        if entry.truncated:
            out.append(Gap(entry, "truncated"))
        out += [Gap(entry, column) for column in cat.COLUMNS if entry.column(column) == "missing"]
    return out


def summary(nodes: list[cat.Entry]) -> dict:
    """Counts for the head of the dashboard."""
    covered = [e for e in nodes if e.covered]
    done = sum(e.score[0] for e in covered)
    possible = sum(e.score[1] for e in covered)
    complete = sum(1 for e in covered if e.score[0] == e.score[1])
    return {"elements": len(nodes), "covered": len(covered), "complete": complete,
            "cells_ok": done, "cells": possible}


async def dashboard(request: Request) -> Response:
    """The heat map and gap list for the categories the standard covers."""
    catalog = await cat.catalog(request)
    nodes = [e for root in catalog.covered_categories() for e in catalog.subtree(root)]
    return page(request, "completeness.html", catalog=catalog, nodes=nodes, columns=cat.COLUMNS,
                gaps=gaps(catalog, nodes), summary=summary(nodes))


def build_router() -> APIRouter:
    router = APIRouter()
    router.add_api_route("/completeness", dashboard, methods=["GET"], include_in_schema=False)
    return router
