"""Named queries: the ``queries/*.rq`` files procgraph ships, read, described and bound.

A named query is a SPARQL file whose header comments document it and whose single-value
``VALUES ?name { default }`` lines are its parameters::

    # title: Risks of one element
    # title-zh: 某一流程元素的风险
    # description: …
    # description-zh: …
    # parameters: ?element, the element's IRI (default 8.1.1.1)
    # example: ?element = pcf:20610
    # prepare: element                 (optional: how procgraph build prepares its answers)

A value replaces a default only after it has been turned into a valid RDF term (an IRI checked
by pyoxigraph, a string literal escaped by pyoxigraph, an integer parsed as one), so values are
never pasted into query text. The JSON API (``/api/queries/{name}``), the query page's forms,
``procgraph query NAME`` and the answers ``procgraph build`` prepares all bind through
:func:`bind`; a bad value is a :class:`ParameterError` (the API answers it with a 400).

>>> q = NamedQuery("demo", {"title": "demo"}, 'SELECT * { VALUES ?n { 3 } VALUES ?t { "x" } }',
...                (Parameter("n", "integer", "3"), Parameter("t", "string", "x")))
>>> bind(q, {"n": "7", "t": 'say "hi"'})
'SELECT * { VALUES ?n { 7 } VALUES ?t { "say \\\\"hi\\\\"" } }'
>>> bind(q, {"n": "seven"})
Traceback (most recent call last):
...
procgraph.queries.ParameterError: parameter n: 'seven' is not a valid integer
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from procgraph.errors import QueryError

#: The header comment fields of a named query.
HEADER_KEYS = ("title", "title-zh", "description", "description-zh", "parameters", "example", "prepare")
_VALUES = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*([^{}\s][^{}]*?)\s*\}")


class ParameterError(QueryError):
    """A parameter value that is not a valid term of its kind, or a parameter the query lacks."""


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: variable name, kind (iri, string, integer, boolean) and default."""

    name: str
    kind: str
    default: str


@dataclass(frozen=True)
class NamedQuery:
    """A ``queries/*.rq`` file: name, header fields, text and parameters."""

    name: str
    header: dict[str, str]
    text: str
    parameters: tuple[Parameter, ...]

    def describe(self) -> dict[str, Any]:
        fields = {k: v for k, v in self.header.items() if k not in ("name", "text", "prepare")}
        return {
            "name": self.name,
            **fields,
            "url": f"/api/queries/{self.name}",
            "parameters": [{"name": p.name, "type": p.kind, "default": p.default} for p in self.parameters],
        }


def read_header(path: Path) -> dict[str, str]:
    """The header fields (:data:`HEADER_KEYS`) and full text (``"text"``) of one ``.rq`` file;
    the title defaults to the file's name."""
    text = path.read_text(encoding="utf-8")
    header = {"name": path.stem, "text": text}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if sep and key.strip().lower() in HEADER_KEYS:
            header[key.strip().lower()] = value.strip()
    header.setdefault("title", path.stem)
    return header


def _parameter(name: str, default: str) -> Parameter | None:
    if default.startswith("<") and default.endswith(">"):
        return Parameter(name, "iri", default[1:-1])
    if re.fullmatch(r'"(?:[^"\\]|\\.)*"', default):
        return Parameter(name, "string", json.loads(default))
    if re.fullmatch(r"[+-]?\d+", default):
        return Parameter(name, "integer", default)
    if default in ("true", "false"):
        return Parameter(name, "boolean", default)
    return None


def parse_named_query(path: Path) -> NamedQuery:
    """Read a named query; its single-variable, single-value VALUES lines are its parameters."""
    header = read_header(path)
    text = header["text"]
    params: list[Parameter] = []
    # not the header's examples
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for m in _VALUES.finditer(body):
        p = _parameter(m.group(1), m.group(2).strip())
        if p is not None and p.name not in {q.name for q in params}:
            params.append(p)
    return NamedQuery(path.stem, header, text, tuple(params))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in ``queries/``, by name, in file-name order."""
    from procgraph.resources import resource_dir

    return {p.stem: parse_named_query(p) for p in sorted(resource_dir("queries").glob("*.rq"))}


def term(kind: str, value: str, name: str) -> str:
    """The SPARQL form of a parameter value, or a :class:`ParameterError` naming the parameter."""
    try:
        if kind == "iri":
            return str(ox.NamedNode(value))
        if kind == "integer":
            return str(int(value))
        if kind == "boolean":
            if value.strip().lower() not in ("true", "false", "1", "0"):
                raise ValueError(value)
            return "true" if value.strip().lower() in ("true", "1") else "false"
        return str(ox.Literal(value))
    except ValueError:
        raise ParameterError(f"parameter {name}: {value!r} is not a valid {kind}") from None


def theme_value(default: str, value: str) -> str | None:
    """For a parameter whose default is a theme: a theme label or slug (沟通, 溝通, communication)
    as the theme's IRI, an IRI as given, None for a name no theme has. Other parameters' values
    come back unchanged."""
    from procgraph.graph.themes import load_thesaurus

    thesaurus = load_thesaurus()
    if default not in thesaurus.themes:
        return value
    theme = thesaurus.resolve(value)
    if theme is not None:
        return theme.iri
    return value if ":" in value else None


def resolve_values(query: NamedQuery, values: dict[str, str]) -> dict[str, str]:
    """``values`` with a theme parameter's label or slug turned into the theme's IRI
    (:class:`ParameterError` for a name no theme has)."""
    resolved = dict(values)
    for p in query.parameters:
        if p.kind == "iri" and p.name in resolved:
            iri = theme_value(p.default, resolved[p.name])
            if iri is None:
                raise ParameterError(
                    f"parameter {p.name}: no theme is called {resolved[p.name]!r}; name one by "
                    "a label in zh-Hans, zh-Hant or en, its slug or its IRI (see /api/themes)"
                )
            resolved[p.name] = iri
    return resolved


def bind(query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with each given parameter's VALUES default replaced by the value's term."""
    unknown = sorted(set(values) - {p.name for p in query.parameters})
    if unknown:
        raise ParameterError(
            f"query {query.name} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(p.name for p in query.parameters) or 'none'}"
        )
    kinds = {p.name: p.kind for p in query.parameters}

    def replace(m: re.Match) -> str:
        name = m.group(1)
        if name in values and name in kinds:
            return f"VALUES ?{name} {{ {term(kinds[name], values[name], name)} }}"
        return m.group(0)

    return _VALUES.sub(replace, query.text)


# --- answers ---------------------------------------------------------------------------


def _plain(binding: dict[str, str]) -> Any:
    value = binding["value"]  # every binding of SPARQL JSON results has one
    datatype = binding.get("datatype", "")
    if datatype.endswith("#integer"):
        return int(value)
    if datatype.endswith(("#decimal", "#double", "#float")):
        return float(value)
    if datatype.endswith("#boolean"):
        return value == "true"
    return value


def plain_rows(document: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """(variables, rows of plain values) of a SPARQL JSON results document."""
    variables = document["head"]["vars"]
    rows = []
    for binding in document["results"]["bindings"]:
        row = {k: _plain(v) for k, v in binding.items()}
        row.update({f"{k}@lang": v["xml:lang"] for k, v in binding.items() if "xml:lang" in v})
        rows.append(row)
    return variables, rows
