"""The ingest pipeline: source file → records dict (one record per process element)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from procgraph.atomic import write_atomic
from procgraph.errors import SourceFormatError
from procgraph.ingest import gbkdamage
from procgraph.ingest.headings import Heading, find_headings
from procgraph.ingest.names import split_name
from procgraph.ingest.overrides import apply_overrides, load_overrides
from procgraph.ingest.pcfnames import Reference, reference_facts
from procgraph.ingest.pinyin import reading_spans
from procgraph.ingest.punctuation import punctuation_edits
from procgraph.ingest.script import to_simplified
from procgraph.ingest.segment import Layout, Piece, segment, split_sentences
from procgraph.ingest.source import Body, SourceDocument, find_body, read_source
from procgraph.ingest.traced import TracedText

RECORDS_FORMAT = "procgraph-records/1"
_TABLE_HEADER_END = re.compile(r"流程運行預期結果(?:\(期望的輸出\))?|流程运行预期结果(?:\(期望的输出\))?")


def clean_body(body: Body) -> tuple[TracedText, list[dict]]:
    """Repair mojibake, drop pinyin readings and restore punctuation, keeping source spans."""
    traced = TracedText.from_source(body.line, body.offset)
    repairs = gbkdamage.find_repairs(body.line)
    traced = traced.replace((r.start, r.end, r.repaired) for r in repairs)
    traced = traced.replace((s, e, "") for s, e in reading_spans(traced.text))
    traced = traced.replace(punctuation_edits(traced.text))
    report = [
        {
            "offset": body.offset + r.start,
            "end": body.offset + r.end,
            "damaged": r.damaged,
            "repaired": r.repaired,
            "confidence": round(r.confidence, 3),
            "note": r.note,
        }
        for r in repairs
    ]
    return traced, report


def _title_and_start(text: str) -> tuple[str, int]:
    m = _TABLE_HEADER_END.search(text)
    if not m:
        return "", 0
    header = re.search(r"流程層級|流程层级", text)
    title_end = header.start() if header and header.start() < m.start() else m.start()
    return text[:title_end].strip(), m.end()


def _text(traced: TracedText, piece: Piece) -> dict:
    start, end = traced.span(piece.start, piece.end)
    return {"zh-Hant": piece.text, "zh-Hans": to_simplified(piece.text), "span": [start, end]}


def _quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


def _element_record(
    traced: TracedText, heading: Heading, body_end: int, is_last: bool, doc_path: str, reference: Reference
) -> tuple[dict, list[str]]:
    text = traced.text[heading.end : body_end]
    stripped = text.rstrip()
    facts = reference.facts.get(heading.id)
    sentences, terminated = split_sentences(stripped, heading.end)
    if not sentences:
        raise SourceFormatError(
            "element has no text after its heading",
            file=doc_path,
            element=heading.id,
            position=traced.source_offset(heading.start),
        )
    if not terminated and len(sentences) == 1:
        raise SourceFormatError(
            "the element stops before the end of its first sentence, so its name and definition cannot be told apart",
            file=doc_path,
            element=heading.id,
            position=traced.source_offset(body_end - 1) + 1,
        )
    first = sentences[0]
    name_len = split_name(first.text, facts.name_en if facts else None, frozenset())
    name = Piece(first.start, first.start + name_len, first.text[:name_len])
    rest = Piece(first.start + name_len, first.end, first.text[name_len:])
    body_sentences = ([rest] if rest.text.strip("。") else []) + sentences[1:]
    quoted = _quoted(rest.text) + [q for s in sentences[1:3] for q in _quoted(s.text)]
    if not body_sentences:
        raise SourceFormatError(
            "the element stops after its name: no definition, practices, risks or outputs",
            file=doc_path,
            element=heading.id,
            position=traced.source_offset(body_end),
        )
    layout = segment(body_sentences, terminated, quoted)
    warnings = [f"{heading.id}: {note}" for note in layout.notes]
    truncated = layout.truncated or not terminated
    if truncated:
        where = traced.source_offset(body_end - 1) + 1
        warnings.append(
            f"{heading.id}: the text stops mid-sentence at character {where}"
            + ("" if is_last else " before the next element")
            + "; kept as truncated"
        )
    record = _record(traced, heading, facts, name, layout, truncated)
    return record, warnings


def _record(traced: TracedText, heading: Heading, facts, name: Piece, layout: Layout, truncated: bool) -> dict:
    definition = None
    if layout.definition:
        d0, d1 = layout.definition[0], layout.definition[-1]
        joined = Piece(d0.start, d1.end, traced.text[d0.start : d1.end])
        definition = _text(traced, joined)
    name_rec: dict[str, Any] = {"zh-Hant": name.text, "zh-Hans": to_simplified(name.text)}
    if facts:
        name_rec["en"] = facts.name_en
    name_rec["span"] = list(traced.span(name.start, name.end))
    return {
        "id": heading.id,
        "level": heading.level,
        "parent": heading.parent,
        "pcf_id": facts.pcf_id if facts else None,
        "name": name_rec,
        "definition": definition,
        "practices": [{"n": i + 1, **_text(traced, p)} for i, p in enumerate(layout.practices)],
        "risks": [
            {"n": i + 1, "practice": layout.practice_of_risk(i), **_text(traced, r)} for i, r in enumerate(layout.risks)
        ],
        "outputs": [
            {"n": i + 1, "practice": layout.practice_of_output(i), **_text(traced, o)}
            for i, o in enumerate(layout.outputs)
        ],
        "truncated": truncated,
        "span": list(traced.span(heading.start, layout_end(layout, name))),
    }


def layout_end(layout: Layout, name: Piece) -> int:
    pieces = layout.definition + layout.practices + layout.risks + layout.outputs
    return max([p.end for p in pieces] + [name.end])


def parse(doc: SourceDocument, reference: Reference | None = None) -> dict:
    """Parse a read source document into the records dict (before overrides).

    ``reference`` (default: :func:`~procgraph.ingest.pcfnames.reference_facts`) decides which
    ids are element headings, so a part may begin at any element and skip elements."""
    reference = reference or reference_facts()
    body = find_body(doc)
    traced, repairs = clean_body(body)
    title, start = _title_and_start(traced.text)
    headings = [h for h in find_headings(traced.text[start:], known=reference.facts)]
    headings = [Heading(h.id, h.start + start, h.end + start) for h in headings]
    if not headings:
        hint = (
            "a part may begin at any element of the PCF reference; the facts procgraph carries cover "
            "the 13 categories, the 72 process groups and 8.0: for other parts import the full PCF "
            "with 'procgraph import-pcf WORKBOOK.xlsx'"
            if reference.origin == "data/pcf"
            else None
        )
        raise SourceFormatError(
            "no process element found after the table header",
            file=doc.path,
            position=traced.source_offset(start),
            hint=hint,
        )
    elements, warnings = [], []
    for i, heading in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(traced.text)
        record, notes = _element_record(traced, heading, end, i + 1 == len(headings), doc.path, reference)
        elements.append(record)
        warnings.extend(notes)
    for rec in elements:
        if rec["pcf_id"] is None:
            warnings.append(
                f"{rec['id']}: not an element of PCF 7.4 as carried in data/pcf"
                if reference.origin == "data/pcf"
                else f"{rec['id']}: not an element of the PCF reference ({reference.origin})"
            )
    return {
        "format": RECORDS_FORMAT,
        "source": {
            "path": doc.path,
            "sha256": doc.sha256,
            "title": title,
            "line": doc.text[: body.offset].count("\n") + 1,
        },
        "elements": elements,
        "repairs": repairs,
        "overrides": [],
        "warnings": warnings,
    }


def ingest(path: str | Path, overrides: str | Path | None = None, framework=None) -> dict:
    """Read ``path`` and return its records; ``overrides`` defaults to ``<stem>.overrides.json``;
    ``framework`` (a :class:`procgraph.pcf.Framework`) is the PCF reference to read it against
    (default: the imported framework, else the carried facts)."""
    doc = read_source(path)
    records = parse(doc, reference_facts(framework))
    ov_path = Path(overrides) if overrides else Path(path).with_suffix(".overrides.json")
    if ov_path.exists():
        records["overrides"] = apply_overrides(records, load_overrides(ov_path), doc.sha256)
    return records


def dumps(records: dict) -> str:
    """Deterministic JSON text of ``records`` (UTF-8, keys in schema order, trailing newline)."""
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def write_records(records: dict, out: str | Path) -> Path:
    """Write ``records`` to ``out`` atomically (temp file in the same folder, then rename)."""
    return write_atomic(out, dumps(records), newline="\n")
