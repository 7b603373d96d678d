"""Run the endpoint: make sure there is a store, then serve it with uvicorn."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph.errors import ProcgraphError
from procgraph.server.settings import Settings


def ensure_store(path: Path, *, say=print) -> None:
    """Build the bundled data into ``path`` when no store is there yet."""
    if Path(path).exists():
        return
    try:
        from procgraph.build import build
    except ImportError as exc:
        raise ProcgraphError(f"there is no store at {path} and the build step is not available ({exc})",
                             hint="build or load data first: procgraph load FILE --store DIR --create") from None
    say(f"no store at {path} yet: building the bundled data first")
    build(store=Path(path))


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``settings`` on ``host:port`` until interrupted."""
    import uvicorn

    from procgraph.server.app import create_app

    if settings.store_path is not None:
        from procgraph.store.local import open_store

        open_store(settings.store_path, read_only=True)  # a clear StoreError now, not in a worker
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on {host}, reachable from other machines", file=sys.stderr)
    print(f"procgraph: pages at http://{host}:{port}/ , SPARQL at http://{host}:{port}/sparql "
          f"(Ctrl-C stops it)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
