"""Read an organisation's risk-control matrix (RCM) from a spreadsheet: XLSX or CSV.

Columns are recognised by their header, in Chinese or English (流程编号 / Process ID, 风险 /
Risk, 控制措施 / Control, 控制负责人 / Owner, 频率 / Frequency, 证据 / Evidence, 控制类型 /
Control type, 关键控制 / Key control, …), and the headers of procgraph's own
``export -f rcm-xlsx`` / ``rcm-csv`` (``Element ID``, ``Practice (zh-Hant)``, ``Risk #``, …).
A header with a language in brackets (``Risks (en)``) holds text in that language; otherwise
each cell's language is read from its script. A ``--columns`` mapping file names other headers.

Every cell is checked here, before anything is resolved or written: a bad value is an
:class:`RcmSheetError` naming the file, the sheet, the row and the column.

>>> role_of("控制负责人"), role_of("Risks (zh-Hant)"), role_of("Key control")
(('owner', None), ('risk', 'zh-Hant'), ('key_control', None))
>>> parse_numbers("1; 3")
[1, 3]
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from procgraph.errors import InputError

#: What a column can hold. ``element`` is a hierarchy id or a PCF ID; ``pcf_id`` a PCF ID.
ROLES = (
    "element",
    "pcf_id",
    "element_name",
    "control_id",
    "control",
    "practice_no",
    "risk_no",
    "risk",
    "output_no",
    "evidence",
    "owner",
    "frequency",
    "control_type",
    "key_control",
)
#: Roles that hold text in a language (several columns, one per language, may share a role).
TEXT_ROLES = ("element_name", "control", "risk", "evidence")
LANGS = ("zh-Hans", "zh-Hant", "en")
#: Languages a text column may be in: the above, and Taiwan's forms (the zh-Hant-TW columns of a
#: matrix downloaded from a 繁體（台灣） page, which repeat the zh-Hant text where Taiwan's reads the same).
TAIWAN = "zh-Hant-TW"
COLUMN_LANGS = (*LANGS, TAIWAN)

#: Header (normalised by :func:`_norm`) -> role. procgraph's own export first, then the usual
#: Chinese and English names of RCM columns.
HEADERS: dict[str, str] = {
    # procgraph export -f rcm-xlsx / rcm-csv (graph/rcm.columns)
    "element id": "element",
    "pcf id": "pcf_id",
    "element": "element_name",
    "practice #": "practice_no",
    "practice": "control",
    "risk #": "risk_no",
    "risks": "risk",
    "output #": "output_no",
    "outputs": "evidence",
    # Chinese
    "流程编号": "element",
    "流程id": "element",
    "流程元素编号": "element",
    "层级编号": "element",
    "元素编号": "element",
    "pcf编号": "pcf_id",
    "pcfid": "pcf_id",
    "流程名称": "element_name",
    "流程": "element_name",
    "流程元素": "element_name",
    "控制编号": "control_id",
    "控制id": "control_id",
    "控制点编号": "control_id",
    "控制措施": "control",
    "控制": "control",
    "控制活动": "control",
    "控制描述": "control",
    "控制点": "control",
    "实践编号": "practice_no",
    "最佳实践编号": "practice_no",
    "风险编号": "risk_no",
    "风险": "risk",
    "风险描述": "risk",
    "风险点": "risk",
    "结果编号": "output_no",
    "预期结果编号": "output_no",
    "证据": "evidence",
    "控制证据": "evidence",
    "证据资料": "evidence",
    "预期结果": "evidence",
    "控制负责人": "owner",
    "负责人": "owner",
    "控制责任人": "owner",
    "责任人": "owner",
    "责任部门": "owner",
    "频率": "frequency",
    "控制频率": "frequency",
    "执行频率": "frequency",
    "控制类型": "control_type",
    "控制性质": "control_type",
    "关键控制": "key_control",
    "是否关键控制": "key_control",
    "关键控制点": "key_control",
    # English
    "process id": "element",
    "process": "element_name",
    "process name": "element_name",
    "hierarchy id": "element",
    "pcf": "pcf_id",
    "control id": "control_id",
    "control no": "control_id",
    "control #": "control_id",
    "control": "control",
    "control description": "control",
    "control activity": "control",
    "risk id": "risk_no",
    "risk no": "risk_no",
    "risk": "risk",
    "risk description": "risk",
    "output no": "output_no",
    "evidence": "evidence",
    "control evidence": "evidence",
    "owner": "owner",
    "control owner": "owner",
    "responsible": "owner",
    "frequency": "frequency",
    "control frequency": "frequency",
    "control type": "control_type",
    "type": "control_type",
    "nature": "control_type",
    "key control": "key_control",
    "key": "key_control",
    "key control?": "key_control",
}

CONTROL_TYPES = {
    "preventive": "preventive",
    "prevent": "preventive",
    "预防性": "preventive",
    "预防": "preventive",
    "預防性": "preventive",
    "预防型": "preventive",
    "detective": "detective",
    "detect": "detective",
    "检查性": "detective",
    "发现性": "detective",
    "检测性": "detective",
    "检查": "detective",
    "发现": "detective",
    "檢查性": "detective",
    "發現性": "detective",
    "检查型": "detective",
    "发现型": "detective",
}
BOOLEANS = {
    "是": True,
    "否": False,
    "y": True,
    "n": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "✓": True,
    "√": True,
    "x": True,
    "关键": True,
    "非关键": False,
    "key": True,
}

_LANG_SUFFIX = re.compile(r"^(.*?)\s*\(\s*(zh-hans|zh-hant-tw|zh-hant|en)\s*\)$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class RcmSheetError(InputError):
    """A sheet that cannot be read as a risk-control matrix, with where: file, sheet, row, column."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ):
        where = [f"sheet {sheet!r}" if sheet else "", f"row {row}" if row else "", f"column {column}" if column else ""]
        located = ", ".join(w for w in where if w)
        super().__init__(f"{located}: {message}" if located else message, file=file, hint=hint)
        self.sheet, self.row, self.column = sheet, row, column


