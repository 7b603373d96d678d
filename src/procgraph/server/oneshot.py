"""Answer one request without a server, through the endpoint's own backend.

``procgraph query`` and ``procgraph sparql`` call :func:`run_once`: it starts the backend
the settings ask for (:func:`procgraph.server.backends.make_backend`: worker processes on the
embedded store, opened read-only, or a remote store), sends the request as ``/sparql`` would,
and stops the backend. So a query from the command line has exactly the endpoint's limits:
the safety scan (no SERVICE, no LOAD), the read-only store, the result-size limit
(``settings.max_rows``) and the deadline (``settings.timeout_s``, after which the worker
process is killed), and its errors read the same (:mod:`procgraph.server.syntax`).
"""

from __future__ import annotations

import asyncio

from procgraph.server import errors
from procgraph.server.backends import make_backend
from procgraph.server.execute import Answer, error_answer
from procgraph.server.settings import Settings


def run_once(settings: Settings, request, op: str = "query") -> Answer:
    """The answer to one ``op`` request (``query``: a :class:`~procgraph.server.execute.QueryRequest`).

    Protocol errors (bad query, row limit, deadline) come back as answers with their status and
    message, as the endpoint sends them; a store that cannot be opened raises
    :class:`procgraph.errors.StoreError`.
    """

    async def ask() -> Answer:
        backend = make_backend(settings)
        try:
            return await backend.call(op, request)
        finally:
            backend.close()

    try:
        return asyncio.run(ask())
    except errors.ProtocolError as exc:
        return error_answer(exc)
