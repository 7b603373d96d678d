"""The completeness figures, defined once and shown the same way on every surface.

- ``in_scope``: the PCF elements the report scores (every element of the category built);
- ``covered``: those the standard gives content to;
- ``complete``: covered elements whose every content check passes (score 1);
- ``score`` of an element: the share of its content checks that pass (see :mod:`report`);
- ``overall``: the mean score over the elements in scope (uncovered ones score 0);
- ``covered_score``: the mean score over the covered elements.

The CLI report (text, md, json ``figures``), ``/api/validation``, the completeness
dashboard, the tree badges and the home page all take their numbers from :func:`figures`
and their wording from :func:`sentence`.
"""

from __future__ import annotations


def figures(elements) -> dict:
    """The figures from the report's elements (dicts or entries with ``score`` and ``covered``)."""
    def get(e, k):
        return e.get(k) if isinstance(e, dict) else getattr(e, k)
    scored = [e for e in elements if get(e, "score") is not None]
    covered = [e for e in scored if get(e, "covered")]
    def mean(group):
        return round(sum(get(e, "score") for e in group) / len(group), 4) if group else None
    return {"in_scope": len(scored), "covered": len(covered),
            "complete": sum(1 for e in covered if get(e, "score") == 1.0),
            "overall": mean(scored), "covered_score": mean(covered)}


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def sentence(f: dict) -> str:
    """The one wording: what each figure is over."""
    return (f"{pct(f['overall'])} of the {f['in_scope']} elements in scope; {f['covered']} covered by the "
            f"standard; of those, {f['complete']} complete, mean score {pct(f['covered_score'])}")


def element_badge(score: float | None) -> str:
    """What the tree shows for one element: its score, as the report gives it."""
    return pct(score)
