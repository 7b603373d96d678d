"""An element's risk-control matrix as the pages read it: through the server's backend.

The matrix itself (items, rows, spreadsheet cells) is :mod:`procgraph.graph.rcm`; this module
only runs its queries with :func:`~procgraph.server.pages.data.select`, so the element page,
its downloads and ``procgraph export -f rcm-csv --element`` are one computation (a download
from a page in 繁體（台灣） adds the zh-Hant-TW columns).
"""

from __future__ import annotations

from procgraph.graph import orgrcm, rcm
from procgraph.server.pages.data import select
from procgraph.server.pages.render import request_lang

Matrix = rcm.Element


def _plain(rows) -> list[dict[str, tuple[str, str | None]]]:
    return [{name: (term.value, term.lang) for name, term in row.items()} for row in rows]


async def read_elements(request, scope: str, root: str) -> list[rcm.Element]:
    """The elements in ``scope`` ("element" or "descendants") of the element ``root`` (an IRI)."""
    element_rows = _plain(await select(request, rcm.elements_query(scope, root)))
    item_rows = _plain(await select(request, rcm.items_query(scope, root)))
    return rcm.assemble(element_rows, item_rows)


async def read_matrix(request, entry) -> Matrix:
    """One element's own matrix (an element without items has an empty one)."""
    item_rows = _plain(await select(request, rcm.items_query("element", entry.iri)))
    items = rcm.items_of(item_rows).get(entry.iri, [])
    return rcm.Element(entry.iri, entry.hierarchy_id, entry.pcf_id, dict(entry.names), items)


async def read_controls(request, entry) -> list[orgrcm.OrgControl]:
    """The controls the organisation's imported matrices (``procgraph import-rcm``) have for the element."""
    return orgrcm.element_controls(_plain(await select(request, orgrcm.element_controls_query(entry.iri))))


async def table(request, entry, matrix: Matrix, descendants: bool) -> tuple[list[str], list[list]]:
    """Header and rows of the element's matrix download (with ``descendants``, of its subtree);
    from a page in 繁體（台灣） with zh-Hant-TW columns beside the zh-Hant ones."""
    taiwan = request_lang(request) == rcm.TAIWAN
    if descendants:
        return rcm.table(await read_elements(request, "descendants", entry.iri), taiwan=taiwan)
    return rcm.table([matrix] if matrix.items else [], taiwan=taiwan)
