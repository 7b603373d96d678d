"""Locate the project's data files (ontology, shapes, queries, bundled data).

In a wheel they live in ``procgraph/_resources/``; in a source checkout (editable
install, tests) they are the top-level folders of the repository. One function hides
the difference so no other module hard-codes a path.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

KINDS = ("ontology", "shapes", "queries", "data")


def resource_dir(kind: str) -> Path:
    """Return the directory holding resources of ``kind`` (one of :data:`KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; expected one of {KINDS}")
    packaged = resources.files("procgraph") / "_resources" / kind
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"procgraph resource folder {kind!r} not found (looked in the package and {checkout})")


def resource_path(kind: str, *parts: str) -> Path:
    """Return the path of one resource file, e.g. ``resource_path("data", "pcf", "NOTICE.txt")``."""
    path = resource_dir(kind).joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"procgraph resource not found: {kind}/{'/'.join(parts)}")
    return path
