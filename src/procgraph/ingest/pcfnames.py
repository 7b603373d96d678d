"""PCF facts the project carries: hierarchy id → PCF ID, level, parent and English name.

``data/pcf/pcf-7.4-core.csv`` holds the 13 categories, the 72 process groups and the whole 8.0
subtree of APQC's PCF 7.4 (see ``data/pcf/NOTICE.txt``). Ingest uses it to attach each element's
PCF ID and English name; the graph module builds the PCF reference graph from the same file.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from procgraph.resources import resource_path


@dataclass(frozen=True)
class PcfFact:
    hierarchy_id: str
    pcf_id: int
    level: int
    parent_id: str | None
    name_en: str


@functools.lru_cache(maxsize=1)
def core_facts() -> dict[str, PcfFact]:
    path = resource_path("data", "pcf", "pcf-7.4-core.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return {
            row["hierarchy_id"]: PcfFact(row["hierarchy_id"], int(row["pcf_id"]), int(row["level"]),
                                         row["parent_id"] or None, row["name_en"])
            for row in csv.DictReader(f)
        }
