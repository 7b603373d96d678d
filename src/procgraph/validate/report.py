"""The completeness report: validation results grouped by element, scored, in fix order.

A *gap* is one check failing on one element, with the items it concerns ("practices 4, 5,
6, 7"). Elements come in hierarchy order, their gaps in the order the shapes give
(``pgsh:fixOrder``: structure, coverage, completeness, alignment, text). The completeness
score of an element is the share of its content checks (aspects ``coverage``,
``completeness``, ``alignment``) that pass; an element the standard does not cover has only
the coverage check, so it scores 0. Level and overall scores are means over the scored
elements. The data conforms when no result has severity Violation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, fields

from procgraph.validate.data import Element, Item
from procgraph.validate.engine import Result
from procgraph.validate.figures import figures, sentence
from procgraph.validate.shapes import Check

SCORED_ASPECTS = ("coverage", "completeness", "alignment")
SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
KIND_NAMES = {
    "practice": ("最佳实践", "practice", "practices"),
    "risk": ("风险", "risk", "risks"),
    "output": ("预期结果", "output", "outputs"),
}


@dataclass
class Gap:
    """One check failing on one element, with the items or values concerned."""

    check: str
    aspect: str
    severity: str
    fix_order: int
    message_zh: str
    message_en: str
    items: list[str] = field(default_factory=list)
    kind: str | None = None
    values: list[str] = field(default_factory=list)

    def where(self, lang: str) -> str:
        """'risks 3, 4' / '风险 3、4', or '' when the gap concerns the element itself."""
        if not self.items or not self.kind:
            return ""
        zh, one, many = KIND_NAMES[self.kind]
        if lang == "zh":
            return f"{zh} {'、'.join(self.items)}"
        return f"{one if len(self.items) == 1 else many} {', '.join(self.items)}"


@dataclass(frozen=True, kw_only=True)
class ElementEntry(Element):
    """An element in the report (:class:`~procgraph.validate.data.Element`: who it is), with its
    score and its gaps in fix order."""

    score: float | None
    checks: int
    failed: int
    gaps: list[Gap] = field(default_factory=list)

    @property
    def uncovered_only(self) -> bool:
        return bool(self.gaps) and all(g.aspect == "coverage" for g in self.gaps)


@dataclass
class Report:
    """Everything the renderings show; :meth:`as_dict` is the JSON form."""

    conforms: bool
    counts: dict[str, int]
    overall: float | None
    levels: dict[int, dict]
    elements: list[ElementEntry]
    checks: list[dict]
    results: list[Result]
    source: str = ""
    engine: str = "oxigraph"
    seconds: float = 0.0

    @property
    def with_gaps(self) -> list[ElementEntry]:
        return [e for e in self.elements if e.gaps and not e.uncovered_only]

    @property
    def uncovered(self) -> list[ElementEntry]:
        return [e for e in self.elements if e.uncovered_only]

    @property
    def complete(self) -> list[ElementEntry]:
        return [e for e in self.elements if not e.gaps]

    def uncovered_roots(self) -> list[tuple[ElementEntry, int]]:
        """Uncovered elements whose parent is covered, each with the number of uncovered ones below it."""
        by_iri = {e.iri: e for e in self.uncovered}
        parents = {e.iri: e.parent if e.parent in by_iri else None for e in self.uncovered}
        below: dict[str, int] = defaultdict(int)
        for iri in by_iri:
            up = parents[iri]
            while up is not None:
                below[up] += 1
                up = parents.get(up)
        return [(e, below[e.iri]) for e in self.uncovered if parents[e.iri] is None]

    def by_part(self) -> list[dict]:
        """Per part of the series (elements in order of their first element): elements it covers,
        how many are complete, and their mean score. Empty for a single-source build."""
        groups: dict[str, list[ElementEntry]] = defaultdict(list)
        for e in self.elements:
            if e.part:
                groups[e.part].append(e)
        return [
            {
                "part": part,
                "first": group[0].id,
                "last": group[-1].id,
                "elements": len(group),
                "complete": sum(1 for e in group if e.score == 1.0),
                "score": _mean(group),
            }
            for part, group in groups.items()
        ]  # elements are in hierarchy order

    def rcm_gaps(self) -> list[tuple[str, str, int]]:
        """(message zh, message en, results) per check of the organisation's matrix (aspect ``rcm``) that fails."""
        rcm = [c["shape"] for c in self.checks if c["aspect"] == "rcm"]
        found: dict[str, list[Result]] = defaultdict(list)
        for r in self.results:
            if r.shape in rcm:
                found[r.shape].append(r)
        return [(found[s][0].message_zh, found[s][0].message_en, len(found[s])) for s in rcm if found[s]]

    def by_category(self) -> list[dict]:
        """Per PCF category (the first segment of the id): elements scored, covered, complete, mean score."""
        groups: dict[str, list[ElementEntry]] = defaultdict(list)
        for e in self.elements:
            if e.score is not None:
                groups[e.id.split(".")[0]].append(e)
        return [
            {
                "category": f"{c}.0",
                "elements": len(group),
                "covered": sum(1 for e in group if e.covered),
                "complete": sum(1 for e in group if e.score == 1.0),
                "score": _mean(group),
            }
            for c, group in groups.items()
        ]

    def as_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "counts": self.counts,
            "overall_score": self.overall,
            "figures": figures(self.elements),
            "figures_text": sentence(figures(self.elements)),
            "levels": {str(k): v for k, v in sorted(self.levels.items())},
            "elements": [asdict(e) for e in self.elements],
            "uncovered_subtrees": [
                {"id": e.id, "name_en": e.name_en, "name_zh": e.name_zh, "below": n} for e, n in self.uncovered_roots()
            ],
            "by_part": self.by_part(),
            "by_category": self.by_category(),
            "checks": self.checks,
            "results": [asdict(r) for r in self.results],
            "source": self.source,
            "engine": self.engine,
        }


