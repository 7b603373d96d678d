"""Restore the full-width punctuation the scraping site turned into ASCII.

The page's second replace pass changed full-width ``，；？`` into ``,;?``. In Chinese running
text those are restored; between two ASCII letters or digits (``1,000``, ``a;b``) they stay.

>>> restore_fullwidth("計劃,預算;以及(如會議),以確保?")
'計劃，預算；以及(如會議)，以確保？'
>>> restore_fullwidth("1,000 and a;b")
'1,000 and a;b'
"""

from __future__ import annotations

_FULL = {",": "，", ";": "；", "?": "？"}


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == " ")


def punctuation_edits(text: str):
    """Yield ``(start, end, replacement)`` edits turning ASCII ,;? into full width."""
    for i, ch in enumerate(text):
        if ch in _FULL:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before and _ascii_word(before) and (not after or _ascii_word(after)):
                continue
            yield i, i + 1, _FULL[ch]


def restore_fullwidth(text: str) -> str:
    out = list(text)
    for start, _end, repl in punctuation_edits(text):
        out[start] = repl
    return "".join(out)
