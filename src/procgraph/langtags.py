"""Language tags in their canonical BCP 47 case (``zh-Hans``, ``zh-Hant-TW``), for what we write.

Oxigraph stores and returns language tags in lower case (``"…"@zh-hans``); tags compare
case-insensitively (RDF 1.1, BCP 47), but a reader's ``FILTER(lang(?t) = "zh-Hans")`` does not,
so queries use ``langMatches`` and the exports write the case RFC 5646 recommends: the language
in lower case, a four-letter script in title case, a two-letter region in upper case.

>>> canonical("zh-hans"), canonical("ZH-HANT-tw"), canonical("en"), canonical("en-gb"), canonical("x-private")
('zh-Hans', 'zh-Hant-TW', 'en', 'en-GB', 'x-private')
"""

from __future__ import annotations

import re
from typing import overload


@overload
def canonical(tag: str) -> str: ...
@overload
def canonical(tag: None) -> None: ...
def canonical(tag: str | None) -> str | None:
    """``tag`` in the case BCP 47 recommends (None and "" unchanged)."""
    if not tag:
        return tag
    parts = tag.split("-")
    out = [parts[0].lower()]
    singleton = len(parts[0]) == 1  # x-…, i-…: everything after stays lower case
    for part in parts[1:]:
        if singleton:
            out.append(part.lower())
        elif len(part) == 1:
            singleton = True
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


# A language tag after a literal's closing quote (not an escaped quote) in Turtle, TriG,
# N-Triples and N-Quads: '"…"@zh-hans'.
_TEXT_TAG = re.compile(r'(?<!\\)((?:\\\\)*")@([A-Za-z]+(?:-[A-Za-z0-9]+)*)')
# An xml:lang attribute in RDF/XML.
_XML_TAG = re.compile(r'(\sxml:lang=")([A-Za-z]+(?:-[A-Za-z0-9]+)*)(")')


def canonical_text(body: bytes, xml: bool = False) -> bytes:
    """Serialized RDF with every language tag in canonical case (Turtle family, or RDF/XML)."""
    text = body.decode("utf-8")
    if xml:
        text = _XML_TAG.sub(lambda m: m.group(1) + canonical(m.group(2)) + m.group(3), text)
    else:
        text = _TEXT_TAG.sub(lambda m: m.group(1) + "@" + canonical(m.group(2)), text)
    return text.encode("utf-8")
