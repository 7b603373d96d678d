"""The HTTP server: SPARQL 1.1 Protocol, Graph Store Protocol and the query page.

:func:`create_app` builds a FastAPI application from :class:`Settings`; the command
``procgraph serve`` is a thin layer over it.
"""

from procgraph.server.settings import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings):
    """Return the FastAPI application serving ``settings`` (imported lazily: FastAPI is heavy)."""
    from procgraph.server.app import create_app as _create_app

    return _create_app(settings)
