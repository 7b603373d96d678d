"""Every docstring example in procgraph runs: a module whose docstrings show ``>>>`` examples is
checked by :mod:`doctest`, so the examples stay true as the code changes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import procgraph


def _modules_with_examples() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(procgraph.__path__, prefix="procgraph."):
        spec = importlib.util.find_spec(info.name)
        origin = getattr(spec, "origin", None) if spec else None
        if origin and origin.endswith(".py"):
            with open(origin, encoding="utf-8") as handle:
                if ">>> " in handle.read():
                    names.append(info.name)
    return sorted(names)


MODULES = _modules_with_examples()


def test_the_examples_are_found():
    assert len(MODULES) >= 20 and "procgraph.graph.iris" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    found = sum(len(test.examples) for test in doctest.DocTestFinder().find(module))
    assert found > 0, f"{name} has '>>> ' outside its docstrings, where doctest does not look"
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
