"""Write a page in the format of the 业务流程管理通用标准 series from clean element texts.

Used to check that ingest is built for the format, not for the one bundled file: the page gets
the site's boilerplate, the title and table header, every element flattened onto one line,
a pinyin reading after every character the site converted to Traditional script (readings are
learnt from the bundled page itself), and ASCII commas as the site wrote them.
"""

from __future__ import annotations

import re
from pathlib import Path

from procgraph.ingest.gbkdamage import damage
from procgraph.ingest.pinyin import is_converted


def annotate(text: str, readings: dict[str, str]) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if is_converted(ch) and ch in readings:
            out.append(f"({readings[ch]})")
    return "".join(out).replace("，", ",")


def element_row(e: dict) -> str:
    return (
        e["id"]
        + e["name"]
        + "".join(e["definition"])
        + "".join(e["practices"])
        + "".join(e["risks"])
        + "".join(e["outputs"])
    )


def write_page(path: Path, title: str, elements: list[dict], readings: dict[str, str], damaged: bool = False) -> str:
    """Write the page; with ``damaged`` the body goes through the site's byte-level passes
    (:func:`procgraph.ingest.gbkdamage.damage`) instead of a clean annotation."""
    header = "流程層級流程定義最佳實踐流程標準流程運行和控制需應對的風險流程運行預期結果(期望的輸出)"
    text = title + header + "".join(element_row(e) for e in elements)
    body = damage(text, readings) if damaged else annotate(text, readings)
    page = "版權說明:本文檔由用戶提供並上傳\n文檔簡介\n" + body + "\n溫馨提示\n- 1. 本站所有資源如無特殊說明\n"
    path.write_text(page, encoding="utf-8")
    return page


def clean_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=。)", text) if s]
