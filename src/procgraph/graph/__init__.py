"""From records and framework facts to RDF: IRIs, named graphs, and the quads of each graph.

The dataset is split into named graphs, listed in :data:`GRAPHS` by short name:

``ontology``  the procgraph ontology and its alignments
``pcf``       the framework reference (APQC PCF elements, ids, names, hierarchy)
``standard``  the content of the ingested standard(s): names, definitions, practices, risks, outputs
``themes``    the theme thesaurus and item tagging (issue 6)
``links``     computed links to other framework categories (issue 6)
``inferred``  triples added by inference, and only those

Queries see the union by default; a user can name one graph.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from procgraph.graph.iris import graph as _graph

GRAPH_NAMES = ("ontology", "pcf", "standard", "themes", "links", "inferred")

#: Graphs some stores have besides those: one per part of a series build (``standard-gbpm-8-p2``)
#: and one per organisation's risk-control matrix (``rcm-org``, from ``procgraph import-rcm``).
_MORE = re.compile(r"^(standard-[a-z0-9-]+-p[0-9]+|rcm-[a-z0-9][a-z0-9-]*)$")

#: Short name -> named-graph IRI (read-only).
GRAPHS = MappingProxyType({name: _graph(name) for name in GRAPH_NAMES})


def graph_iri(name_or_iri: str) -> str:
    """Return the named-graph IRI for a short name, or the IRI itself if it is one of ours.

    Raises ``KeyError`` naming the known graphs otherwise.
    """
    if name_or_iri in GRAPHS:
        return GRAPHS[name_or_iri]
    if name_or_iri in GRAPHS.values():
        return name_or_iri
    if _MORE.match(name_or_iri):  # a part of a series build, or an organisation's matrix (import-rcm)
        return _graph(name_or_iri)
    if name_or_iri.startswith(_graph("")) and _MORE.match(name_or_iri[len(_graph("")) :]):
        return name_or_iri
    raise KeyError(
        f"unknown graph {name_or_iri!r}; known graphs: {', '.join(GRAPH_NAMES)}, "
        "standard-gbpm-N-pK (a part of a series build), rcm-NAME (an organisation's matrix)"
    )
