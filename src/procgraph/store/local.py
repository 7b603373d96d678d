"""The embedded store: an Oxigraph database in a directory, replaced atomically on rebuild.

:func:`write_store` builds the new database in a sibling temporary directory and swaps it in
only when it is complete and closed, so a build that fails or is killed (even with SIGKILL)
leaves the previous store usable. The swap is two renames (``store`` -> ``.store.previous``,
new -> ``store``); if a crash falls between them, the next :func:`open_store` or
:func:`write_store` puts the previous store back.

A finished store holds a marker file, ``procgraph-store.json`` (format version and quad
count); a directory without it is not a procgraph store.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph

from procgraph.atomic import write_atomic
from procgraph.errors import StoreError

MARKER = "procgraph-store.json"
FORMAT = 1


def _rebuild_hint(path: Path) -> str:
    return f"build it with: procgraph build --store {path}"


def _sibling(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}")


def _recover(path: Path) -> None:
    """Finish an interrupted swap: put ``.NAME.previous`` back if ``NAME`` is missing."""
    previous = _sibling(path, "previous")
    if not path.exists() and (previous / MARKER).exists():
        os.replace(previous, path)


def _clear_stale_builds(path: Path) -> None:
    """Remove temporary build directories left by killed builds of this store."""
    for stale in path.parent.glob(f".{path.name}.building-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_marker(directory: Path, quads: int) -> None:
    write_atomic(directory / MARKER, json.dumps({"format": FORMAT, "quads": quads}, sort_keys=True) + "\n")


def read_marker(path: Path) -> dict:
    """The store's marker (format, quad count); :class:`StoreError` if missing or unreadable."""
    try:
        return json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise StoreError(
            "this directory is not a complete procgraph store (its marker file is missing or damaged)",
            file=str(path),
            hint=_rebuild_hint(path),
        ) from None


def write_store(quads: Iterable[pyoxigraph.Quad], path: Path, *, finish: Callable[[Path], None] | None = None) -> None:
    """Write ``quads`` as a new store at ``path``, replacing any previous store atomically.

    ``finish``, if given, is called with the new store's directory once its database is
    closed and before it replaces the previous store, to add files that belong to this data
    (the validation report, the prepared answers): they arrive with the store or not at all.
    """
    path = Path(path).absolute()
    if path.exists() and not path.is_dir():
        raise StoreError("the store path is a file, not a directory", file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _recover(path)
    _clear_stale_builds(path)
    building = _sibling(path, f"building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    try:
        store = pyoxigraph.Store(str(building))
        store.bulk_extend(quads)
        store.flush()
        count = len(store)
        del store
        gc.collect()  # the database is closed when the Store object is dropped
        _write_marker(building, count)
        if finish is not None:
            finish(building)
        _swap(building, path)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _swap(new: Path, path: Path) -> None:
    previous = _sibling(path, "previous")
    shutil.rmtree(previous, ignore_errors=True)
    if path.exists():
        os.replace(path, previous)
    os.replace(new, path)
    shutil.rmtree(previous, ignore_errors=True)


def open_store(path: Path, *, read_only: bool = True) -> pyoxigraph.Store:
    """Open the store at ``path``; :class:`StoreError` saying how to rebuild if missing or damaged."""
    path = Path(path).absolute()
    _recover(path)
    if not path.is_dir():
        raise StoreError("no procgraph store here", file=str(path), hint=_rebuild_hint(path))
    read_marker(path)
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except (OSError, RuntimeError) as exc:  # pyoxigraph reports RocksDB corruption as RuntimeError
        raise StoreError(
            f"the store cannot be opened, it may be damaged or in use ({exc})", file=str(path), hint=_rebuild_hint(path)
        ) from None
