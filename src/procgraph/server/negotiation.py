"""Content negotiation: which serialization answers a request.

Results come in two kinds: ``"results"`` (SELECT and ASK: SPARQL results in JSON, XML, CSV,
TSV) and ``"graph"`` (CONSTRUCT, DESCRIBE, graph GET: RDF). The Accept header is read with
its quality values; a ``format`` parameter (``json``, ``ttl``...) overrides it, so links on the
query page can ask for a download format. With no Accept header or ``*/*`` results are JSON
and graphs Turtle. The formats themselves are defined with their writers, in
:mod:`procgraph.queries.results`.
"""

from __future__ import annotations

from procgraph.queries.results import FORMATS, Format
from procgraph.server.errors import not_acceptable


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return ``(media range, quality)`` pairs from an Accept header, in header order.

    >>> parse_accept("text/turtle;q=0.5, application/ld+json")
    [('text/turtle', 0.5), ('application/ld+json', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return ranges


def _match(media_range: str, fmt: Format) -> int:
    """How specifically ``media_range`` names ``fmt``: 3 exact, 2 alias, 1 type/*, 0.5 */*, 0 no."""
    if media_range == fmt.media_type:
        return 3
    if media_range in fmt.aliases:
        return 2
    if media_range.endswith("/*") and fmt.media_type.startswith(media_range[:-1]):
        return 1
    return 0 if media_range != "*/*" else 0.5  # type: ignore[return-value]


def choose(kind: str, accept: str | None, format_param: str | None = None) -> Format:
    """Pick the format for a ``kind`` answer, or raise 406.

    A ``format`` value naming no format of this kind is ignored and Accept decides: clients
    such as SPARQLWrapper send ``format=json`` for every query form.

    >>> choose("graph", None).name, choose("results", "*/*").name
    ('ttl', 'json')
    >>> choose("results", "text/csv;q=0.5, application/sparql-results+xml").name
    'xml'
    """
    return choose_from(FORMATS[kind], accept, format_param)


def choose_from(candidates: tuple[Format, ...], accept: str | None, format_param: str | None = None) -> Format:
    """Pick one of ``candidates`` (the first when nothing is asked); 406 when none is acceptable."""
    if format_param:
        wanted = format_param.strip().lower()
        for fmt in candidates:
            if wanted in (fmt.name, fmt.media_type, fmt.extension) + fmt.names:
                return fmt
    ranges = parse_accept(accept)
    if not ranges:
        return candidates[0]
    best, best_key = None, (0.0, 0.0, 0)
    for rank, fmt in enumerate(candidates):
        scored = [(_match(r, fmt), q) for r, q in ranges]
        specific = [(m, q) for m, q in scored if m]
        if not specific:
            continue
        m, q = max(specific)  # the most specific range decides the quality (RFC 9110)
        key = (q, m, -rank)
        if q > 0 and key > best_key:
            best, best_key = fmt, key
    if best is None:
        offered = ", ".join(f.media_type for f in candidates)
        raise not_acceptable(f"none of the accepted types ({accept}) fits this answer; it is available as {offered}")
    return best
