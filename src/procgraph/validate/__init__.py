"""Validation: the SHACL shapes in ``shapes/*.ttl`` run on the built data, and the report.

>>> from procgraph.validate import validate_quads                    # doctest: +SKIP
>>> report = validate_quads(asserted + inferred)                      # doctest: +SKIP
>>> report.conforms, report.overall                                   # doctest: +SKIP

The fast path (:mod:`procgraph.validate.engine`) compiles each shape's constraints to SPARQL
and runs them on Oxigraph; :mod:`procgraph.validate.reference` runs the same shapes with
pySHACL. :mod:`procgraph.validate.report` groups the results by element and scores them;
:mod:`procgraph.validate.render` writes text, Markdown, HTML, JSON and the raw SHACL report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from procgraph.atomic import write_atomic
from procgraph.errors import InputError
from procgraph.progress import Progress, stage
from procgraph.validate.data import element_index, item_index, store_from_files
from procgraph.validate.engine import Result, datasets, run_checks, targets
from procgraph.validate.report import Report, build_report
from procgraph.validate.shapes import Check, ShapeError, load_checks

__all__ = [
    "Report",
    "Result",
    "ShapeError",
    "validate_store",
    "validate_files",
    "validate_path",
    "validate_quads",
    "save_report",
    "load_saved_report",
    "REPORT_FILE",
    "ENGINES",
]

#: File name of the report kept in a store directory by ``procgraph build``.
REPORT_FILE = "validation.json"
ENGINES = ("oxigraph", "pyshacl")


def validate_store(
    store: ox.Store,
    *,
    engine: str = "oxigraph",
    checks: list[Check] | None = None,
    source: str = "",
    progress: Progress | None = None,
) -> Report:
    """Validate the data in ``store`` with the shapes and build the report.

    ``progress`` hears of the stages ``shapes`` (running them) and ``report`` (scoring the elements).
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    checks = checks if checks is not None else load_checks()
    asserted, everything = datasets(store)
    start = time.perf_counter()
    results = stage(progress, "shapes", lambda: _results(store, checks, engine))
    seconds = time.perf_counter() - start
    return stage(
        progress,
        "report",
        lambda: _report(store, checks, results, asserted, everything, source=source, engine=engine, seconds=seconds),
    )


def _results(store: ox.Store, checks: list[Check], engine: str) -> list[Result]:
    if engine == "pyshacl":
        from procgraph.validate.reference import pyshacl_results

        return pyshacl_results(store)[0]
    return run_checks(store, checks)


def _report(store, checks, results, asserted, everything, *, source: str, engine: str, seconds: float) -> Report:
    elements = element_index(store, asserted)
    if not elements:
        raise InputError(
            "the data holds no process elements (nothing with pg:hierarchyId); is it a procgraph graph?",
            file=source or None,
        )
    focus = {c.iri: targets(store, c, everything if c.requires_inference else asserted) for c in checks}
    return build_report(
        checks, results, focus, elements, item_index(store, asserted), source=source, engine=engine, seconds=seconds
    )


def validate_files(paths: Iterable[Path], *, engine: str = "oxigraph", progress: Progress | None = None) -> Report:
    """Validate RDF files (Turtle, TriG, N-Triples, ...): read, add the ontology, infer, validate.

    Stages for ``progress``: ``read``, then those of :func:`validate_store`.
    """
    paths = [Path(p) for p in paths]
    store = stage(progress, "read", lambda: store_from_files(paths))
    return validate_store(store, engine=engine, source=", ".join(map(str, paths)), progress=progress)


def validate_path(store_path: Path, *, engine: str = "oxigraph", progress: Progress | None = None) -> Report:
    """Validate the built store at ``store_path`` (opened read-only).

    Stages for ``progress``: ``open``, then those of :func:`validate_store`.
    """
    from procgraph.store.local import open_store

    store = stage(progress, "open", lambda: open_store(Path(store_path)))
    return validate_store(store, engine=engine, source=str(store_path), progress=progress)


def validate_quads(quads: Iterable[ox.Quad], *, source: str = "") -> Report:
    """Validate a dataset held as quads (asserted and inferred), as ``procgraph build`` does."""
    store = ox.Store()
    store.bulk_extend(quads)
    return validate_store(store, source=source)


def save_report(report: Report, directory: Path) -> Path:
    """Write the report as JSON into ``directory`` atomically (temporary file, then rename)."""
    from procgraph.validate.render import render

    return write_atomic(Path(directory) / REPORT_FILE, render(report, "json"))


def load_saved_report(directory: Path) -> dict | None:
    """The JSON report saved with a store, or None when there is none."""
    try:
        return json.loads((Path(directory) / REPORT_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
