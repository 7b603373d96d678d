"""Find element headings (``8.1.2.1了解…``) in the cleaned body.

Numbers also occur inside the text (``2024V7.4版``), so a heading is accepted only where it
continues the hierarchy: each next one is the first child of the previous element or the next
sibling of it or of one of its ancestors.

A part of the series may begin at any element of the PCF (第8部分(2) at 8.1.7 or 8.2) and may
skip elements the standard does not cover. Given the ids of the PCF reference (``known``), the
first heading may be any element of the reference, and an id that skips ahead is accepted when
it is in the reference, comes later in hierarchy order within the same category, and stands
where a row of the table starts (right after a sentence's 。). Without ``known`` the first
heading must be a category (``8.0``) and no skips are accepted.

>>> [h.id for h in find_headings("8.0管理。8.1開發。見7.4版。8.1.1了解。8.1.2確定。8.2開發。")]
['8.0', '8.1', '8.1.1', '8.1.2', '8.2']
>>> known = ["8.0", "8.1", "8.1.7", "8.1.7.1", "8.1.7.2", "8.1.7.3", "8.2", "8.2.1"]
>>> [h.id for h in find_headings("8.1.7分析。8.1.7.1評估。見8.2.1定義。8.1.7.3收集。8.2.1定義。", known=known)]
['8.1.7', '8.1.7.1', '8.1.7.3', '8.2.1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,3})(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class Heading:
    id: str
    start: int  # offset of the id in the cleaned body
    end: int  # offset just after the id (where the name starts)

    @property
    def level(self) -> int:
        return 1 if self.id.endswith(".0") and self.id.count(".") == 1 else self.id.count(".") + 1

    @property
    def parent(self) -> str | None:
        if self.level == 1:
            return None
        if self.level == 2:
            return self.id.split(".")[0] + ".0"
        return self.id.rsplit(".", 1)[0]


def _parts(hid: str) -> list[int]:
    nums = [int(x) for x in hid.split(".")]
    return nums[:1] if len(nums) == 2 and nums[1] == 0 else nums


def successors(hid: str) -> set[str]:
    """Ids that may follow ``hid`` in a document in hierarchy order."""
    parts = _parts(hid)
    out = {".".join(map(str, parts + [1]))}
    for depth in range(len(parts), 0, -1):
        sib = parts[: depth - 1] + [parts[depth - 1] + 1]
        out.add(".".join(map(str, sib)) if len(sib) > 1 else f"{sib[0]}.0")
    return out


def _is_category(hid: str) -> bool:
    return hid.endswith(".0") and hid.count(".") == 1


def _key(hid: str) -> tuple[int, ...]:
    return tuple(_parts(hid))


def _skips_ahead(hid: str, previous: str, text: str, start: int, known: frozenset[str]) -> bool:
    """``hid`` is a later element of the reference, in the same category, at the start of a row."""
    return (
        hid in known
        and _key(hid) > _key(previous)
        and hid.split(".")[0] == previous.split(".")[0]
        and text[:start].rstrip().endswith("。")
    )


def find_headings(text: str, category: str | None = None, known=None) -> list[Heading]:
    """Headings in document order; ``category`` (``"8"``) restricts the first one; ``known``
    (the reference's hierarchy ids) allows a part to start anywhere and skip."""
    order = frozenset(known or ())
    found: list[Heading] = []
    for m in _CANDIDATE.finditer(text):
        hid = m.group(1)
        if not found:
            starts_part = _is_category(hid) or hid in order
            if starts_part and (category is None or hid.split(".")[0] == category):
                found.append(Heading(hid, m.start(), m.end()))
            continue
        if hid in successors(found[-1].id) or _skips_ahead(hid, found[-1].id, text, m.start(), order):
            found.append(Heading(hid, m.start(), m.end()))
    return found
