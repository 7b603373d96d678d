"""A server as a child process: ``procgraph serve`` (or any SPARQL server) on a free port of
127.0.0.1, waited for until it answers a query, and stopped with everything it started.

The one home of this for the test fixtures and the benchmarks, and for anyone who runs
procgraph inside their own tests. Standard library only: it must not make a test or a
benchmark depend on an HTTP client.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

#: The command line that runs procgraph's command-line interface with this interpreter.
PROCGRAPH = (sys.executable, "-c", "import sys; from procgraph.cli import main; sys.exit(main())")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (the server binds it a moment later).

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def answers(url: str, params: dict | None = None, timeout: float = 2.0) -> bool:
    """Whether ``url`` (with ``params`` as its query string) answers 200 now."""
    full = url + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(full, timeout=timeout) as response:  # noqa: S310 (loopback, ours)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_answering(
    url: str,
    process: subprocess.Popen,
    seconds: float,
    params: dict | None = None,
    what: str = "the server",
) -> None:
    """Wait until ``url`` answers 200; RuntimeError (with the end of its stderr, when piped) if
    ``process`` exits first or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while not answers(url, params):
        exited = process.poll() is not None
        if exited or time.monotonic() > deadline:
            err = ""
            if exited and process.stderr is not None:
                out = process.stderr.read()
                err = ": " + (out.decode("utf-8", "replace") if isinstance(out, bytes) else out)[-2000:]
            raise RuntimeError(f"{what} {'exited' if exited else 'did not answer in time'}{err}".rstrip())
        time.sleep(0.1)


class ServerProcess:
    """A server started from ``command``, its query endpoint at ``url``.

    ``cpu`` pins the server and every process it starts (procgraph's workers) to one core;
    it runs in its own session, so :meth:`stop` reaches the processes it started too.
    """

    def __init__(
        self,
        name: str,
        command: list[str],
        url: str,
        *,
        env: dict | None = None,
        cpu: int | None = None,
        stderr=subprocess.PIPE,
    ):
        self.name, self.url = name, url
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **(env or {})},
            start_new_session=True,
            preexec_fn=None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu})),
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, seconds: float = 60.0) -> None:
        """Wait until the endpoint answers ``ASK {}``."""
        wait_answering(self.url, self.process, seconds, {"query": "ASK {}"}, self.name)

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM the server and what it started; SIGKILL whatever is left after ``grace`` seconds."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError):  # workers the server left behind
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        if self.process.stderr is not None:
            self.process.stderr.close()

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class ServeProcess(ServerProcess):
    """``procgraph serve --store STORE`` (the real command) on a free port, with ``extra`` options."""

    def __init__(
        self, store: Path, *extra: str, cpu: int | None = None, env: dict | None = None, stderr=subprocess.PIPE
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [*PROCGRAPH, "serve", "--store", str(store), "--port", str(self.port), *extra]
        super().__init__("procgraph serve", command, self.base + "/sparql", env=env, cpu=cpu, stderr=stderr)
