"""PCF facts for ingest: hierarchy id → PCF ID, level, parent and English name.

``data/pcf/pcf-7.4-core.csv`` holds the 13 categories, the 72 process groups and the whole 8.0
subtree of APQC's PCF 7.4 (see ``data/pcf/NOTICE.txt``); after ``procgraph import-pcf`` the
whole framework is in the data home. Ingest uses :func:`reference_facts` (the imported framework
if there is one, else the carried facts) to decide which ids are headings and to attach each
element's PCF ID and English name; the graph module builds the PCF reference from the same place.
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


@dataclass(frozen=True)
class Reference:
    """The facts ingest reads a page against, and where they came from."""

    facts: dict[str, PcfFact]
    origin: str  # "data/pcf" (carried) or the imported file


def reference_facts(framework=None) -> Reference:
    """Facts of ``framework`` (a :class:`procgraph.pcf.Framework`), else of the imported
    framework, else the carried core facts."""
    from procgraph import pcf

    if framework is None:
        imported = pcf.imported_path()
        if not imported.exists():
            return Reference(core_facts(), "data/pcf")
        framework = pcf.Framework(pcf.DEFAULT_VERSION, pcf.read_csv(imported), "", str(imported))
    facts = {
        e.hierarchy_id: PcfFact(e.hierarchy_id, e.pcf_id, e.level, e.parent_id, e.name_en) for e in framework.elements
    }
    return Reference(facts, framework.origin)


@functools.lru_cache(maxsize=1)
def core_facts() -> dict[str, PcfFact]:
    path = resource_path("data", "pcf", "pcf-7.4-core.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return {
            row["hierarchy_id"]: PcfFact(
                row["hierarchy_id"], int(row["pcf_id"]), int(row["level"]), row["parent_id"] or None, row["name_en"]
            )
            for row in csv.DictReader(f)
        }