def element_of(focus: str, elements: dict[str, Element], items: dict[str, Item]) -> str | None:
    """The element a focus node belongs to: itself, or the owner of the item."""
    if focus in elements:
        return focus
    if focus in items:
        return items[focus].element
    return None


def build_report(
    checks: list[Check],
    results: list[Result],
    targets: dict[str, list[str]],
    elements: dict[str, Element],
    items: dict[str, Item],
    *,
    source: str = "",
    engine: str = "oxigraph",
    seconds: float = 0.0,
) -> Report:
    """Group ``results`` by element, score elements from the checks' ``targets``, order for fixing."""
    by_check = {c.iri: c for c in checks}
    applicable, failed = _tally(checks, results, targets, elements, items)
    gaps = _gaps(results, by_check, elements, items)
    shown = set(applicable) | set(gaps)
    entries = []
    for iri in sorted(shown, key=lambda i: elements[i].sort_key if i in elements else (2, (), i)):
        e = elements.get(iri) or Element(iri, iri.strip("<>"), None, None, "", "", None, False)
        n, bad = len(applicable.get(iri, ())), len(failed.get(iri, ()))
        facts = {f.name: getattr(e, f.name) for f in fields(Element)}
        entries.append(
            ElementEntry(
                **facts, score=round((n - bad) / n, 4) if n else None, checks=n, failed=bad, gaps=gaps.get(iri, [])
            )
        )
    counts = {s: sum(1 for r in results if r.severity == s) for s in SEVERITY_RANK}
    return Report(
        conforms=counts["Violation"] == 0,
        counts=counts,
        overall=_mean(entries),
        levels=_levels(entries),
        elements=entries,
        checks=[_describe(c) for c in checks],
        results=sorted(results),
        source=source,
        engine=engine,
        seconds=round(seconds, 3),
    )


def _tally(
    checks: list[Check],
    results: list[Result],
    targets: dict[str, list[str]],
    elements: dict[str, Element],
    items: dict[str, Item],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    applicable: dict[str, set[str]] = defaultdict(set)
    failed: dict[str, set[str]] = defaultdict(set)
    scored = {c.iri for c in checks if c.aspect in SCORED_ASPECTS}
    for check in checks:
        if check.iri in scored:
            for focus in targets.get(check.iri, ()):
                owner = element_of(focus, elements, items)
                if owner:
                    applicable[owner].add(check.iri)
    for r in results:
        owner = element_of(r.focus, elements, items)
        if owner and r.shape in scored:
            failed[owner].add(r.shape)
            applicable[owner].add(r.shape)
    return applicable, failed


def _gaps(results, by_check, elements, items) -> dict[str, list[Gap]]:
    grouped: dict[tuple, Gap] = {}
    for r in sorted(results):
        check = by_check[r.shape]
        owner = element_of(r.focus, elements, items) or r.focus
        item = items.get(r.focus)
        key = (owner, r.shape, r.message_en, item.kind if item else None)
        gap = grouped.get(key)
        if gap is None:
            gap = grouped[key] = Gap(
                check=check.name,
                aspect=check.aspect,
                severity=r.severity,
                fix_order=check.fix_order,
                message_zh=r.message_zh,
                message_en=r.message_en,
                kind=item.kind if item else None,
            )
        if item and item.position is not None:
            gap.items.append(str(item.position))
        value = _show_value(r, elements, items)
        if value and value not in gap.values:
            gap.values.append(value)
    out: dict[str, list[Gap]] = defaultdict(list)
    for (owner, *_), gap in grouped.items():
        gap.items = sorted(set(gap.items), key=int)
        out[owner].append(gap)
    for owner in out:
        out[owner].sort(key=lambda g: (g.fix_order, SEVERITY_RANK[g.severity], g.check, g.kind or "", g.message_en))
    return out


def _show_value(r: Result, elements, items) -> str:
    """A value as a person reads it: text of a literal, 'output 3' for an item, the id of an element."""
    if r.value is None or r.value == r.focus:
        return ""
    if r.value in items:
        item = items[r.value]
        return f"{KIND_NAMES[item.kind][1]} {item.position}"
    if r.value in elements:
        return elements[r.value].id
    if r.value.endswith("#boolean>"):
        return ""
    if r.value.startswith('"'):
        text = r.value[1 : r.value.rindex('"')].replace('\\"', '"').replace("\\\\", "\\")
        return text if len(text) <= 60 else text[:59] + "…"
    return r.value.strip("<>")


def _mean(entries: list[ElementEntry]) -> float | None:
    scores = [e.score for e in entries if e.score is not None]
    return round(sum(scores) / len(scores), 4) if scores else None


def _levels(entries: list[ElementEntry]) -> dict[int, dict]:
    by_level: dict[int, list[ElementEntry]] = defaultdict(list)
    for e in entries:
        if e.score is not None and e.level is not None:
            by_level[e.level].append(e)
    return {
        level: {"score": _mean(group), "elements": len(group), "complete": sum(1 for e in group if e.score == 1.0)}
        for level, group in sorted(by_level.items())
    }


def _describe(check: Check) -> dict:
    return {
        "shape": check.iri,
        "file": check.file,
        "aspect": check.aspect,
        "severity": check.severity,
        "fix_order": check.fix_order,
        "requires_inference": check.requires_inference,
        "message_zh": check.message("zh-Hans"),
        "message_en": check.message("en"),
    }
