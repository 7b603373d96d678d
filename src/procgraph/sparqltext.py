"""A small SPARQL tokenizer: strings, IRIs, variables, words, brackets (no full grammar).

Enough to find keywords outside strings, IRIs and comments, and the brace depth of each token:
the server's safety scan (:mod:`procgraph.server.safety`) refuses SERVICE and LOAD with it,
the union default graph (:mod:`procgraph.store.union`) rewrites updates with it, and the
Virtuoso adapter (:mod:`procgraph.store.virtuoso`) finds the query form with it.

>>> [t.text for t in tokenize('SELECT * { ?s <urn:p> "a { b" } # comment')]
['SELECT', '*', '{', '?s', '<urn:p>', '"a { b"', '}']
>>> [t.depth for t in tokenize("{ { } }")]
[0, 1, 1, 0]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*:?[\w\-.:%\\\u00b7\u00c0-\uffff]*
              |:[\w\-.:%\\\u00b7\u00c0-\uffff]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind (a group name of :data:`TOKEN`), text, offset and brace depth."""

    kind: str
    text: str
    start: int
    depth: int

    @property
    def keyword(self) -> str:
        """The token upper-cased when it is a bare word (keywords are case-insensitive)."""
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """Split SPARQL ``text`` into tokens, dropping whitespace and comments."""
    tokens: list[Token] = []
    depth = 0
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "other"  # every alternative of _TOKEN is a named group
        if kind in ("ws", "comment"):
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, match.group(), match.start(), depth))
        if kind == "open":
            depth += 1
    return tokens
