"""Text that remembers where every character came from.

Cleaning the scraped standard removes pinyin readings, repairs mojibake and restores
punctuation; each step changes lengths. :class:`TracedText` carries, for every character
of the current text, the ``[start, end)`` span of the source file (in Unicode code points)
it was derived from, so every record can cite its provenance exactly.

>>> t = TracedText.from_source("ab(x)cd", offset=10)
>>> u = t.replace([(2, 5, "")])
>>> u.text, u.span(0, 4)
('abcd', (10, 17))
>>> u.span(2, 3)
(15, 16)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TracedText:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def from_source(cls, text: str, offset: int = 0) -> TracedText:
        return cls(text, tuple(range(offset, offset + len(text))), tuple(range(offset + 1, offset + len(text) + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def replace(self, edits: Iterable[tuple[int, int, str]]) -> TracedText:
        """Apply non-overlapping ``(start, end, replacement)`` edits given in current offsets.

        Each inserted character is traced to the whole source span of what it replaced;
        a deletion leaves no trace (its source span is covered by neighbours' spans).
        """
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, repl in sorted(edits):
            if start < pos or end < start or end > len(self.text):
                raise ValueError(f"overlapping or out-of-range edit ({start}, {end})")
            out.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if repl:
                if end > start:
                    s, e = self.starts[start], self.ends[end - 1]
                else:  # pure insertion: trace to the neighbouring character
                    s = e = self.starts[start] if start < len(self.text) else self.ends[-1]
                out.append(repl)
                starts.extend([s] * len(repl))
                ends.extend([e] * len(repl))
            pos = end
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return TracedText("".join(out), tuple(starts), tuple(ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span ``[s, e)`` of the current characters ``[start, end)``."""
        if end <= start:
            raise ValueError("empty span")
        return self.starts[start], self.ends[end - 1]

    def source_offset(self, index: int) -> int:
        """Source offset of the current character at ``index`` (or of the end)."""
        if index < len(self.starts):
            return self.starts[index]
        return self.ends[-1] if self.ends else 0
