"""Read a scraped standard and find its body.

The pages of the 业务流程管理通用标准 series are scraped web pages: site boilerplate (copyright
line, download notes, lists of other documents) around one long line that holds the standard:
its title, the table header 流程層級 / 流程定義 / 最佳實踐流程標準 / 流程運行和控制需應對的風險 /
流程運行預期結果 and then every element, flattened. This module reads the file strictly and
returns that line with its offset, so that all later spans count from the start of the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from procgraph.errors import InputError, SourceFormatError
from procgraph.ingest.pinyin import reading_spans

# Header words of the table, as they read once pinyin readings are removed. A body line
# has at least two of them (the header row) or many element headings.
HEADER_WORDS = (
    "流程層級",
    "流程定義",
    "最佳實踐流程標準",
    "需應對的風險",
    "流程運行預期結果",
    "流程层级",
    "流程定义",
    "最佳实践流程标准",
    "需应对的风险",
    "流程运行预期结果",
)
HEADING = re.compile(r"(?<![0-9A-Za-z.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,3})(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class SourceDocument:
    path: str
    text: str
    sha256: str


@dataclass(frozen=True)
class Body:
    line: str  # the body line as it stands in the file
    offset: int  # code-point offset of the line in the file


def read_source(path: str | Path) -> SourceDocument:
    """Read ``path`` as UTF-8; refuse empty, binary or wrongly encoded files clearly."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a text file", file=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(p)) from None
    if not data.strip():
        raise InputError("the file is empty", file=str(p), hint="expected the text of a standard")
    if b"\x00" in data[:65536]:
        pos = data.index(b"\x00")
        raise InputError(f"binary data (NUL byte at byte {pos}), not a text file", file=str(p))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            data.decode("gb18030")
            guess = "; it decodes as GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`"
        except UnicodeDecodeError:
            pass
        raise InputError(
            f"not valid UTF-8 (invalid byte 0x{data[exc.start]:02X} at byte {exc.start}){guess}", file=str(p)
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceDocument(str(p), text, hashlib.sha256(data).hexdigest())


def _strip_readings(line: str) -> str:
    out, pos = [], 0
    for start, end in reading_spans(line):
        out.append(line[pos:start])
        pos = end
    out.append(line[pos:])
    return "".join(out)


def find_body(doc: SourceDocument) -> Body:
    """Return the line that holds the standard (header row and element headings)."""
    best, best_score, offset = None, 0, 0
    for line in doc.text.splitlines(keepends=True):
        plain = _strip_readings(line)
        header = sum(word in plain for word in HEADER_WORDS)
        headings = len(HEADING.findall(plain))
        score = headings + (10 if header >= 2 else 0)
        if headings and score > best_score:
            best, best_score = Body(line.rstrip("\r\n"), offset), score
        offset += len(line)
    if best is None:
        raise SourceFormatError(
            "no process element found: expected a line with element headings such as '8.1.1了解…'",
            file=doc.path,
            hint="is this a page of the 业务流程管理通用标准 series?",
        )
    return best
