"""Where the built dataset lives: an embedded Oxigraph store on disk (:mod:`.local`).

``write_store(quads, path)`` replaces a store atomically; ``open_store(path)`` opens one
(read-only by default) or raises :class:`procgraph.errors.StoreError` saying how to rebuild.
"""

from procgraph.store.local import open_store, read_marker, write_store

__all__ = ["open_store", "read_marker", "write_store"]
