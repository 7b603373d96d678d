"""The application factory: one FastAPI app per :class:`Settings`, no module-level state.

The backend (worker processes or a remote-store client) is created when the app starts and
closed when it stops, so tests can build as many apps as they like.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from procgraph import __version__
from procgraph.queries import ParameterError
from procgraph.queries.prepared import store_fingerprint
from procgraph.server import api, api_validation, graph_store, pages, sparql
from procgraph.server.backends import make_backend, serving
from procgraph.server.cache import FrontCache
from procgraph.server.errors import ProtocolError
from procgraph.server.http import HeadAsGet
from procgraph.server.page import STATIC
from procgraph.server.settings import Settings


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


def _protocol_text(exc: ProtocolError) -> PlainTextResponse:
    """The answer to a :class:`ProtocolError`, from a route or from ``sparql.ProtocolPath``."""
    return _text(exc.status, exc.message, exc.headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProtocolError)
    async def protocol_error(request: Request, exc: ProtocolError):
        return _protocol_text(exc)

    @app.exception_handler(ParameterError)
    async def parameter_error(request: Request, exc: ParameterError):  # a named query's bad value: 400
        return _text(400, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = {
            404: f"nothing at {request.url.path}; the pages start at /, the SPARQL endpoint is /sparql",
            405: f"{request.method} is not allowed on {request.url.path}",
        }.get(exc.status_code, str(exc.detail))
        return _text(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = []
        for error in exc.errors():
            where = [str(part) for part in error.get("loc", ())]
            place = f"{where[0]} parameter {'.'.join(where[1:])}" if len(where) > 1 else ".".join(where) or "request"
            got = f" (got {error['input']!r})" if "input" in error and not isinstance(error["input"], dict) else ""
            problems.append(f"{place}: {error.get('msg', 'invalid')}{got}")
        return _text(400, "bad request: " + "; ".join(problems))


def _store_files(settings: Settings):
    if not settings.fixed_store or settings.store_path is None:  # fixed_store implies a store_path
        return None

    try:
        return store_fingerprint(settings.store_path)
    except OSError:
        return None


def create_app(settings: Settings) -> FastAPI:
    """Build the app serving ``settings``: /sparql, /sparql/update, /graph-store, the JSON API
    (/api/...), the web pages (/, /tree, /pcf/..., /themes, /search, /completeness)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The database files the workers' read-only snapshots are taken from: answers prepared
        # at build time are served only for these (queries/prepared.py).
        app.state.store_files = _store_files(settings)
        app.state.backend = make_backend(settings)
        try:
            yield
        finally:
            app.state.backend.close()

    app = FastAPI(
        title="procgraph SPARQL endpoint",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    _install_error_handlers(app)
    app.include_router(sparql.build_router())
    app.include_router(graph_store.build_router())
    app.include_router(api_validation.build_router())
    app.include_router(pages.build_router())
    app.include_router(api.build_router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # innermost: queries on /sparql are answered ahead of routing (the same handlers, less overhead)
    app.add_middleware(sparql.ProtocolPath, error_response=_protocol_text)
    if settings.store_path is not None and settings.cache_entries > 0:
        # the one answer cache, keyed on the snapshot being served (server/cache.py); a remote
        # store has none: it may change behind the endpoint's back
        app.add_middleware(
            FrontCache,
            max_entries=settings.cache_entries,
            snapshot=lambda: serving(app.state),
            max_body_bytes=settings.max_body_bytes,
        )
    app.add_middleware(HeadAsGet)  # outermost but CORS: a HEAD is a GET without its body
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "DELETE", "HEAD"],
            allow_headers=["Content-Type", "Accept", "Authorization"],
        )
    return app
