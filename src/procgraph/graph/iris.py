"""IRIs of everything procgraph mints: framework elements, standards, items, named graphs.

All IRIs live under ``https://w3id.org/procgraph/`` and are derived only from durable keys
(PCF ID, standard slug, column, position), so rebuilding gives the same IRIs. Local names
never contain dots: pyoxigraph's SPARQL parser rejects prefixed names such as ``pg:x-8.1.1``.

>>> pcf_element(20610)
'https://w3id.org/procgraph/pcf/20610'
>>> item("gbpm-8", 20610, "risk", 3)
'https://w3id.org/procgraph/std/gbpm-8/20610/risk/3'
>>> framework("7.4")
'https://w3id.org/procgraph/pcf/scheme/7-4'
"""

from __future__ import annotations

import re

BASE = "https://w3id.org/procgraph/"
GRAPH_BASE = BASE + "graph/"

#: The kinds of standard item, as they appear in item IRIs and in the records' keys.
ITEM_KINDS = ("practice", "risk", "output")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _safe(text: str) -> str:
    """Turn a version or hierarchy id into a dot-free IRI segment ("7.4" -> "7-4")."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", text.strip()).strip("-")


def pcf_element(pcf_id: int) -> str:
    """IRI of a framework element, keyed by its PCF ID."""
    return f"{BASE}pcf/{int(pcf_id)}"


def unkeyed_element(hierarchy_id: str) -> str:
    """IRI for an element that has no PCF ID (not in the framework we know), by hierarchy id."""
    return f"{BASE}pcf/h-{_safe(hierarchy_id)}"


def framework(version: str) -> str:
    """IRI of a framework release (the SKOS concept scheme), e.g. PCF 7.4."""
    return f"{BASE}pcf/scheme/{_safe(version)}"


def standard(slug: str) -> str:
    """IRI of a standard, e.g. ``gbpm-8`` for 业务流程管理通用标准 第8部分."""
    if not _SLUG.match(slug):
        raise ValueError(f"standard slug {slug!r} must be lower-case letters, digits and hyphens")
    return f"{BASE}std/{slug}"


def source_document(slug: str) -> str:
    """IRI of the source document a standard was read from."""
    return f"{standard(slug)}/source"


def item(slug: str, pcf_id: int | str, kind: str, n: int) -> str:
    """IRI of the ``n``-th practice, risk or output a standard states for an element."""
    if kind not in ITEM_KINDS:
        raise ValueError(f"item kind {kind!r} must be one of {ITEM_KINDS}")
    return f"{standard(slug)}/{pcf_id}/{kind}/{int(n)}"


def graph(name: str) -> str:
    """IRI of a named graph, e.g. ``graph("pcf")``."""
    return GRAPH_BASE + _safe(name)
