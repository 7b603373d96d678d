"""Run the endpoint: make sure there is a store, then serve it with uvicorn."""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

import uvicorn

from procgraph.errors import ProcgraphError
from procgraph.server.app import create_app
from procgraph.server.settings import Settings
from procgraph.store.local import open_store


def ensure_store(path: Path, *, say=print) -> None:
    """Build the bundled data into ``path`` when no store is there yet."""
    if Path(path).exists():
        return
    from procgraph.build import build  # the build stack is loaded only when there is something to build

    say(f"no store at {path} yet: building the bundled data first")
    build(store=Path(path))


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``settings`` on ``host:port`` until interrupted."""
    if settings.store_path is not None:
        open_store(settings.store_path, read_only=True)  # a clear StoreError now, not in a worker
    sock = bind(host, port)  # before any "pages at" line: a taken port is a clear error, exit 2
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on {host}, reachable from other machines", file=sys.stderr)
    print(
        f"procgraph: pages at http://{host}:{port}/ , SPARQL at http://{host}:{port}/sparql (Ctrl-C stops it)",
        file=sys.stderr,
    )
    try:
        config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled (uvicorn.run swallows it too)
        pass
    finally:
        sock.close()


def bind(host: str, port: int):
    """A socket bound to ``host:port``, or a :class:`ProcgraphError` saying why not (a taken port: use --port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ProcgraphError(f"cannot listen on {host}: {exc.strerror}", hint="check --host") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ProcgraphError(
                f"port {port} on {host} is taken by another program",
                hint=f"stop it, or serve on another port: procgraph serve --port {port + 1}",
            ) from None
        raise ProcgraphError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            hint="choose another --port (ports below 1024 need privileges) or --host",
        ) from None
    return sock
