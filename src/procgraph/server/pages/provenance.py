"""The source text behind an item: the span of the document each practice, risk and output came from.

Items carry ``pg:spanStart`` / ``pg:spanEnd`` (code points into the source file) and
``prov:wasDerivedFrom`` the source document, which has ``pg:fileName`` and ``pg:sha256``. The
server shows the span's text when it can find a file of that name among the bundled sources
(or in ``$PROCGRAPH_HOME/sources``) whose SHA-256 matches; otherwise it shows only the offsets.
The item page shows the span *cleaned* — the text as procgraph read it, with each mojibake
repair marked (what was damaged, what it became, how sure the repair is) — and the raw scrape,
pinyin and all, one click further for a reader checking the conversion.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from procgraph import config
from procgraph.errors import ProcgraphError
from procgraph.ingest.pinyin import reading_spans
from procgraph.ingest.punctuation import punctuation_edits
from procgraph.ingest.source import read_source
from procgraph.ingest.traced import TracedText
from procgraph.resources import resource_dir
from procgraph.server.pages.data import select

SOURCES = """
SELECT DISTINCT ?doc ?file ?sha WHERE { ?doc a pg:SourceDocument ; pg:fileName ?file ; pg:sha256 ?sha }"""


def _candidates(file_name: str) -> list[Path]:
    out = []
    try:
        out.append(resource_dir("data") / "sources" / file_name)
    except FileNotFoundError:
        pass
    try:
        out.append(Path(config.data_home()) / "sources" / file_name)
    except Exception:  # no data home configured: only the bundled sources count
        pass
    return out


@functools.lru_cache(maxsize=8)
def source_document(file_name: str, sha256: str):
    """The source file with this name and hash (a :class:`~procgraph.ingest.source.SourceDocument`),
    or None when no such file is here."""
    if "/" in file_name or "\\" in file_name or file_name.startswith("."):
        return None
    for path in _candidates(file_name):
        if not path.is_file():
            continue
        try:
            doc = read_source(path)
        except ProcgraphError:
            continue
        if doc.sha256 == sha256:
            return doc
    return None


def source_text(file_name: str, sha256: str) -> str | None:
    """The text of the source file with this name and hash, or None when no such file is here."""
    doc = source_document(file_name, sha256)
    return doc.text if doc is not None else None


@dataclass(frozen=True)
class Piece:
    """A run of cleaned source text; ``repair`` says what it was before, when it was repaired."""

    text: str
    repair: dict | None = None


REPAIRS = """
SELECT ?start ?end ?damaged ?repaired ?confidence ?note WHERE {{
  ?repair a pg:TextRepair ; pg:spanStart ?start ; pg:spanEnd ?end ;
          pg:damagedText ?damaged ; pg:repairedText ?repaired ; pg:confidence ?confidence .
  OPTIONAL {{ ?repair rdfs:comment ?note }}
  FILTER(?start < {end} && ?end > {start})
}} ORDER BY ?start"""


async def repairs_in(request, span: tuple[int, int] | None) -> list[dict]:
    """The text repairs (``pg:TextRepair``) that overlap ``span``, in source order."""
    if span is None:
        return []
    rows = await select(request, REPAIRS.format(start=int(span[0]), end=int(span[1])))
    return [
        {
            "offset": int(r["start"].value),
            "end": int(r["end"].value),
            "damaged": r["damaged"].value,
            "repaired": r["repaired"].value,
            "confidence": float(r["confidence"].value),
            "note": r["note"].value if "note" in r else "",
        }
        for r in rows
    ]


def cleaned_excerpt(texts: dict[str, str], span: tuple[int, int] | None, repairs: list[dict]) -> list[Piece] | None:
    """The text of ``span`` as procgraph cleaned it — the build's repairs applied, pinyin readings
    and stray marks removed, punctuation restored (the ingest pipeline's own steps) — in runs,
    each repaired run carrying its repair; None when the source is not on this server."""
    raw = excerpt(texts, span)
    if raw is None or span is None:
        return None
    start, end = span
    lo = min([start] + [r["offset"] for r in repairs])
    hi = max([end] + [r["end"] for r in repairs])
    source = next(iter(texts.values()))
    traced = TracedText.from_source(source[lo:hi], lo)
    traced = traced.replace((r["offset"] - lo, r["end"] - lo, r["repaired"]) for r in repairs)
    traced = traced.replace((s, e, "") for s, e in reading_spans(traced.text))
    traced = traced.replace(punctuation_edits(traced.text))
    pieces: list[Piece] = []
    for i, ch in enumerate(traced.text):
        if traced.ends[i] <= start or traced.starts[i] >= end:
            continue
        repair = next((r for r in repairs if r["offset"] <= traced.starts[i] and traced.ends[i] <= r["end"]), None)
        if pieces and pieces[-1].repair is repair:
            pieces[-1] = Piece(pieces[-1].text + ch, repair)
        else:
            pieces.append(Piece(ch, repair))
    return pieces or None


async def source_texts(request) -> dict[str, str]:
    """Source document IRI -> its text, for the documents found on this machine."""
    out = {}
    for row in await select(request, SOURCES):
        text = source_text(row["file"].value, row["sha"].value)
        if text is not None:
            out[row["doc"].value] = text
    return out


def excerpt(texts: dict[str, str], span: tuple[int, int] | None) -> str | None:
    """The text of ``span`` in the (single) source document found, or None."""
    if span is None or len(texts) != 1:
        return None
    text = next(iter(texts.values()))
    start, end = span
    if not 0 <= start <= end <= len(text):
        return None
    return text[start:end]
