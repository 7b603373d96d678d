"""``procgraph import-rcm``: the organisation's risk-control matrix into the built store.

The sheet is read and every row checked and linked to the standard first
(:mod:`procgraph.ingest.rcmsheet`, :mod:`procgraph.graph.orgrcm`); only then is a new store
written, holding everything the old one held (a previous import of the same matrix name
replaced), the matrix's graph, inferences computed again, and the validation report and
prepared answers made on the new data. :func:`procgraph.store.write_store` swaps it in when
complete, so a bad sheet, or a failure at any step, leaves the store as it was.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Store

from procgraph import config
from procgraph.graph import GRAPHS
from procgraph.graph.orgrcm import ImportSummary, graph_of, matrix_quads
from procgraph.ingest.rcmsheet import read_mapping, read_sheet


@dataclass
class ImportReport:
    """What an import did: the graph written, the rows read, and the validation of the new store."""

    graph: str
    file: str
    sheet: str | None
    summary: ImportSummary
    quads: int
    validation: Any = None  # procgraph.validate.Report, saved with the store


def load_dataset(store_path: Path) -> Store:
    """The whole embedded store at ``store_path`` copied into memory (the store is closed after)."""
    from procgraph.store import open_store

    opened = open_store(store_path)
    dataset = Store()
    dataset.bulk_extend(opened.quads_for_pattern(None, None, None, None))
    del opened
    gc.collect()  # close the database before the store directory is replaced
    return dataset


def import_rcm(path: Path, store: Path | None = None, *, name: str = "org", sheet: str | None = None,
               columns: Path | None = None) -> ImportReport:
    """Import the sheet at ``path`` as the organisation's matrix ``name`` into the store."""
    from procgraph.infer import materialise
    from procgraph.server.answers import prepare, write_answers
    from procgraph.store import write_store
    from procgraph.validate import save_report, validate_store

    target = config.store_path(store)
    graph = graph_of(name)
    mapping = read_mapping(columns) if columns else None
    table = read_sheet(Path(path), sheet=sheet, mapping=mapping)
    dataset = load_dataset(target)
    quads, summary = matrix_quads(table, dataset, name)
    for old in (graph, GRAPHS["inferred"]):
        if NamedNode(old) in set(dataset.named_graphs()):
            dataset.remove_graph(NamedNode(old))
    dataset.bulk_extend(quads)
    materialise(dataset)
    validation = validate_store(dataset, source=str(target))
    prepared = prepare(dataset)

    def finish(directory: Path) -> None:
        save_report(validation, directory)
        write_answers(directory, prepared)

    write_store(dataset, target, finish=finish)
    return ImportReport(graph, str(path), table.name, summary, len(quads), validation)
