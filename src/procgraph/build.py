"""``procgraph build``: ingest -> graph -> infer -> validate -> store, timing each stage.

:func:`build_dataset` gives the dataset as lists of quads (asserted and inferred). :func:`build`
reads the source, keeps the dataset in one in-memory Oxigraph store (:func:`asserted_store`
loads it one graph at a time; inference adds to it, validation reads it, the store on disk is
written from it), so a large dataset is never held as Python objects all at once. The new
store replaces the previous one only when complete, together with the validation report and
the named queries' prepared answers (:mod:`procgraph.queries.prepared`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, Quad, Store

from procgraph import config
from procgraph import progress as progress_
from procgraph.errors import InputError
from procgraph.graph import GRAPHS
from procgraph.graph.ontology import ontology_quads
from procgraph.graph.pcf import framework_quads
from procgraph.graph.standard import standard_quads
from procgraph.infer import InferenceReport, infer, materialise
from procgraph.pcf import Framework, load_framework
from procgraph.resources import resource_path
from procgraph.store import write_store

BUNDLED_SOURCE = ("data", "sources", "gbpm-8-1.txt")

#: Called with (stage name, seconds) when a stage finishes (and ``start(stage)`` when one begins,
#: if it has that method): see :mod:`procgraph.progress`.
Progress = progress_.Progress


@dataclass
class BuildReport:
    """What a build did: where the store is, time per stage, quads per graph, warnings."""

    store: Path | None
    stages: dict[str, float] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=dict)
    elements: int = 0
    framework: str = ""
    inference: InferenceReport | None = None
    warnings: list[str] = field(default_factory=list)
    validation: Any = None  # procgraph.validate.Report, also saved in the store directory
    parts: dict[str, str] = field(default_factory=dict)  # element id -> part it came from (series builds)

    @property
    def seconds(self) -> float:
        return sum(self.stages.values())

    @property
    def quads(self) -> int:
        return sum(self.graphs.values())


def bundled_source() -> Path:
    """The standard's text that ships with procgraph (8.0 Manage IT)."""
    return resource_path(*BUNDLED_SOURCE)


def load_records(source: Path) -> dict[str, Any]:
    """Records from a source: a ``.json`` file is taken as ingest output, anything else is ingested."""
    if source.suffix.lower() == ".json":
        try:
            return json.loads(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"cannot read records: {exc}", file=str(source)) from None
    from procgraph.ingest import ingest  # jieba, OpenCC and the readings load only for a page to ingest

    if not source.exists():
        raise InputError("source file not found", file=str(source))
    return ingest(source)


def graph_makers(records: Mapping[str, Any], fw: Framework) -> list[Callable[[], list[Quad]]]:
    """One function per part of the asserted dataset: ontology and framework reference, standard, themes, links."""
    from procgraph.graph.links import link_quads
    from procgraph.graph.themes import theme_quads

    return [
        lambda: ontology_quads() + framework_quads(fw),
        lambda: standard_quads(records, fw),
        lambda: theme_quads(records, fw),
        lambda: link_quads(records, fw),
    ]


def asserted_quads(records: Mapping[str, Any], fw: Framework) -> list[Quad]:
    """The asserted dataset: ontology, framework reference, standard, themes and links graphs."""
    return [q for make in graph_makers(records, fw) for q in make()]


def asserted_store(records: Mapping[str, Any], fw: Framework) -> Store:
    """The asserted dataset in an in-memory Oxigraph store, loaded one part at a time.

    Only one part's quads exist as Python objects at once (the standard graph is the largest);
    the store keeps the dataset compactly, and inference, validation and writing the store on
    disk all work from it.
    """
    store = Store()
    for make in graph_makers(records, fw):
        store.bulk_extend(make())
    return store


def count_store_graphs(store: Store) -> dict[str, int]:
    """Quads per named graph of ``store``, by short name (as :func:`count_graphs`)."""
    names = {iri: name for name, iri in GRAPHS.items()}
    return {
        names.get(g.value, g.value): sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
    }


def check_user_themes() -> None:
    """Stop the build when the user's theme files (``<data home>/themes``) break the thesaurus rules."""
    from procgraph.graph.themes import thesaurus_files
    from procgraph.graph.usertheme import check_thesaurus, user_theme_files

    if user_theme_files():
        check_thesaurus(thesaurus_files())


def build_dataset(records: Mapping[str, Any], fw: Framework) -> tuple[list[Quad], list[Quad], InferenceReport]:
    """Asserted quads (ontology, framework, standard) and inferred quads, both sorted."""
    asserted = asserted_quads(records, fw)
    inferred, report = infer(asserted)
    return asserted, inferred, report


