"""Ingest: a scraped page of the 业务流程管理通用标准 series → clean, aligned records.

``ingest(path)`` returns the records dict (see ``docs/records.md``); ``write_records`` writes it
atomically. Stages: read and find the body (:mod:`.source`), repair mojibake (:mod:`.gbkdamage`),
drop pinyin readings (:mod:`.pinyin`), restore full-width punctuation (:mod:`.punctuation`),
find element headings (:mod:`.headings`), split name and definition (:mod:`.names`), cut the
row into practices, risks and outputs (:mod:`.segment`), apply curated overrides
(:mod:`.overrides`) and derive zh-Hans (:mod:`.script`). Every text keeps its source span.
"""

from procgraph.ingest.pipeline import ingest, write_records

__all__ = ["ingest", "write_records"]