@dataclass(frozen=True)
class Column:
    """One column of the sheet: its header as written, its letter, and what it was taken as."""

    index: int
    header: str
    letter: str
    role: str | None
    lang: str | None = None


@dataclass
class SheetRow:
    """One data row: its number in the sheet and its cells as text, by column index."""

    number: int
    cells: dict[int, str] = field(default_factory=dict)


@dataclass
class Sheet:
    """A sheet read: file, sheet name (None for CSV), columns, data rows."""

    file: str
    name: str | None
    columns: list[Column]
    rows: list[SheetRow]

    def error(self, message: str, row: int | None = None, column: Column | None = None, hint: str | None = None):
        where = f"{column.letter} ({column.header!r})" if column else None
        return RcmSheetError(message, file=self.file, sheet=self.name, row=row, column=where, hint=hint)

    def by_role(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]


def _norm(header: str) -> str:
    text = unicodedata.normalize("NFKC", str(header)).strip().casefold()
    text = re.sub(r"\s+", " ", text)
    return text.replace(" #", " #").rstrip(":：")


def role_of(header: str, extra: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    """(role, language) of a header; (None, None) when not recognised."""
    text = _norm(header)
    lang = None
    match = _LANG_SUFFIX.match(text)
    if match:
        text, lang = match.group(1).strip(), {code.lower(): code for code in COLUMN_LANGS}[match.group(2).lower()]
    for key in (text, text.replace(" ", "")):
        for table in (extra or {}, HEADERS):
            if key in table:
                role, _, given = table[key].partition("@")
                return role, given or lang
    return None, lang


def read_mapping(path: Path) -> dict[str, str]:
    """A ``--columns`` file: JSON ``{"header": "role"}`` or lines ``header = role`` (``#`` comments).

    A role is one of :data:`ROLES` (``risk@en`` gives the language) or a header procgraph knows
    (``"负责部门": "控制负责人"``).
    """
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the column mapping: {exc}", file=str(path)) from None
    pairs: list[tuple[str, str, int]] = []
    if raw.lstrip().startswith("{"):
        try:
            pairs = [(k, v, 0) for k, v in json.loads(raw).items()]
        except (ValueError, AttributeError) as exc:
            raise InputError(f"the column mapping is not a JSON object: {exc}", file=str(path)) from None
    else:
        for n, line in enumerate(raw.splitlines(), 1):
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if not line:
                continue
            header, sep, role = line.partition("=")
            if not sep:
                raise InputError(f"line {n}: expected 'header = role'", file=str(path))
            pairs.append((header.strip(), role.strip(), n))
    mapping: dict[str, str] = {}
    for header, role, n in pairs:
        named, _, lang = str(role).partition("@")
        target = named if named in ROLES else HEADERS.get(_norm(named), HEADERS.get(_norm(named).replace(" ", "")))
        if target is None:
            at = f"line {n}: " if n else ""
            raise InputError(
                f"{at}unknown column meaning {role!r} for {header!r}; use one of {', '.join(ROLES)}", file=str(path)
            )
        if lang and lang not in COLUMN_LANGS:
            raise InputError(
                f"unknown language {lang!r} for {header!r}; use one of {', '.join(COLUMN_LANGS)}", file=str(path)
            )
        mapping[_norm(header)] = f"{target}@{lang}" if lang else target
    return mapping


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()


def _columns(header: list[str], file: str, sheet: str | None, row: int, mapping: dict[str, str]) -> list[Column]:
    columns = []
    for i, name in enumerate(header):
        if not name:
            continue
        role, lang = role_of(name, mapping)
        columns.append(Column(i, name, _letter(i), role, lang))
    known = [c for c in columns if c.role]
    if not any(c.role in ("element", "pcf_id") for c in known):
        found = ", ".join(repr(c.header) for c in columns) or "none"
        raise RcmSheetError(
            f"no process id column (流程编号 / Process ID / Element ID / PCF ID) in the header; headers found: {found}",
            file=file,
            sheet=sheet,
            row=row,
            hint="name the column 流程编号 or Process ID, or map it with --columns FILE",
        )
    seen: dict[tuple, Column] = {}
    for c in known:
        key = (c.role, c.lang)
        if c.role not in TEXT_ROLES and c.role in {k[0] for k in seen}:
            first = next(v for k, v in seen.items() if k[0] == c.role)
            raise RcmSheetError(
                f"two columns mean {c.role}: {first.letter} ({first.header!r}) and {c.letter} ({c.header!r})",
                file=file,
                sheet=sheet,
                row=row,
                column=c.letter,
            )
        if key in seen and c.role in TEXT_ROLES:
            raise RcmSheetError(
                f"two columns mean {c.role} in the same language: {seen[key].letter} and {c.letter}",
                file=file,
                sheet=sheet,
                row=row,
                column=c.letter,
            )
        seen[key] = c
    return columns


def _table(file: str, sheet: str | None, lines: list[tuple[int, list]], mapping: dict[str, str]) -> Sheet:
    """Find the header (the first row with a recognised process id column) and the data rows."""
    for i, (number, cells) in enumerate(lines):
        texts = [_cell_text(v) for v in cells]
        if not any(texts):
            continue
        roles = [role_of(t, mapping)[0] for t in texts if t]
        names_element = any(r in ("element", "pcf_id") for r in roles)
        if not names_element and i + 1 < len(lines) and len([r for r in roles if r]) < 2:
            continue  # a title line above the header
        columns = _columns(texts, file, sheet, number, mapping)
        rows = []
        for row_number, row_cells in lines[i + 1 :]:
            cells_text = {c.index: _cell_text(row_cells[c.index]) if c.index < len(row_cells) else "" for c in columns}
            if any(cells_text.values()):
                rows.append(SheetRow(row_number, cells_text))
        return Sheet(file, sheet, columns, rows)
    raise RcmSheetError("the sheet is empty (no header row)", file=file, sheet=sheet)


def read_csv(path: Path, mapping: dict[str, str] | None = None) -> Sheet:
    """A CSV file (UTF-8, with or without BOM; procgraph's ``#`` notice lines skipped)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RcmSheetError(
            "the CSV file is not UTF-8", file=str(path), hint="save it as 'CSV UTF-8' (Excel) or convert it with iconv"
        ) from None
    except OSError as exc:
        raise RcmSheetError(f"cannot read the file: {exc.strerror or exc}", file=str(path)) from None
    lines: list[tuple[int, list]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            if not lines and cells and cells[0].startswith("#"):
                start = reader.line_num + 1
                continue
            lines.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RcmSheetError(f"not valid CSV: {exc}", file=str(path), row=reader.line_num) from None
    return _table(str(path), None, lines, mapping or {})


def read_xlsx(path: Path, sheet_name: str | None = None, mapping: dict[str, str] | None = None) -> Sheet:
    """An Excel workbook: the named sheet, else ``RCM``, else the first sheet with a process id column."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)  # not read-only: merged cells are needed
    except FileNotFoundError:
        raise RcmSheetError("no such file", file=str(path)) from None
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise RcmSheetError(f"not an Excel workbook (.xlsx): {exc}", file=str(path)) from None
    try:
        names = book.sheetnames
        if sheet_name is not None:
            if sheet_name not in names:
                raise RcmSheetError(
                    f"no sheet {sheet_name!r}; the workbook has {', '.join(map(repr, names))}", file=str(path)
                )
            candidates = [sheet_name]
        else:
            candidates = (["RCM"] if "RCM" in names else []) + [n for n in names if n not in ("RCM", "Notice")]
        first_error = None
        for name in candidates:
            lines = _merged_filled(book[name])
            try:
                return _table(str(path), name, lines, mapping or {})
            except RcmSheetError as exc:
                if sheet_name is not None:
                    raise
                first_error = first_error or exc
        raise first_error or RcmSheetError("the workbook has no sheets", file=str(path))
    finally:
        book.close()


def _merged_filled(worksheet) -> list[tuple[int, list]]:
    """The sheet's rows as values, a merged range's value in each of its cells (a process id merged
    down over the rows of its controls applies to each of them)."""
    rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
    for merged in worksheet.merged_cells.ranges:
        value = worksheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = value
    return [(n, row) for n, row in enumerate(rows, 1)]


def read_sheet(path: Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None) -> Sheet:
    """Read ``path`` by its ending: ``.xlsx``/``.xlsm`` or ``.csv``/``.txt``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RcmSheetError("no such file", file=str(path))
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet, mapping)
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise RcmSheetError("--sheet applies to Excel workbooks, not CSV", file=str(path))
        return read_csv(path, mapping)
    raise RcmSheetError(
        "cannot tell the spreadsheet format from the file name",
        file=str(path),
        hint="use a .xlsx or .csv file (Excel: Save As 'Excel Workbook' or 'CSV UTF-8')",
    )


# --------------------------------------------------------------------------------- cell values


def parse_numbers(text: str) -> list[int]:
    """'1; 3' / '1,3' / '1、3' / '1 3' -> [1, 3]; ValueError for anything else."""
    parts = [p for p in re.split(r"[;,、，；\s]+", text.strip()) if p]
    return [int(p) for p in parts]


def lang_of_text(text: str) -> str:
    """zh-Hans, zh-Hant (when converting to Simplified changes it) or en, from the script."""
    if not _CJK.search(text):
        return "en"
    from procgraph.ingest.script import to_simplified

    return "zh-Hans" if to_simplified(text) == text else "zh-Hant"


def control_type(text: str) -> str:
    """'preventive' or 'detective'; ValueError otherwise."""
    key = _norm(text).replace(" ", "").removesuffix("control").removesuffix("控制")
    if key in CONTROL_TYPES:
        return CONTROL_TYPES[key]
    raise ValueError(text)


def yes_no(text: str) -> bool:
    """是/否, Y/N, yes/no, true/false, 1/0, ✓; ValueError otherwise."""
    key = _norm(text)
    if key in BOOLEANS:
        return BOOLEANS[key]
    raise ValueError(text)
