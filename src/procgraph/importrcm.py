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


def import_rcm(
    path: Path, store: Path | None = None, *, name: str = "org", sheet: str | None = None, columns: Path | None = None
) -> ImportReport:
    """Import the sheet at ``path`` as the organisation's matrix ``name`` into the store."""
    from procgraph.infer import materialise
    from procgraph.queries.prepared import prepare, write_answers
    from procgraph.store import write_store
    from procgraph.validate import save_report, validate_store

    target = config.store_path(store)
    table = read_sheet(Path(path), sheet=sheet, mapping=read_mapping(columns) if columns else None)
    dataset = load_dataset(target)
    quads, summary = _add_matrix(dataset, table, name)
    materialise(dataset)
    validation = validate_store(dataset, source=str(target))
    prepared = prepare(dataset)

    def finish(directory: Path) -> None:
        save_report(validation, directory)
        write_answers(directory, prepared)

    write_store(dataset, target, finish=finish)
    return ImportReport(graph_of(name), str(path), table.name, summary, len(quads), validation)


def _add_matrix(dataset: Store, table, name: str) -> tuple[list, ImportSummary]:
    """The matrix's quads, linked to the standard in ``dataset``, put in ``dataset`` in place of a
    previous import of the same name; the inferred graph is removed (it is computed again)."""
    quads, summary = matrix_quads(table, dataset, name)
    for old in (graph_of(name), GRAPHS["inferred"]):
        if NamedNode(old) in set(dataset.named_graphs()):
            dataset.remove_graph(NamedNode(old))
    dataset.bulk_extend(quads)
    return quads, summary


def remote_dataset(remote) -> Store:
    """procgraph's graphs of a remote store (those under ``GRAPH_BASE``) copied into memory."""
    from pyoxigraph import Quad

    from procgraph.graph.iris import GRAPH_BASE

    dataset = Store()
    for graph in remote.named_graph_iris():
        if graph.startswith(GRAPH_BASE):
            node = NamedNode(graph)
            dataset.bulk_extend(Quad(t.subject, t.predicate, t.object, node) for t in remote.graph_triples(graph) or ())
    return dataset


def import_rcm_remote(
    path: Path, remote, *, name: str = "org", sheet: str | None = None, columns: Path | None = None
) -> ImportReport:
    """Import the sheet at ``path`` as the matrix ``name`` into a remote store built by
    ``procgraph build --store-url``: the standard is read from the store, and the matrix's graph
    and the inferred graph (computed again over everything) replace theirs in one change
    (:meth:`~procgraph.store.remote.RemoteStore.write_dataset`), so a bad sheet or a failure leaves
    the store as it was. The validation is reported, not saved (a remote store keeps no report)."""
    from procgraph.errors import InputError
    from procgraph.infer import materialise
    from procgraph.validate import validate_store

    table = read_sheet(Path(path), sheet=sheet, mapping=read_mapping(columns) if columns else None)
    dataset = remote_dataset(remote)
    if not any(True for _ in dataset.quads_for_pattern(None, None, None, NamedNode(GRAPHS["standard"]))):
        raise InputError(
            "the remote store holds no standard to link the matrix to",
            file=remote.query_url,
            hint="build it first: procgraph build --store-url URL",
        )
    quads, summary = _add_matrix(dataset, table, name)
    materialise(dataset)
    validation = validate_store(dataset, source=remote.query_url)
    inferred = list(dataset.quads_for_pattern(None, None, None, NamedNode(GRAPHS["inferred"])))
    remote.write_dataset([*quads, *inferred], replace=True, drop=[graph_of(name)])
    return ImportReport(graph_of(name), str(path), table.name, summary, len(quads), validation)
