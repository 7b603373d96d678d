"""Server settings and the named limits the endpoint enforces."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: Seconds a query or update may run before its worker process is killed (503).
DEFAULT_TIMEOUT_S = 10.0
#: Largest request body accepted on /sparql and /sparql/update (413 beyond it).
MAX_QUERY_BODY_BYTES = 1 * 1024 * 1024
#: Largest RDF document accepted by the Graph Store Protocol (413 beyond it).
MAX_GRAPH_BODY_BYTES = 64 * 1024 * 1024
#: Most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE, graph GET) one answer may hold.
MAX_RESULT_ROWS = 100_000
#: Worker processes answering queries on an embedded store.
DEFAULT_WORKERS = 2
#: Answers a read-only endpoint keeps for repeated requests (0: no cache; see server/cache.py).
DEFAULT_CACHE_ENTRIES = 4096
#: Environment variable holding the update token when ``--update-token`` is not given.
UPDATE_TOKEN_ENV = "PROCGRAPH_UPDATE_TOKEN"


@dataclass(frozen=True)
class Settings:
    """Everything :func:`procgraph.server.create_app` needs to know.

    Exactly one of ``store_path`` (an embedded Oxigraph store on disk) and ``store_url``
    (the query endpoint of an existing SPARQL store) is set.
    """

    store_path: Path | None = None
    store_url: str | None = None
    store_update_url: str | None = None
    store_graph_store_url: str | None = None
    #: Further :class:`procgraph.store.remote.RemoteStore` arguments (kind, user, password; the
    #: two URLs above win over ones given here).
    store_options: dict = field(default_factory=dict, repr=False, compare=False)
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_body_bytes: int = MAX_QUERY_BODY_BYTES
    max_graph_body_bytes: int = MAX_GRAPH_BODY_BYTES
    max_rows: int = MAX_RESULT_ROWS
    workers: int = DEFAULT_WORKERS
    enable_update: bool = False
    update_token: str | None = None
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    #: The default graph of a query or update without a dataset: the union of all graphs (a
    #: set of triples; sd:UnionDefaultGraph), or with False only the stored default graph.
    union_default_graph: bool = True

    @property
    def fixed_store(self) -> bool:
        """An embedded store opened read-only: its data cannot change while it is served (without
        a restart), so answers, the catalog and the search index may be kept for the server's life."""
        return self.store_path is not None and not self.enable_update

    def __post_init__(self):
        if (self.store_path is None) == (self.store_url is None):
            raise ValueError("Settings need exactly one of store_path and store_url")
        if self.enable_update and not self.update_token:
            raise ValueError("updates need a token (--update-token or $" + UPDATE_TOKEN_ENV + ")")
        if self.cache_entries < 0:
            raise ValueError("the answer cache size cannot be negative (0 switches it off)")
        if self.timeout_s <= 0 or self.max_rows <= 0 or self.workers <= 0:
            raise ValueError("timeout, row limit and worker count must be positive")


def token_from_environment() -> str | None:
    """Return the update token from :data:`UPDATE_TOKEN_ENV`, or None when unset or empty."""
    return os.environ.get(UPDATE_TOKEN_ENV) or None
