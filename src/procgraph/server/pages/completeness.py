"""The completeness dashboard: the completeness figures, a heat map of elements × columns and the list of gaps.

Every number on it is one of the figures of :mod:`procgraph.validate.figures`, named as there
and with what it is over: the cards (:func:`shown_figures`), the sentence, and the tables per
category and per part (:func:`coverage_rows`). The heat map's cells are ✓/✗, counted into none.

The heat map has one row per element of the categories the standard covers and the six
columns of :data:`procgraph.server.pages.catalog.COLUMNS`; a cell is complete, missing, or
not applicable (the standard does not cover the element, which is itself the gap).

The gap list comes from the validation report saved with the store (``validation.json``,
written by ``procgraph build`` or ``procgraph validate --save``; see :mod:`procgraph.validate`):
each failing check of a covered element with its message and the items concerned, then each
uncovered branch (only its top, with the number of elements below it), in hierarchy order.
Without a saved report (a remote store, or one filled by ``procgraph load``) the page lists
the gaps the heat map shows and says how to make the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from procgraph.ingest.script import to_taiwan, to_traditional
from procgraph.pcf import hierarchy_key
from procgraph.server.pages import catalog as cat
from procgraph.server.pages.render import friendly, page, request_lang
from procgraph.validate import load_saved_report
from procgraph.validate.figures import by_group, counts, figures, sentence
from procgraph.validate.report import Gap as ValidationGap


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


@dataclass(frozen=True)
class ReportGap:
    """One gap of the validation report, worded in the page language."""

    entry: cat.Entry
    severity: str
    message: str
    where: str = ""
    below: int = 0


def saved_report(request: Request) -> dict | None:
    """The validation report saved with an embedded store, or None."""
    store_path = request.app.state.settings.store_path
    if store_path is None:
        return None
    try:
        return load_saved_report(store_path)
    except (OSError, ValueError):
        return None


def report_figures(request: Request) -> tuple[dict | None, dict]:
    """The figures of the saved report (see :mod:`procgraph.validate.figures`) and each element's score by
    hierarchy id."""
    report = saved_report(request)
    if report is None:
        return None, {}
    f = figures(report.get("elements", []))
    f["text"] = sentence(f)
    return f, {e["id"]: e.get("score") for e in report.get("elements", [])}


def shown_figures(report: dict | None, nodes: list[cat.Entry]) -> dict:
    """The figures of the dashboard's cards: the saved report's, or without one the counts the
    catalog gives (:func:`procgraph.validate.figures.counts`)."""
    if report is not None:
        return figures(report.get("elements", []))
    found = cat.coverage(nodes)
    return counts(found["elements"], found["covered"])


def coverage_rows(report: dict | None, catalog: cat.Catalog) -> tuple[list[dict], list[dict]]:
    """The coverage tables' rows, per category and per part, each with its ``figures``: the saved
    report's elements of that group (:func:`procgraph.validate.figures.by_group`), or without a
    report (or the group) the catalog's counts."""
    elements = report.get("elements", []) if report else []
    categories = by_group(elements, lambda e: e["id"].split(".")[0])
    parts = by_group(elements, lambda e: e.get("part"))
    return (
        _with_figures(catalog.by_category(), categories, lambda row: row["category"].hierarchy_id.split(".")[0]),
        _with_figures(catalog.by_part(), parts, lambda row: row["part"]),
    )


def _with_figures(rows: list[dict], groups: dict[str, dict], group_of) -> list[dict]:
    return [{**row, "figures": groups.get(group_of(row)) or counts(row["elements"], row["covered"])} for row in rows]


def _worded(gap: dict, lang: str) -> tuple[str, str]:
    """(message, items concerned) of a report gap in ``lang``."""
    known = {k: gap[k] for k in ValidationGap.__dataclass_fields__ if k in gap}
    where = ValidationGap(**known).where("en" if lang == "en" else "zh")
    message = gap["message_en"] if lang == "en" else gap["message_zh"]
    if lang == "zh-Hant":
        message, where = to_traditional(message), to_traditional(where)
    elif lang == "zh-Hant-TW":
        message, where = to_taiwan(message), to_taiwan(where)
    return message, where


def report_gaps(report: dict, catalog: cat.Catalog, lang: str) -> list[tuple[cat.Entry, list[ReportGap]]]:
    """Per element in hierarchy order, its gaps: the failing checks of a covered element (in the
    report's fix order), or one gap for the top of an uncovered branch."""
    out = []
    for element in report.get("elements", []):
        entry = catalog.by_hierarchy_id(element["id"])
        if entry is None or not element.get("covered"):
            continue
        for gap in element.get("gaps", []):
            message, where = _worded(gap, lang)
            out.append(ReportGap(entry, gap["severity"], message, where))
    for top in report.get("uncovered_subtrees", []):
        entry = catalog.by_hierarchy_id(top["id"])
        if entry is not None:
            out.append(ReportGap(entry, "uncovered", "", "", top.get("below", 0)))
    grouped: dict[str, list[ReportGap]] = {}
    for gap in out:
        grouped.setdefault(gap.entry.iri, []).append(gap)
    return sorted(
        ((catalog.entries[iri], found) for iri, found in grouped.items()),
        key=lambda pair: hierarchy_key(pair[0].hierarchy_id),
    )


async def dashboard(request: Request) -> Response:
    """The heat map and gap list for the categories the standard covers."""
    catalog = await cat.catalog(request)
    nodes = [e for root in catalog.covered_categories() for e in catalog.subtree(root)]
    report = saved_report(request)
    found = report_gaps(report, catalog, request_lang(request)) if report else None
    by_category, by_part = coverage_rows(report, catalog)
    return page(
        request,
        "completeness.html",
        catalog=catalog,
        nodes=nodes,
        columns=cat.COLUMNS,
        gaps=gaps(catalog, nodes),
        report=report,
        figures=report_figures(request)[0],
        report_gaps=found,
        cards=shown_figures(report, nodes),
        by_category=by_category,
        by_part=by_part,
        store_path=str(request.app.state.settings.store_path or ""),
    )


def build_router() -> APIRouter:
    router = APIRouter()
    router.add_api_route(
        "/completeness",
        friendly(dashboard, data="/api/validation or procgraph validate --format json"),
        methods=["GET"],
        include_in_schema=False,
    )
    return router
