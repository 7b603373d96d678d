"""pyoxigraph's SPARQL syntax errors as one sentence a person can act on.

pyoxigraph reports a syntax error as ``error at LINE:COLUMN: expected one of …``, where the
list is whatever its PEG parser tried at the furthest position: keywords, quoted punctuation,
and character classes written as Unicode ranges (``['A' ..= 'Z' | '\\u{00C0}'..='\\u{00D6}' …]``).
:func:`explain` turns that into "line N, column M: …" with what was expected in words, and
recognises the usual causes first: a string or a group never closed, a prefix never declared,
an IRI that is not one. The endpoint (``/sparql``, ``/sparql/update``) and the command line
(``procgraph sparql``, ``procgraph query``) both report syntax errors through it.

>>> print(explain("error at 1:27: expected one of \\",\\", \\".\\", \\";\\", \\"{\\", \\"}\\", [_]",
...               "SELECT * WHERE { ?s ?p ?o "))  # doctest: +NORMALIZE_WHITESPACE
the query is not valid SPARQL 1.1: the "{" at line 1, column 16 is never closed; add "}"
(the query ends at line 1, column 27)
"""

from __future__ import annotations

import re

from procgraph.sparqltext import tokenize

_HEAD = re.compile(r"error at (\d+):(\d+):\s*(?:expected\s+)?(?:one of\s+)?(.*)", re.DOTALL)
#: One item of the expected list: a quoted literal, a bracketed character class, or a bare word/phrase.
_ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\[((?:[^\]\\\']|\\.|\'(?:[^\'\\]|\\.)*\')*)\]|([^,\[\]"]+)')

_PUNCTUATION = {
    "{": '"{"',
    "}": '"}"',
    ".": '"."',
    ";": '";"',
    ",": '","',
    "(": '"("',
    ")": '")"',
    "[": '"["',
    "]": '"]"',
    "=": '"="',
    "*": '"*"',
}
_WHAT = {"query": "the query is not valid SPARQL 1.1", "update": "the update is not valid SPARQL 1.1 Update"}


def explain(message: str, text: str, kind: str = "query") -> str:
    """One sentence for pyoxigraph's syntax error ``message`` about SPARQL ``text``.

    ``kind`` is ``"query"`` or ``"update"``. A message of another shape is returned with the
    same lead and without its character-class dumps.
    """
    lead = _WHAT.get(kind, _WHAT["query"])
    message = str(message).strip()
    for said in _WHAT.values():  # already explained (a procgraph server behind a remote store)
        message = message.removeprefix(said + ": ")
    match = _HEAD.match(message)
    if not match:
        sentence = _strip_classes(message)
        named = re.search(r"_:[\w-]+", sentence)  # "The blank node _:b1 cannot be shared ..."
        at = text.rfind(named.group()) if named else -1
        if at >= 0:
            sentence = f"{where(text, at)}: {sentence[0].lower()}{sentence[1:]}"
        return f"{lead}: {sentence}"
    line, column = int(match.group(1)), int(match.group(2))
    items = _items(match.group(3))
    offset = _offset(text, line, column)
    tokens = tokenize(text)
    if not tokens:
        return f"{lead}: the {kind} is empty (line 1, column 1)"
    causes = [_unclosed_string, _bad_iri, _undeclared_prefix, _dotted_name, _unclosed_group, _unopened_close]
    if kind == "query":
        causes.insert(0, _no_form)
    for cause in causes:
        found = cause(text, tokens, offset, items, kind)
        if found:
            return f"{lead}: {found}"
    return f"{lead}: {where(text, offset)}: {_expected(items, text, offset, kind)}"


def where(text: str, offset: int) -> str:
    """``line N, column M`` of character ``offset`` in ``text`` (both counted from 1)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of pyoxigraph's ``line:column`` (code points, from 1)."""
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    return min(start + column - 1, len(text))


def _items(listing: str) -> list[tuple[str, str]]:
    """(kind, value) of each expected item: ``lit`` (quoted), ``class`` (bracketed) or ``word``."""
    out = []
    for m in _ITEM.finditer(listing):
        if m.group(1) is not None:
            out.append(("lit", m.group(1).encode().decode("unicode_escape") if "\\" in m.group(1) else m.group(1)))
        elif m.group(2) is not None:
            out.append(("class", m.group(2)))
        elif m.group(3) and m.group(3).strip():
            out.append(("word", m.group(3).strip()))
    return out


def _strip_classes(message: str) -> str:
    """``message`` without pyoxigraph's character classes (``[_]``, ``['a'..='z']``); other brackets stay."""
    return re.sub(r"\s*\[(?:_|[^\]]*'[^\]]*)\]", "", message).rstrip(", ")


def _found(text: str, offset: int) -> str | None:
    """What stands at ``offset``: “a word” (typographic quotes), or None at the end of the text."""
    rest = text[offset:].lstrip(" \t")
    if not rest.strip():
        return None
    word = re.match(r"[^\s]{1,20}", rest)
    return f"“{word.group()}”" if word else "a line break"


def _in_words(items: list[tuple[str, str]]) -> list[str]:
    words: list[str] = []

    def add(phrase: str) -> None:
        if phrase not in words:
            words.append(phrase)

    keywords = [v for k, v in items if k == "word" and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", v)]
    for kind, value in items:
        if kind == "lit":
            if value in ("?", "$"):
                add("a variable")
            elif value == "<":
                add("an IRI")
            elif value == ":":
                add("a prefixed name")
            elif value in _PUNCTUATION:
                add(_PUNCTUATION[value])
        elif kind == "class":
            if "'t'" in value and "'n'" in value:
                add("an escape after the backslash (\\t \\n \\r \\b \\f \\\" \\' \\\\)")
            elif "'0'" in value and "'A'" not in value and "'-'" not in value:
                add("a number")
            elif "'A'" in value and not words:
                add("a name")
    if keywords:
        if len(keywords) > 6:
            add("an expression (a variable, a value or a function call)")
        else:
            add("a keyword such as " + _or(keywords))
    return words


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _expected(items: list[tuple[str, str]], text: str, offset: int, kind: str) -> str:
    phrases = [v for k, v in items if k == "word" and " " in v]
    if phrases:  # pyoxigraph's own words: "Duplicated variable name in SELECT"
        return "; ".join(p[0].lower() + p[1:] for p in phrases)
    words = _in_words(items)
    found = _found(text, offset)
    if found is None:
        return f"the {kind} ends here, where {_or(words)} was expected" if words else f"the {kind} ends too early"
    return f"expected {_or(words)}, found {found}" if words else f"{found} is not expected here"


# --- the usual causes ----------------------------------------------------------------------


def _unclosed_string(text, tokens, offset, items, kind) -> str | None:
    """A quote the tokenizer could not match: it opens a string that never ends."""
    escapes = any(k == "lit" and v in ("\\u", "\\U") for k, v in items)
    for token in tokens:
        if token.kind == "other" and token.text in "'\"" and (escapes or token.start <= offset):
            end = text.find("\n", token.start)
            shown = text[token.start : end if end >= 0 else len(text)].strip()
            if len(shown) > 24:
                shown = shown[:24] + "…"
            return (
                f"the string {shown} that starts at {where(text, token.start)} is never closed; "
                f"end it with {token.text} on the same line (or use {token.text * 3} for text over several lines)"
            )
    return None


def _no_form(text, tokens, offset, items, kind) -> str | None:
    """A query whose first word after PREFIX and BASE is not SELECT, CONSTRUCT, DESCRIBE or ASK."""
    i = 0
    while i < len(tokens) and tokens[i].keyword in ("PREFIX", "BASE"):
        i += 3 if tokens[i].keyword == "PREFIX" else 2
    if i >= len(tokens) or tokens[i].keyword in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
        return None
    first = tokens[i]
    update = (
        f" ({first.keyword} begins an update, not a query)"
        if first.keyword in ("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
        else ""
    )
    return (
        f"the query starts with “{first.text[:20]}” at {where(text, first.start)}; a query starts with "
        f"SELECT, CONSTRUCT, DESCRIBE or ASK (after its PREFIX and BASE lines){update}"
    )


def _prefixes(tokens) -> dict[str, str]:
    declared = {}
    for i, token in enumerate(tokens):
        if token.keyword == "PREFIX" and i + 2 < len(tokens):
            declared[tokens[i + 1].text.partition(":")[0]] = tokens[i + 2].text.strip("<>")
    return declared


def _prefixed_names(tokens):
    """Tokens that are prefixed names (not blank nodes, not the name in a PREFIX line, not inside < >)."""
    for i, token in enumerate(tokens):
        if token.kind != "word" or ":" not in token.text or token.text.startswith("_:"):
            continue
        if i and (tokens[i - 1].keyword == "PREFIX" or tokens[i - 1].text == "<"):
            continue
        yield token


def _dotted_name(text, tokens, offset, items, kind) -> str | None:
    """pyoxigraph's parser refuses a prefixed name with two or more dots in its local part."""
    declared = _prefixes(tokens)
    for token in _prefixed_names(tokens):
        prefix, _, local = token.text.rstrip(".").partition(":")
        if local.count(".") >= 2 and token.start <= offset and prefix in declared:
            return (
                f"the prefixed name {prefix}:{local} at {where(text, token.start)} has dots in its local "
                f"part, which this SPARQL parser does not read; write the IRI in full: <{declared[prefix]}{local}>"
            )
    return None


def _unopened_close(text, tokens, offset, items, kind) -> str | None:
    depth = 0
    for token in tokens:
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            if depth == 0:
                return f"the “{token.text}” at {where(text, token.start)} closes nothing; remove it"
            depth -= 1
    return None


def _undeclared_prefix(text, tokens, offset, items, kind) -> str | None:
    declared = _prefixes(tokens)
    for token in _prefixed_names(tokens):
        prefix = token.text.partition(":")[0]
        if prefix in declared or token.start > offset:
            continue
        return (
            f"the prefix {prefix}: at {where(text, token.start)} is not declared; "
            f"add PREFIX {prefix}: <…> before the {kind}, or write the IRI in full in < >"
        )
    return None


def _bad_iri(text, tokens, offset, items, kind) -> str | None:
    if not any(k == "word" and "IRI parsing failed" in v for k, v in items):
        return None
    start = text.rfind("<", 0, offset)
    if start < 0:
        return f"{where(text, offset)}: not a valid IRI"
    close = text.find(">", start)
    shown = text[start : close + 1 if 0 <= close < start + 80 else min(len(text), start + 40)]
    return (
        f"{shown} at {where(text, start)} is not a valid IRI: an IRI is absolute "
        '(https://…) and has no spaces and none of < > " { } | ^ ` \\ inside'
    )


def _unclosed_group(text, tokens, offset, items, kind) -> str | None:
    if text[offset:].strip():
        return None
    opened = []
    for token in tokens:
        if token.kind == "open":
            opened.append(token)
        elif token.kind == "close" and opened:
            opened.pop()
    if not opened:
        return None
    token = opened[-1]
    closing = {"{": "}", "(": ")", "[": "]"}[token.text]
    return (
        f'the "{token.text}" at {where(text, token.start)} is never closed; add "{closing}" '
        f"(the {kind} ends at {where(text, len(text))})"
    )
