"""Load users' own RDF files into a store, so the endpoint can serve any data.

Every file is parsed completely before anything is written: a syntax error anywhere names
the file and position and leaves the store as it was. A new store is written atomically
(:func:`procgraph.store.local.write_store`); an existing one receives all files in one
transaction. A remote store (``--store-url``) receives all files as one change through its bulk path
(staging graphs, then one update: :meth:`procgraph.store.remote.RemoteStore.write_dataset`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from procgraph.errors import InputError

#: File name endings read as RDF (``.txt`` is deliberately absent: it says nothing about the syntax).
EXTENSIONS = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdf": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
}
FORMAT_NAMES = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
}


@dataclass(frozen=True)
class LoadedFile:
    """One file read: its path, format and number of quads."""

    path: Path
    format: ox.RdfFormat
    quads: int


def file_format(path: Path, explicit: str | None = None) -> ox.RdfFormat:
    """The RDF format of ``path``: ``explicit`` (a :data:`FORMAT_NAMES` key) or from the file name."""
    if explicit:
        try:
            return FORMAT_NAMES[explicit]
        except KeyError:
            raise InputError(f"unknown format {explicit!r}; use one of {', '.join(FORMAT_NAMES)}") from None
    found = EXTENSIONS.get(path.suffix.lower().lstrip("."))
    if found is None:
        raise InputError(
            "cannot tell the RDF format from the file name",
            file=str(path),
            hint="use .ttl, .nt, .nq, .trig, .rdf, .jsonld, or pass --format",
        )
    return found


def sniff_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file whose name does not say, from its content (for ``validate``).

    RDF/XML starts with ``<?xml`` or ``<rdf:RDF``; JSON-LD with ``{`` or ``[``; anything else is
    tried as TriG (which reads Turtle and N-Triples too), then N-Quads.
    """
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    head = path.read_bytes()[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<rdf:RDF")):
        return ox.RdfFormat.RDF_XML
    if head.startswith((b"{", b"[")):
        return ox.RdfFormat.JSON_LD
    for candidate in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        try:
            with open(path, "rb") as handle:
                for _ in ox.parse(handle, format=candidate, base_iri=path.absolute().as_uri()):
                    pass
            return candidate
        except SyntaxError:
            continue
    raise InputError(
        "cannot tell the RDF format from the file name, and the content is not Turtle, TriG, "
        "N-Triples, N-Quads, RDF/XML or JSON-LD",
        file=str(path),
        hint="name the file .ttl, .nt, .nq, .trig, .rdf or .jsonld",
    )


def read_file(path: Path, rdf_format: ox.RdfFormat, graph: str | None) -> list[ox.Quad]:
    """All quads of one file; triples (and a dataset's default graph) go into ``graph`` if given."""
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    target = ox.NamedNode(graph) if graph else None
    try:
        with open(path, "rb") as handle:
            quads = list(ox.parse(handle, format=rdf_format, base_iri=path.absolute().as_uri()))
    except SyntaxError as exc:
        raise InputError(f"not valid {rdf_format.name}: {exc}", file=str(path)) from None
    if target is None:
        return quads
    return [
        ox.Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, ox.DefaultGraph) else q
        for q in quads
    ]


def check_graph_iri(graph: str | None) -> None:
    """Refuse a ``--graph`` value that is not an absolute IRI."""
    if graph is None:
        return
    try:
        ox.NamedNode(graph)
    except ValueError:
        raise InputError(f"--graph {graph!r} is not a valid IRI") from None
    if ":" not in graph:
        raise InputError(f"--graph {graph!r} is not an absolute IRI (e.g. http://example.org/graph/1)")


def load_into_store(
    paths: Iterable[Path], store_path: Path, *, graph: str | None = None, fmt: str | None = None
) -> list[LoadedFile]:
    """Load ``paths`` into the embedded store at ``store_path`` (created if missing)."""
    from procgraph.store.local import open_store, write_store

    check_graph_iri(graph)
    loaded, quads = [], []
    for path in map(Path, paths):
        rdf_format = file_format(path, fmt)
        read = read_file(path, rdf_format, graph)
        loaded.append(LoadedFile(path, rdf_format, len(read)))
        quads += read
    if not Path(store_path).exists():
        write_store(quads, Path(store_path))
        return loaded
    store = open_store(Path(store_path), read_only=False)
    store.extend(quads)
    store.flush()
    return loaded


def load_into_remote(
    paths: Iterable[Path], remote, *, graph: str | None = None, fmt: str | None = None
) -> list[LoadedFile]:
    """Load ``paths`` into a :class:`procgraph.store.remote.RemoteStore` as one change.

    Every file is parsed first; then all their quads go through the store's bulk path
    (:meth:`~procgraph.store.remote.RemoteStore.write_dataset`: staging graphs, then one update
    adding them to their graphs), so a failure leaves the remote store as it was.
    """
    check_graph_iri(graph)
    checked, quads = [], []
    for path in map(Path, paths):
        rdf_format = file_format(path, fmt)
        read = read_file(path, rdf_format, graph)
        checked.append(LoadedFile(path, rdf_format, len(read)))
        quads += read
    remote.write_dataset(quads, replace=False)
    return checked
