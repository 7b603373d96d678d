"""A synthetic corpus of standard records for every PCF category, at a chosen multiple of the bundled data.

The bundled part (8.0 Manage IT) has 39 elements with 249 practices, 261 risks and 258 outputs.
A corpus at scale ``s`` has ``round(39 * s)`` elements spread evenly over APQC's 13 categories
(each category's elements taken in hierarchy order from APQC's workbook, so every element's
parent is present), written in the records format ``procgraph ingest`` produces
(``docs/ingest.md``), so ``procgraph build --source corpus.json`` builds it. When the scale asks
for more elements than the PCF has (1,921, reached between 40x and 50x), the rest are an
organisation's own register: level-5 tasks without a PCF ID under PCF activities, numbered
after the activity's own tasks.

Shapes and proportions follow the bundled part, element by element: each generated element
copies the shape of a bundled element of the same level (number of practices; one or two risks
and outputs per practice; the truncated shape, where the source stops inside the risks), and
takes its texts from bundled rows (a practice with the risks and outputs of its own row, so the
row alignment reads as in the real standard) and 1 to 5 definition sentences from bundled
definitions. Names and definitions in English come from the PCF. About one element in 39 is
truncated, as 8.1.6.4 is in the bundled part. Spans are offsets in a virtual source text (the
concatenated texts), so each item carries the same triples as a real one.

Everything is drawn from ``random.Random(seed)``: the same scale, seed, template and workbook
give the same bytes.

Usage::

    python benchmarks/generate.py --scale 10 -o out/bench/corpus-10x.json
    python benchmarks/generate.py --scale 100 --seed 8 -o /tmp/corpus-100x.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: APQC's workbook in the shared reference folder; ``--workbook`` or $PROCGRAPH_PCF_WORKBOOK override it.
REFERENCE_WORKBOOK = (
    ROOT.parent
    / "shared"
    / "reference"
    / "apqc-pcf"
    / "K014749_APQC Process Classification Framework (PCF) - Cross-Industry - Excel Version 7.4.xlsx"
)
BUNDLED_ELEMENTS = 39
FORMAT = "procgraph-records/1"
SENTENCE_END = "。"


@dataclass(frozen=True)
class Row:
    """One row of the bundled table: a practice with the risks and outputs on its row (texts by script)."""

    practice: dict[str, str]
    risks: tuple[dict[str, str], ...]
    outputs: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class Shape:
    """How one bundled element is laid out: practices, risks and outputs per practice, truncation."""

    level: int
    practices: int
    per_row: int  # 1 or 2 risks and outputs per practice
    definition_sentences: int
    truncated: bool


class Templates:
    """Rows, definition sentences and names of the bundled records, and the shapes of its elements."""

    def __init__(self, records: dict[str, Any]):
        elements = records["elements"]
        self.shapes = [_shape(e) for e in elements]
        self.rows = {1: [], 2: []}
        for e in elements:
            if e.get("truncated"):
                continue
            for row in _rows(e):
                self.rows[len(row.risks)].append(row)
        self.sentences = [s for e in elements for s in _sentences(e.get("definition") or {})]
        self.names = [{k: e["name"][k] for k in ("zh-Hant", "zh-Hans")} for e in elements]

    def shape_for(self, level: int, rng: random.Random) -> Shape:
        """A bundled element's shape for an element at ``level`` (levels below 4 borrow level 4's)."""
        same = [s for s in self.shapes if s.level == min(level, 4) and not s.truncated]
        return rng.choice(same)


def _texts(item: dict[str, Any]) -> dict[str, str]:
    return {k: item[k] for k in ("zh-Hant", "zh-Hans") if isinstance(item.get(k), str)}


def _rows(element: dict[str, Any]) -> list[Row]:
    rows = []
    for p in element.get("practices") or []:
        risks = tuple(_texts(r) for r in element.get("risks") or [] if r.get("practice") == p["n"])
        outputs = tuple(_texts(o) for o in element.get("outputs") or [] if o.get("practice") == p["n"])
        if risks and len(risks) == len(outputs) and len(risks) <= 2:
            rows.append(Row(_texts(p), risks, outputs))
    return rows


def _sentences(definition: dict[str, Any]) -> list[dict[str, str]]:
    """A definition cut into sentences, keeping zh-Hant and zh-Hans in step."""
    hant, hans = definition.get("zh-Hant") or "", definition.get("zh-Hans") or ""
    a = [s + SENTENCE_END for s in hant.split(SENTENCE_END) if s]
    b = [s + SENTENCE_END for s in hans.split(SENTENCE_END) if s]
    return [{"zh-Hant": x, "zh-Hans": y} for x, y in zip(a, b)] if len(a) == len(b) else []


def _shape(element: dict[str, Any]) -> Shape:
    practices = len(element.get("practices") or [])
    risks = len(element.get("risks") or [])
    per_row = 2 if practices and risks >= 2 * practices else 1
    sentences = max(1, min(5, len(_sentences(element.get("definition") or {})) or 1))
    return Shape(int(element["level"]), practices, per_row, sentences, bool(element.get("truncated")))


# --- choosing the elements -----------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """An element to generate: hierarchy id, level, parent, PCF ID (None: the organisation's own) and English texts."""

    hid: str
    level: int
    parent: str | None
    pcf_id: int | None
    name_en: str | None
    definition_en: str | None


def _key(hid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in hid.split("."))


def choose_slots(framework_elements: Iterable[Any], count: int) -> list[Slot]:
    """``count`` elements spread evenly over the categories, each category in hierarchy order."""
    by_category: dict[str, list[Any]] = {}
    for e in sorted(framework_elements, key=lambda e: _key(e.hierarchy_id)):
        by_category.setdefault(e.hierarchy_id.split(".")[0], []).append(e)
    quotas = _quotas({c: len(v) for c, v in by_category.items()}, count)
    slots = [
        Slot(e.hierarchy_id, e.level, e.parent_id, e.pcf_id, e.name_en, e.definition_en)
        for c, members in by_category.items()
        for e in members[: quotas[c]]
    ]
    slots += _own_tasks([e for members in by_category.values() for e in members], count - len(slots))
    return sorted(slots, key=lambda s: _key(s.hid))


def _quotas(sizes: dict[str, int], count: int) -> dict[str, int]:
    """Equal shares of ``count`` per category, capped by the category's size, the rest passed on."""
    quotas = {c: 0 for c in sizes}
    left = count
    while left > 0:
        open_ = [c for c in sorted(sizes, key=int) if quotas[c] < sizes[c]]
        if not open_:
            break
        share = max(1, left // len(open_))
        for c in open_:
            take = min(share, sizes[c] - quotas[c], left)
            quotas[c] += take
            left -= take
    return quotas


def _own_tasks(elements: list[Any], count: int) -> list[Slot]:
    """An organisation's own level-5 tasks, round-robin over PCF activities, numbered after their PCF tasks."""
    if count <= 0:
        return []
    activities = [e for e in elements if e.level == 4]
    used = {}
    for e in elements:
        if e.level == 5 and e.parent_id:
            used[e.parent_id] = max(used.get(e.parent_id, 0), _key(e.hierarchy_id)[-1])
    out = []
    for i in range(count):
        parent = activities[i % len(activities)]
        used[parent.hierarchy_id] = used.get(parent.hierarchy_id, 0) + 1
        out.append(Slot(f"{parent.hierarchy_id}.{used[parent.hierarchy_id]}", 5, parent.hierarchy_id, None, None, None))
    return out


# --- writing records -----------------------------------------------------------------------


class Cursor:
    """Offsets in the virtual source text: each text takes the next ``len(text)`` code points."""

    def __init__(self):
        self.at = 0

    def span(self, value: str) -> list[int]:
        start, self.at = self.at, self.at + len(value)
        return [start, self.at]


def make_element(
    slot: Slot, shape: Shape, templates: Templates, rng: random.Random, cursor: Cursor, truncated: bool
) -> dict[str, Any]:
    """One element's record with texts drawn from the bundled rows and definitions."""
    name = dict(rng.choice(templates.names))
    if slot.name_en:
        name["en"] = slot.name_en
    name["span"] = cursor.span(name["zh-Hant"])
    chosen = [rng.choice(templates.sentences) for _ in range(shape.definition_sentences)]
    definition = {k: "".join(s[k] for s in chosen) for k in ("zh-Hant", "zh-Hans")}
    definition["span"] = cursor.span(definition["zh-Hant"])
    practices, risks, outputs = [], [], []
    for n in range(1, shape.practices + 1):
        row = rng.choice(templates.rows[shape.per_row] or templates.rows[1])
        practices.append({"n": n, **row.practice, "span": cursor.span(row.practice["zh-Hant"])})
        for texts, column in ((row.risks, risks), (row.outputs, outputs)):
            for t in texts:
                column.append({"n": len(column) + 1, "practice": n, **t, "span": cursor.span(t["zh-Hant"])})
    element = {
        "id": slot.hid,
        "level": slot.level,
        "parent": slot.parent,
        "pcf_id": slot.pcf_id,
        "name": name,
        "definition": definition,
        "practices": practices,
        "risks": risks,
        "outputs": outputs,
        "truncated": truncated,
    }
    if truncated:
        _truncate(element, rng)
    return element


def _truncate(element: dict[str, Any], rng: random.Random) -> None:
    """Stop the element inside its risks, as a scraped page that ends mid-table does (8.1.6.4)."""
    keep = rng.randint(1, max(1, len(element["risks"]) - 1))
    element["risks"] = element["risks"][:keep]
    element["outputs"] = []
    last = element["risks"][-1]
    for k in ("zh-Hant", "zh-Hans"):
        last[k] = last[k][: max(2, len(last[k]) // 2)]
    last["span"] = [last["span"][0], last["span"][0] + len(last["zh-Hant"])]


def generate(templates: Templates, framework_elements: Iterable[Any], scale: float, seed: int = 8) -> dict[str, Any]:
    """Records for ``round(39 * scale)`` elements over all PCF categories, deterministic for a seed."""
    rng = random.Random(seed)
    count = max(13, round(BUNDLED_ELEMENTS * scale))
    cursor = Cursor()
    elements, warnings = [], []
    for slot in choose_slots(framework_elements, count):
        shape = templates.shape_for(slot.level, rng)
        truncated = rng.random() < 1 / BUNDLED_ELEMENTS and shape.practices > 1
        elements.append(make_element(slot, shape, templates, rng, cursor, truncated))
        if truncated:
            warnings.append(f"{slot.hid}: the text stops mid-sentence; kept as truncated")
        if slot.pcf_id is None:
            warnings.append(f"{slot.hid}: not in the PCF (the organisation's own task)")
    label = f"{scale:g}x"
    body = json.dumps(elements, ensure_ascii=False, sort_keys=True)
    return {
        "format": FORMAT,
        "standard": {"slug": f"synthetic-{label.replace('.', '-')}"},
        "source": {
            "path": f"synthetic-{label}.txt",
            "sha256": hashlib.sha256(body.encode()).hexdigest(),
            "title": f"業務流程管理通用標準 (synthetic corpus, {label}, seed {seed})",
            "line": 1,
        },
        "elements": elements,
        "repairs": [],
        "overrides": [],
        "warnings": warnings,
    }


def summary(records: dict[str, Any]) -> str:
    """Counts as ``procgraph ingest`` prints them."""
    els = records["elements"]
    n = {c: sum(len(e[c]) for e in els) for c in ("practices", "risks", "outputs")}
    cats = len({e["id"].split(".")[0] for e in els})
    own = sum(1 for e in els if e["pcf_id"] is None)
    trunc = sum(1 for e in els if e["truncated"])
    return (
        f"{len(els)} elements in {cats} categories ({own} own tasks, {trunc} truncated): "
        f"{n['practices']} practices, {n['risks']} risks, {n['outputs']} outputs"
    )


def bundled_records(cache: Path | None = None) -> dict[str, Any]:
    """The bundled part's records, ingested once and cached in ``cache`` (ingest takes ~10 s)."""
    if cache and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from procgraph.build import bundled_source
    from procgraph.ingest import ingest

    records = ingest(bundled_source())
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return records


def workbook_path(given: Path | None = None) -> Path:
    """The APQC workbook to read all 13 categories from."""
    import os

    path = given or Path(os.environ.get("PROCGRAPH_PCF_WORKBOOK") or REFERENCE_WORKBOOK)
    if not path.exists():
        raise SystemExit(
            f"APQC's PCF workbook not found at {path}: pass --workbook FILE (APQC distributes it free at apqc.org/pcf)"
        )
    return path


def corpus(scale: float, seed: int = 8, workbook: Path | None = None, cache: Path | None = None) -> dict[str, Any]:
    """Generate a corpus from the bundled records and APQC's workbook."""
    from procgraph.pcf import read_workbook

    return generate(Templates(bundled_records(cache)), read_workbook(workbook_path(workbook)), scale, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiple of the bundled data (1, 10, 100)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workbook", type=Path, default=None, help="APQC's PCF 7.4 Excel release")
    parser.add_argument(
        "--template-cache",
        type=Path,
        default=ROOT / "out" / "bench" / "bundled-records.json",
        help="where the bundled part's records are cached",
    )
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    records = corpus(args.scale, args.seed, args.workbook, args.template_cache)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(summary(records), file=sys.stderr)
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
