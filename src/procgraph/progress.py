"""Stages of a long command, reported as they go: a progress bar on a terminal, plain lines otherwise.

Library functions that take a while (:func:`procgraph.build.build`, :func:`procgraph.validate.validate_path`,
:func:`procgraph.export.export`, :func:`procgraph.pcf.import_workbook`) accept a ``progress``
callback and run each stage through :func:`stage`: the callback is called with ``(stage, seconds)``
when a stage finishes and, if it has a ``start`` method, ``start(stage)`` when one begins. The
commands pass a :class:`StageReporter`: with standard error on a terminal it draws one line,

    procgraph build [######----------]  3/8  make the RDF graphs  2.1 s

redrawn while the stage runs, and leaves each finished stage's time above it; otherwise (a
pipe, a log file, CI) it writes only the plain line of each finished stage,

      make the RDF graphs               2.13 s
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

#: Called with (stage name, seconds) when a stage finishes; may have ``start(stage)``.
Progress = Callable[[str, float], None]

#: Seconds between redraws of the bar while a stage runs.
REDRAW_S = 0.2
#: Characters of the bar itself.
BAR_WIDTH = 20


def stage(progress: Progress | None, name: str, work: Callable[[], Any], times: dict[str, float] | None = None) -> Any:
    """Run ``work()`` as stage ``name``: report its start and its time to ``progress``; keep it in ``times``."""
    begin = getattr(progress, "start", None)
    if begin is not None:
        begin(name)
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    if times is not None:
        times[name] = seconds
    if progress is not None:
        progress(name, seconds)
    return result


class StageReporter:
    """A :data:`Progress` for a command: a bar when ``stream`` is a terminal, stage lines otherwise.

    ``labels`` name the stages for people (a stage without one shows its name); ``total`` is how
    many stages the bar counts (default: the labels). Use it as a context manager, or call
    :meth:`close`, so the bar is cleared at the end.
    """

    def __init__(
        self,
        command: str,
        labels: dict[str, str] | None = None,
        *,
        total: int | None = None,
        stream=None,
        tty: bool | None = None,
    ):
        self.command = command
        self.labels = labels or {}
        self.total = total or len(self.labels) or 1
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _is_terminal(self.stream) if tty is None else tty
        self.done = 0
        self._current: str | None = None
        self._since = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._shown = False

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def start(self, name: str) -> None:
        with self._lock:
            self._current, self._since = name, time.perf_counter()
            if self.tty:
                self._draw()
        if self.tty and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, daemon=True, name="procgraph-progress")
            self._ticker.start()

    def __call__(self, name: str, seconds: float) -> None:
        with self._lock:
            self.done += 1
            self.total = max(self.total, self.done)
            self._current = None
            if self.tty:
                self._clear()
            self.stream.write(f"  {self.label(name):<32} {seconds:7.2f} s\n")
            if self.tty and self.done < self.total:
                self._draw()
            self.stream.flush()

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(1)
        with self._lock:
            if self.tty:
                self._clear()
                self.stream.flush()

    def __enter__(self) -> StageReporter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the bar (terminal only) -------------------------------------------------------------

    def _tick(self) -> None:
        while not self._stop.wait(REDRAW_S):
            with self._lock:
                if self._current is not None:
                    self._draw()

    def _line(self) -> str:
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"{self.command} [{bar}] {self.done + (self._current is not None):>2}/{self.total}"
        if self._current is not None:
            line += f"  {self.label(self._current)}  {time.perf_counter() - self._since:.1f} s"
        return line

    def _draw(self) -> None:
        self.stream.write("\r\x1b[K" + self._line())
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