def count_graphs(quads: list[Quad]) -> dict[str, int]:
    """Quads per named graph, by short name."""
    names = {iri: name for name, iri in GRAPHS.items()}
    counts: dict[str, int] = {}
    for q in quads:
        graph = q.graph_name
        name = "default" if isinstance(graph, DefaultGraph) else names.get(graph.value, graph.value)
        counts[name] = counts.get(name, 0) + 1
    return counts


class _Timer:
    """Times stages and reports each to the progress callback."""

    def __init__(self, report: BuildReport, progress: Progress | None):
        self.report, self.progress = report, progress

    def run(self, stage: str, work: Callable[[], Any]) -> Any:
        return progress_.stage(self.progress, stage, work, self.report.stages)


def source_files(sources) -> list[Path]:
    """The files of ``sources`` (files, or folders whose ``.txt``/``.json`` files are taken in name order)."""
    files: list[Path] = []
    for given in sources:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".json") and p.is_file())
            if not found:
                raise InputError("the folder holds no pages (.txt) or records (.json)", file=str(path))
            files += found
        else:
            files.append(path)
    return files


def load_series(sources: list[Path]) -> dict[str, Any]:
    """Records of one source, or of several parts merged (:func:`procgraph.ingest.series.merge_series`)."""
    if len(sources) == 1:
        return load_records(sources[0])
    from procgraph.ingest.series import merge_series

    return merge_series([load_records(p) for p in sources])


def build(
    source: Path | list[Path] | None = None,
    store: Path | None = None,
    *,
    pcf_workbook: Path | None = None,
    progress: Progress | None = None,
    remote=None,
) -> BuildReport:
    """Build the dataset from ``source`` (None: the bundled standard; a list or a folder: several
    parts of the series, one graph per part) into ``store`` (None: default).

    With ``remote`` (a :class:`procgraph.store.remote.RemoteStore`) the dataset replaces
    procgraph's graphs in that store instead (:func:`write_remote`), and ``store`` is unused.
    """
    sources = source_files(source if isinstance(source, (list, tuple)) else [source]) if source else [bundled_source()]
    source = sources[0]
    target = Path(store) if store else config.default_store_path()
    report = BuildReport(store=target)
    timer = _Timer(report, progress)
    records = timer.run("ingest", lambda: load_series(sources))
    fw = timer.run("pcf", lambda: load_framework(Path(pcf_workbook) if pcf_workbook else None))
    timer.run("themes", check_user_themes)
    dataset = timer.run("graph", lambda: asserted_store(records, fw))
    report.inference = timer.run("infer", lambda: materialise(dataset))
    from procgraph.queries.prepared import prepare, write_answers
    from procgraph.validate import save_report, validate_store

    report.validation = timer.run("validate", lambda: validate_store(dataset, source=source.name))
    if remote is not None:
        report.store = None
        timer.run("store", lambda: write_remote(dataset, remote))
        return _finish_report(report, dataset, records, fw)
    prepared = timer.run("answers", lambda: prepare(dataset))

    def finish(directory: Path) -> None:
        save_report(report.validation, directory)
        write_answers(directory, prepared)

    timer.run("store", lambda: write_store(dataset, target, finish=finish))
    return _finish_report(report, dataset, records, fw)


def write_remote(dataset: Store, remote) -> None:
    """Replace procgraph's graphs in a remote store with ``dataset`` as one change.

    Every graph procgraph names (:data:`procgraph.graph.GRAPHS`, and a series' part graphs:
    all under ``GRAPH_BASE``) is replaced, one the new dataset lacks emptied; other graphs in
    the store (yours, or ``procgraph load``'s) are left alone. The
    answers and the validation report an embedded store keeps beside its data have no place
    in a remote store: the server computes them from the data.
    """
    from procgraph.graph.iris import GRAPH_BASE

    ours = [g for g in remote.named_graph_iris() if g.startswith(GRAPH_BASE)]
    remote.write_dataset(dataset, replace=True, drop=[*GRAPHS.values(), *ours])


def _finish_report(report: BuildReport, dataset: Store, records: Mapping[str, Any], fw: Framework) -> BuildReport:
    report.graphs = count_store_graphs(dataset)
    report.elements = len(records.get("elements", []))
    report.framework = fw.origin
    report.warnings = [str(w) for w in records.get("warnings", [])]
    parts = [p.get("label", "") for p in records.get("parts") or []]
    report.parts = {str(e["id"]): parts[e["part"]] for e in records.get("elements", []) if "part" in e}
    return report
