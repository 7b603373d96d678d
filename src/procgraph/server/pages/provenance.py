"""The source text behind an item: the span of the document each practice, risk and output came from.

Items carry ``pg:spanStart`` / ``pg:spanEnd`` (code points into the source file) and
``prov:wasDerivedFrom`` the source document, which has ``pg:fileName`` and ``pg:sha256``. The
server shows the span's text when it can find a file of that name among the bundled sources
(or in ``$PROCGRAPH_HOME/sources``) whose SHA-256 matches; otherwise it shows only the offsets.
The span is the scraped text as it was read — Traditional script, pinyin and all — which is
what a reader checking the conversion wants to see.
"""

from __future__ import annotations

import functools
from pathlib import Path

from procgraph.server.pages.data import select

SOURCES = """
SELECT DISTINCT ?doc ?file ?sha WHERE { ?doc a pg:SourceDocument ; pg:fileName ?file ; pg:sha256 ?sha }"""


def _candidates(file_name: str) -> list[Path]:
    from procgraph import config
    from procgraph.resources import resource_dir

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
def source_text(file_name: str, sha256: str) -> str | None:
    """The text of the source file with this name and hash, or None when no such file is here."""
    from procgraph.errors import ProcgraphError
    from procgraph.ingest.source import read_source

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
            return doc.text
    return None


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
