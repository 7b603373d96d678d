"""The framework reference: APQC PCF elements (ids, PCF IDs, levels, names, definitions).

Three sources, in this order of preference when building:

1. a workbook given explicitly (``procgraph build --pcf-workbook FILE.xlsx``);
2. a framework imported earlier with ``procgraph import-pcf FILE.xlsx``, kept in the user's data
   home (``<home>/pcf/pcf-<version>.csv``), never in the repository;
3. the facts the project carries, ``data/pcf/pcf-7.4-core.csv``: the 13 categories, the 72
   process groups and the whole 8.0 subtree, with English names but no definitions.

APQC's licence requires its notice on every copy and derivative work; :attr:`Framework.notice`
carries it into the graph and the exports.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from procgraph import config
from procgraph.atomic import write_atomic
from procgraph.errors import InputError
from procgraph.resources import resource_path

DEFAULT_VERSION = "7.4"
CSV_COLUMNS = ("hierarchy_id", "pcf_id", "level", "parent_id", "name_en", "definition_en")
WORKBOOK_SHEET = "Combined"
WORKBOOK_COLUMNS = {
    "pcf id": "pcf_id",
    "hierarchy id": "hierarchy_id",
    "name": "name_en",
    "element description": "definition_en",
}
_HIERARCHY_ID = re.compile(r"^\d+(\.\d+)*$")


@dataclass(frozen=True)
class PcfElement:
    """One framework element as APQC lists it."""

    hierarchy_id: str
    pcf_id: int
    level: int
    parent_id: str | None
    name_en: str
    definition_en: str | None = None


@dataclass(frozen=True)
class Framework:
    """A framework release: its version, elements in hierarchy order, notice and origin."""

    version: str
    elements: tuple[PcfElement, ...]
    notice: str
    origin: str

    def by_hierarchy_id(self) -> dict[str, PcfElement]:
        """Index the elements by hierarchy id ("8.1.1.1")."""
        return {e.hierarchy_id: e for e in self.elements}

    def by_pcf_id(self) -> dict[int, PcfElement]:
        """Index the elements by PCF ID (20610)."""
        return {e.pcf_id: e for e in self.elements}


def hierarchy_key(hierarchy_id: str) -> tuple[int, ...]:
    """Sort key putting "8.2" before "8.10" and a category ("8.0") before its children."""
    parts = [int(p) for p in hierarchy_id.split(".")]
    return tuple(parts[:1]) if parts[1:] == [0] else tuple(parts)


def level_of(hierarchy_id: str) -> int:
    """APQC level of a hierarchy id: "8.0" -> 1, "8.1" -> 2, "8.1.1.1" -> 4."""
    return len(hierarchy_key(hierarchy_id))


def parent_of(hierarchy_id: str) -> str | None:
    """Parent hierarchy id: "8.1.1" -> "8.1", "8.1" -> "8.0", "8.0" -> None."""
    key = hierarchy_key(hierarchy_id)
    if len(key) == 1:
        return None
    if len(key) == 2:
        return f"{key[0]}.0"
    return ".".join(str(p) for p in key[:-1])


def notice() -> str:
    """APQC's licence notice, as the project carries it (``data/pcf/NOTICE.txt``)."""
    return resource_path("data", "pcf", "NOTICE.txt").read_text(encoding="utf-8").strip()


def _clean(text: object) -> str:
    """Normalise a workbook or CSV cell: non-breaking spaces to spaces, outer blanks removed."""
    return re.sub(r"[\u00a0\s]+", " ", str(text)).strip() if text is not None else ""


def _element_from_row(row: Mapping[str, object], where: str) -> PcfElement:
    """Build one element from a CSV row, with an :class:`InputError` naming the row if bad."""
    hid = _clean(row.get("hierarchy_id"))
    if not _HIERARCHY_ID.match(hid):
        raise InputError(f"hierarchy id {hid!r} is not like 8.1.1.1", file=where)
    try:
        pcf_id = int(_clean(row.get("pcf_id")))
    except ValueError:
        raise InputError(f"PCF ID {row.get('pcf_id')!r} is not a number", file=where, element=hid) from None
    definition = _clean(row.get("definition_en")) or None
    return PcfElement(hid, pcf_id, level_of(hid), parent_of(hid), _clean(row.get("name_en")), definition)


