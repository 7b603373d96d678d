"""The library below, HTTP on top: no module outside ``server/``, ``commands/`` and ``cli.py``
imports the server package, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "procgraph"
#: The layers allowed to use the server: the server itself and the command line above it.
ABOVE = ("server", "commands", "cli.py")


def _server_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        if any(n == "procgraph.server" or n.startswith("procgraph.server.") for n in names):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_the_library_never_imports_the_server():
    library = [p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] not in ABOVE]
    assert len(library) > 30  # the walk found the package
    assert [hit for path in library for hit in _server_imports(path)] == []
