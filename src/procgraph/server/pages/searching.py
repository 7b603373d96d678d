"""The search box: the app's :class:`procgraph.search.SearchIndex`, shared with ``/api/search``.

Each element (its names) and each practice, risk and output (its texts) is one document,
with its element's hierarchy id and its themes (:mod:`procgraph.search`). The index is built
from the documents ``procgraph build`` saved with the store, or read from the store, and kept
while the store is embedded and read-only (see :func:`procgraph.server.api.search_index`).
"""

from __future__ import annotations


async def index(request, catalog=None):
    """The search index for this app."""
    from procgraph.server.api import search_index

    return await search_index(request)
