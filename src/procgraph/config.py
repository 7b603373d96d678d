"""Where procgraph keeps per-user data: the built store and an imported PCF.

The data home is ``$PROCGRAPH_HOME`` if set, else ``$XDG_DATA_HOME/procgraph``, else
``~/.local/share/procgraph``. The default store is ``<home>/store``; an imported APQC
workbook is kept as ``<home>/pcf/``. Every command that reads or writes the store takes
``--store DIR`` as well, which wins over all of these.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PROCGRAPH_HOME"


def data_home() -> Path:
    """Return the per-user data directory (not created here)."""
    explicit = os.environ.get(HOME_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg).expanduser() / "procgraph"
    return Path.home() / ".local" / "share" / "procgraph"


def default_store_path() -> Path:
    """Return the store location used when no ``--store`` is given."""
    return data_home() / "store"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return ``explicit`` (from ``--store``) if given, else the default store path."""
    return Path(explicit).expanduser() if explicit else default_store_path()


def pcf_dir() -> Path:
    """Return the directory where ``procgraph import-pcf`` keeps the imported framework."""
    return data_home() / "pcf"
