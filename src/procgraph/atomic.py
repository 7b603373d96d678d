"""Files written whole or not at all: one home for write-to-temp-then-rename.

Exports, ingest's records, the imported PCF, the validation report, the prepared answers and the
store's marker are all written the same way: a temporary file beside the target, then
``os.replace``, which is atomic on one filesystem. A reader (a running server, Excel, a second
command) sees the old file or the new one, never a part; a failure leaves the old file and no
temporary one. (A whole store directory is swapped by :func:`procgraph.store.write_store`.)

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a.txt", "第一\\n").read_text(encoding="utf-8")
'第一\\n'
>>> with replacing(folder / "a.txt") as tmp:
...     _ = tmp.write_bytes(b"new")
>>> try:
...     with replacing(folder / "a.txt") as tmp:
...         _ = tmp.write_bytes(b"half")
...         raise OSError("disk full")
... except OSError:
...     pass
>>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'new', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Permissions of a written file: readable by all (``mkstemp`` makes private files; the store,
#: its report and the exports are for sharing).
MODE = 0o644


@contextlib.contextmanager
def replacing(target: Path | str, *, mode: int = MODE) -> Iterator[Path]:
    """A temporary path beside ``target`` to write (an empty file exists there); when the block
    ends without an error it replaces ``target``, otherwise it is removed and ``target`` stays."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(target: Path | str, data: bytes | str, *, newline: str | None = None) -> Path:
    """Write ``data`` (text as UTF-8, with ``newline`` as :func:`open` takes it) to ``target`` atomically."""
    with replacing(target) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
                handle.write(data)
    return Path(target)
