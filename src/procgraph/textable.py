"""Plain-text tables for a terminal, with CJK characters counted as two columns.

Column widths use :func:`display_width`: ``wcwidth`` when it is installed, else the Unicode
East Asian Width property (W and F are two columns), so 沟通 lines up with ``ab``.

>>> print(table(["id", "名称"], [["8.1", "管理IT"], ["8.1.1", "x"]]))
id    名称
----- ------
8.1   管理IT
8.1.1 x
(2 rows)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable


def _optional_wcwidth() -> Callable[[str], int] | None:
    """wcwidth's width function, optional: a better width table (emoji, combining marks) when present."""
    try:
        from wcwidth import wcwidth
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return wcwidth


_wcwidth = _optional_wcwidth()

#: Widest a cell may be in a table (display columns); longer text ends in "…".
MAX_CELL = 60


def char_width(ch: str) -> int:
    """Display columns of one character (0 for combining marks and controls)."""
    if _wcwidth is not None:
        return max(_wcwidth(ch), 0)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Display columns of ``text`` in a terminal.

    >>> display_width("沟通 ab")
    7
    """
    return sum(char_width(ch) for ch in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display columns, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def table(columns: list[str], rows: list[list[str]], max_cell: int = MAX_CELL) -> str:
    """``rows`` under ``columns``, left-aligned, one space between columns, a row count last."""
    cells = [[clip(" ".join(str(v).split()) if v is not None else "", max_cell) for v in row] for row in rows]
    head = [clip(c, max_cell) for c in columns]
    widths = [max([display_width(head[i])] + [display_width(r[i]) for r in cells]) for i in range(len(head))]
    lines = [" ".join(pad(h, w) for h, w in zip(head, widths)).rstrip(), " ".join("-" * w for w in widths)]
    lines += [" ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