def read_csv(path: Path) -> tuple[PcfElement, ...]:
    """Read a framework CSV (columns of :data:`CSV_COLUMNS`; ``definition_en`` optional)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the PCF table: {exc}", file=str(path)) from None
    rows = csv.DictReader(io.StringIO(text))
    elements = [_element_from_row(row, f"{path}, line {i + 2}") for i, row in enumerate(rows)]
    if not elements:
        raise InputError("the PCF table has no rows", file=str(path))
    return _sorted(elements)


def _sorted(elements: list[PcfElement]) -> tuple[PcfElement, ...]:
    return tuple(sorted(elements, key=lambda e: hierarchy_key(e.hierarchy_id)))


def _workbook_header(row: tuple) -> dict[str, int]:
    """Map our field names to column positions from the ``Combined`` sheet's header row."""
    found = {}
    for i, cell in enumerate(row):
        field = WORKBOOK_COLUMNS.get(_clean(cell).lower())
        if field:
            found[field] = i
    return found


def read_workbook(path: Path) -> tuple[PcfElement, ...]:
    """Read every element from APQC's Excel release (sheet ``Combined``)."""
    import openpyxl  # imported here: only import-pcf and --pcf-workbook need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise InputError(f"not a readable Excel workbook ({exc.__class__.__name__}: {exc})", file=str(path)) from None
    try:
        if WORKBOOK_SHEET not in book.sheetnames:
            raise InputError(
                f"the workbook has no sheet {WORKBOOK_SHEET!r} (sheets: {', '.join(book.sheetnames)})",
                file=str(path),
                hint="use APQC's PCF Excel release",
            )
        rows = book[WORKBOOK_SHEET].iter_rows(values_only=True)
        header = _workbook_header(next(rows, ()))
        missing = {"pcf_id", "hierarchy_id", "name_en"} - header.keys()
        if missing:
            raise InputError(f"sheet {WORKBOOK_SHEET!r} lacks the columns {sorted(missing)}", file=str(path))
        elements = []
        for n, row in enumerate(rows, start=2):
            if not any(row):
                continue
            record = {field: row[i] if i < len(row) else None for field, i in header.items()}
            elements.append(_element_from_row(record, f"{path}, sheet {WORKBOOK_SHEET}, row {n}"))
    finally:
        book.close()
    if not elements:
        raise InputError(f"sheet {WORKBOOK_SHEET!r} has no elements", file=str(path))
    return _sorted(elements)


def version_from_name(path: Path) -> str:
    """The PCF version named in APQC's file name ("... Excel Version 7.4.xlsx"), else the default."""
    match = re.search(r"version\s*(\d+(?:\.\d+)*)", path.name, re.IGNORECASE)
    return match.group(1) if match else DEFAULT_VERSION


def write_csv(elements: tuple[PcfElement, ...], path: Path) -> None:
    """Write elements as a framework CSV, atomically (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in elements:
        writer.writerow([e.hierarchy_id, e.pcf_id, e.level, e.parent_id or "", e.name_en, e.definition_en or ""])
    write_atomic(path, buffer.getvalue(), newline="")


def imported_path(version: str = DEFAULT_VERSION) -> Path:
    """Where ``import-pcf`` keeps a framework release in the user's data home."""
    return config.pcf_dir() / f"pcf-{version}.csv"


def import_workbook(workbook: Path, version: str | None = None, progress=None) -> tuple[Path, int]:
    """Import APQC's workbook into the user's data home; return the file written and the count.

    Stages for ``progress`` (:mod:`procgraph.progress`): ``read`` (the workbook), ``write``.
    """
    from procgraph.progress import stage

    version = version or version_from_name(workbook)
    elements = stage(progress, "read", lambda: read_workbook(workbook))
    target = imported_path(version)

    def write() -> None:
        write_csv(elements, target)
        write_atomic(target.parent / "NOTICE.txt", notice() + "\n", newline="")

    stage(progress, "write", write)
    return target, len(elements)


def load_core() -> Framework:
    """The framework facts the project carries (categories, process groups, the 8.0 subtree)."""
    path = resource_path("data", "pcf", "pcf-7.4-core.csv")
    return Framework(DEFAULT_VERSION, read_csv(path), notice(), "procgraph core facts (data/pcf/pcf-7.4-core.csv)")


def load_framework(workbook: Path | None = None, version: str = DEFAULT_VERSION) -> Framework:
    """The framework to build with: ``workbook`` if given, else an imported one, else the core facts."""
    if workbook is not None:
        version = version_from_name(workbook)
        return Framework(version, read_workbook(workbook), notice(), f"APQC workbook {workbook.name}")
    imported = imported_path(version)
    if imported.exists():
        return Framework(version, read_csv(imported), notice(), f"imported with procgraph import-pcf ({imported})")
    return load_core()
