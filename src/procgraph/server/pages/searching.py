"""The search box: :class:`procgraph.search.SearchIndex` over documents read through the backend.

Each element (its names) and each practice, risk and output (its texts) is one document,
with its element's hierarchy id and its themes, as :mod:`procgraph.search` expects. The index
is built on the first search and kept while the store is embedded and read-only.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from procgraph.server.pages.data import lang_of, select

ITEM_TEXTS = """
SELECT DISTINCT ?item ?kind ?hid ?text WHERE {
  VALUES (?link ?kind) { (pg:hasPractice "practice") (pg:hasRisk "risk") (pg:hasOutput "output") }
  ?el ?link ?item ; pg:hierarchyId ?hid .
  ?item pg:text ?text .
}"""

SUBJECTS = """
SELECT DISTINCT ?thing ?theme WHERE { ?thing dcterms:subject ?theme . ?theme a skos:Concept }"""


async def read_documents(request, catalog) -> list:
    """Search documents for every element and item."""
    from procgraph.search import Document

    docs: dict[str, Document] = {}
    for entry in catalog.entries.values():
        docs[entry.iri] = Document(entry.iri, "element", entry.hierarchy_id, dict(entry.names))
    for row in await select(request, ITEM_TEXTS):
        doc = docs.setdefault(row["item"].value, Document(row["item"].value, row["kind"].value, row["hid"].value))
        lang = lang_of(row["text"])
        if lang:
            doc.texts[lang] = row["text"].value
    for row in await select(request, SUBJECTS):
        doc = docs.get(row["thing"].value)
        if doc is not None:
            doc.themes.add(row["theme"].value)
    return list(docs.values())


async def index(request, catalog):
    """The search index for this app (kept for an embedded read-only store)."""
    from procgraph.search import SearchIndex

    state = request.app.state
    keep = not state.settings.enable_update and state.settings.store_path is not None
    cached = getattr(state, "pages_search_index", None) if keep else None
    if cached is None:
        documents = await read_documents(request, catalog)
        cached = await run_in_threadpool(SearchIndex, documents)  # jieba and OpenCC work: off the event loop
        if keep:
            state.pages_search_index = cached
    return cached
