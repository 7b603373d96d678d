"""The completeness figures, defined once and shown the same way on every surface.

- ``in_scope``: the PCF elements the report scores (every element of the category built);
- ``covered``: those the standard gives content to;
- ``complete``: covered elements whose every content check passes (score 1);
- ``score`` of an element: the share of its content checks that pass (see :mod:`report`);
- ``overall``: the mean score over the elements in scope (uncovered ones score 0);
- ``covered_score``: the mean score over the covered elements.

The CLI report (text, md, json ``figures``), ``/api/validation``, the completeness
dashboard, the tree badges and the home page all take their numbers from :func:`figures`
and their wording from :func:`sentence`. Where the figures are shown one by one (the
dashboard's cards, the coverage tables per category and per part, :func:`by_group`), each
has the name and the "over what" of :data:`NAMES`, in that order (:data:`ORDER`). There is
no other completeness figure: the heat map's ✓/✗ cells are counted into none.
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

    return {
        "in_scope": len(scored),
        "covered": len(covered),
        "complete": sum(1 for e in covered if get(e, "score") == 1.0),
        "overall": mean(scored),
        "covered_score": mean(covered),
    }


#: The figures in the order they are shown.
ORDER = ("in_scope", "covered", "complete", "overall", "covered_score")

#: Each figure's name and what it is over, in English; the pages' zh-Hans is ``figures.<key>``
#: and ``figures.<key>.over`` in server/pages/messages.py.
NAMES = {
    "in_scope": ("Elements in scope", "every PCF element of the categories the standard covers"),
    "covered": ("Covered by the standard", "of the elements in scope"),
    "complete": ("Complete", "of the covered elements: every content check passes"),
    "overall": ("Mean score, in scope", "over the elements in scope (an uncovered one scores 0)"),
    "covered_score": ("Mean score, covered", "over the covered elements"),
}


def counts(in_scope: int, covered: int) -> dict:
    """The figures a store without a saved report gives: the two counts; ``complete`` and the
    scores need the report's checks, so they are None (shown as –)."""
    return {"in_scope": in_scope, "covered": covered, "complete": None, "overall": None, "covered_score": None}


def by_group(elements, key) -> dict[str, dict]:
    """The figures of each group of the report's elements (dicts); ``key(element)`` names the
    group ("" or None: in none). Groups in the order of their first element."""
    groups: dict[str, list] = {}
    for element in elements:
        group = key(element)
        if group:
            groups.setdefault(group, []).append(element)
    return {group: figures(members) for group, members in groups.items()}


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def sentence(f: dict) -> str:
    """The one wording: what each figure is over."""
    return (
        f"{pct(f['overall'])} of the {f['in_scope']} elements in scope; {f['covered']} covered by the "
        f"standard; of those, {f['complete']} complete, mean score {pct(f['covered_score'])}"
    )


def element_badge(score: float | None) -> str:
    """What the tree shows for one element: its score, as the report gives it."""
    return pct(score)
