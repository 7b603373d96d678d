"""The fast path: evaluate the compiled shapes on an Oxigraph store, one query per constraint.

Each constraint of each check (see :mod:`procgraph.validate.shapes`) is one SPARQL SELECT
over every focus node at once, so the cost is a few dozen queries whatever the number of
elements. Shapes that say ``pgsh:requiresInference`` see the union of all graphs; the others
see the asserted graphs only (every graph but the inferred one).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from procgraph.graph import GRAPHS
from procgraph.graph.terms import solutions
from procgraph.validate.shapes import Check, Constraint


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, as SHACL defines it (focus, path, value, shape, component, severity).

    Terms are in N-Triples form (``<iri>``, ``"text"@zh-hans``, ``_:b``) so results from
    either engine compare equal; ``value`` is None when the result has no value.
    """

    shape: str
    focus: str
    component: str
    value: str | None
    path: str | None
    severity: str
    message_zh: str
    message_en: str


def datasets(store: ox.Store) -> tuple[list, list]:
    """(asserted graphs, all graphs) as default-graph lists for :meth:`pyoxigraph.Store.query`."""
    inferred = GRAPHS["inferred"]
    named = sorted(store.named_graphs(), key=str)
    everything = [ox.DefaultGraph(), *named]
    asserted = [g for g in everything if not (isinstance(g, ox.NamedNode) and g.value == inferred)]
    return asserted, everything


def select(store: ox.Store, query: str, default_graph: list) -> list[ox.QuerySolution]:
    """Rows of a SELECT over the given default graph."""
    return list(solutions(store, query, default_graph=default_graph))


def run_check(store: ox.Store, check: Check, default_graph: list) -> list[Result]:
    """Every result of one check."""
    out = []
    for constraint in check.constraints:
        for row in select(store, constraint.query, default_graph):
            out.append(_result(check, constraint, row))
    return out


def _result(check: Check, constraint: Constraint, row: ox.QuerySolution) -> Result:
    focus = row["this"]
    value = row["value"] if "value" in _names(row) else None
    if value is None and constraint.component == "SPARQLConstraintComponent" and check.path is None:
        value = focus  # SHACL: a SPARQL result without ?value has the focus node as its value
    return Result(
        shape=check.iri,
        focus=str(focus),
        component=constraint.component,
        value=str(value) if value is not None else None,
        path=check.path,
        severity=check.severity,
        message_zh=check.message("zh-Hans", constraint),
        message_en=check.message("en", constraint),
    )


def _names(row: ox.QuerySolution) -> set[str]:
    try:
        row["value"]
        return {"value"}
    except (KeyError, IndexError):
        return set()


def targets(store: ox.Store, check: Check, default_graph: list) -> list[str]:
    """The focus nodes a check applies to, in N-Triples form."""
    return [str(row["this"]) for row in select(store, check.target_query, default_graph)]


def run_checks(store: ox.Store, checks: list[Check]) -> list[Result]:
    """Results of every check on ``store``, sorted."""
    asserted, everything = datasets(store)
    results = []
    for check in checks:
        results += run_check(store, check, everything if check.requires_inference else asserted)
    return sorted(set(results))
