"""The ontology graph: ``ontology/procgraph.ttl`` and ``ontology/alignments.ttl`` as quads."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from procgraph.errors import InputError
from procgraph.graph import GRAPHS
from procgraph.graph.terms import in_graph
from procgraph.resources import resource_path

ONTOLOGY_FILES = ("procgraph.ttl", "alignments.ttl")


def ontology_files(with_alignments: bool = True) -> list[Path]:
    """The Turtle files making up the ontology graph."""
    names = ONTOLOGY_FILES if with_alignments else ONTOLOGY_FILES[:1]
    return [resource_path("ontology", name) for name in names]


def read_turtle(path: Path) -> list:
    """Parse one Turtle file into triples, with an :class:`InputError` naming the file on failure."""
    try:
        return list(parse(path=str(path), format=RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise InputError(f"not valid Turtle: {exc}", file=str(path)) from None


def ontology_quads(with_alignments: bool = True) -> list[Quad]:
    """All quads of the ontology graph, sorted."""
    triples = [t for path in ontology_files(with_alignments) for t in read_turtle(path)]
    return in_graph(triples, GRAPHS["ontology"])
