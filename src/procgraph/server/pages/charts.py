"""Small charts as inline SVG: no script, no library, readable without colour.

A horizontal bar chart: one bar per label, its number written beside it, each label a link
when it has one. The SVG carries a ``<title>`` and ``role="img"``, and every bar a
``<title>`` of its own, so screen readers and tooltips give the numbers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 330
BAR_AREA = 360
NUMBER_WIDTH = 50


@dataclass(frozen=True)
class Chart:
    """An SVG document (markup safe to insert) and the data it shows."""

    svg: str
    rows: tuple[tuple[str, int, str | None], ...]

    def __html__(self) -> str:  # Jinja2 inserts it without escaping
        return self.svg


#: Font size of the labels in px (the SVG's ``font-size`` in site.css).
FONT_PX = 13


def _px(ch: str) -> float:
    """A generous estimate of a character's advance at :data:`FONT_PX` in the site's fonts.

    Over-estimating is the safe side: a label cut a little early reads fine, one wider than its
    column would run into the bars.
    """
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return FONT_PX * 1.0
    if ch.isupper() or ch in "mwMW@%&":
        return FONT_PX * 0.72
    if ch in " .,:;'!|il()[]．":
        return FONT_PX * 0.36
    return FONT_PX * 0.6


def _truncate(label: str, limit: float = LABEL_WIDTH - 14) -> str:
    """Cut ``label`` to fit ``limit`` px at :data:`FONT_PX`, with an ellipsis (the bar's title keeps it whole).

    >>> _truncate("8.1 开发与管理信息技术顾客关系", 120)
    '8.1 开发与管理信…'
    """
    if sum(map(_px, label)) <= limit:
        return label
    out, used = "", _px("…")
    for ch in label:
        if used + _px(ch) > limit:
            break
        out, used = out + ch, used + _px(ch)
    return out.rstrip() + "…"


def bar_chart(rows: list[tuple[str, int, str | None]], title: str = "") -> Chart:
    """Bars for ``(label, count, link or None)`` rows, in the order given."""
    top = max((n for _, n, _ in rows), default=0) or 1
    width = LABEL_WIDTH + BAR_AREA + NUMBER_WIDTH
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{escape(title)}</title>'
    ]
    for i, (label, n, href) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        bar = round(BAR_AREA * n / top)
        text = f'<text x="4" y="{y + BAR_HEIGHT - 6}" class="label">{escape(_truncate(label))}</text>'
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        parts.append(
            f"<g><title>{escape(label)}: {n}</title>{text}"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" class="bar"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + BAR_HEIGHT - 6}" class="count">{n}</text></g>'
        )
    parts.append("</svg>")
    return Chart("".join(parts), tuple(rows))
