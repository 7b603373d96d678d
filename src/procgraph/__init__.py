"""procgraph: business-process standards as a knowledge graph.

The pipeline is ingest -> graph -> infer -> validate -> store -> serve/export; each
stage is a module with a plain-function API, and the command line (:mod:`procgraph.cli`)
is a thin layer over those functions.
"""

__version__ = "0.1.0"
