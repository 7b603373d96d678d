"""Which part of the series a page is: 第8部分(2), and the element its title names.

Every page's title reads ``業務流程管理通用標準——第8部分(2):“8.2開發與管理…”流程(2024V7.4版)``:
the category number, the part's number within the category and the element the part starts
from. The records keep the title as the page has it; :func:`part_of` reads the part from it, so
the graph can say which part each element came from while element IRIs stay keyed by PCF ID.

>>> p = part_of("業務流程管理通用標準——第8部分(2):“8.2開發與管理信息技術業務戰略”流程(2024V7.4版)")
>>> p.label, p.category, p.number, p.slug, p.subject
('第8部分(2)', '8', '2', 'gbpm-8-2', '8.2開發與管理信息技術業務戰略')
>>> part_of("no title") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PART = re.compile(r"第\s*(\d{1,2})\s*部分\s*[(（]\s*(\d{1,2})\s*[)）]")
_SUBJECT = re.compile(r"[“\"]\s*(\d{1,2}(?:\.\d{1,2}){1,4}[^”\"]*)[”\"]")


@dataclass(frozen=True)
class Part:
    label: str  # 第8部分(2), as the series numbers it
    category: str  # "8"
    number: str  # "2": the part's number within its category
    subject: str  # the element the title names, "8.2開發與管理信息技術業務戰略"

    @property
    def slug(self) -> str:
        """Dot-free short name of the part, ``gbpm-8-2``."""
        return f"gbpm-{self.category}-{self.number}"


def part_of(title: str | None) -> Part | None:
    """The part a page's title names, or None when the title does not say."""
    title = title or ""
    m = _PART.search(title)
    if not m:
        return None
    subject = _SUBJECT.search(title[m.end() :])
    return Part(
        f"第{m.group(1)}部分({m.group(2)})", m.group(1), m.group(2), subject.group(1).strip() if subject else ""
    )
