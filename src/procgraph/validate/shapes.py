"""Read the SHACL shapes (``shapes/*.ttl``) into checks the fast validator can run.

Each shape is one *check*: what it targets, its constraints, its severity, its messages in
zh-Hans and en, and the procgraph annotations (``pgsh:aspect``, ``pgsh:fixOrder``,
``pgsh:requiresInference``). :func:`load_checks` compiles every constraint into one SPARQL
SELECT that returns all its violations at once (``?this`` the focus node, ``?value`` the
offending value when there is one), so the shapes stay the single statement of the rules
and Oxigraph evaluates them. A shape using a SHACL feature outside the supported subset is
refused with :class:`ShapeError` naming the shape and the feature, never silently skipped.

Supported: targets ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:target`` with a ``sh:SPARQLTarget``;
all SHACL property paths; ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:pattern``
(with ``sh:flags``), ``sh:in``, ``sh:class``, ``sh:hasValue`` and SPARQL-based constraints
(``sh:sparql`` with ``sh:select`` and ``sh:prefixes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from rdflib import RDF, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import IdentifiedNode, Node

from procgraph.errors import ProcgraphError
from procgraph.resources import resource_dir

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
PGSH = rdflib.Namespace("https://w3id.org/procgraph/shapes#")

ASPECTS = ("structure", "coverage", "completeness", "alignment", "text", "rcm")
SEVERITIES = ("Violation", "Warning", "Info")

_PROLOG = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}

#: Shape properties the compiler understands; anything else in the sh: namespace is refused.
_KNOWN = {
    SH[n]
    for n in (
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
        "path",
        "property",
        "minCount",
        "maxCount",
        "datatype",
        "pattern",
        "flags",
        "in",
        "class",
        "hasValue",
        "sparql",
        "severity",
        "message",
        "name",
        "description",
        "deactivated",
        "order",
        "group",
    )
}


class ShapeError(ProcgraphError):
    """A shape cannot be read or uses a feature the fast validator does not support."""


@dataclass(frozen=True)
class Constraint:
    """One constraint of a check, compiled to a SPARQL SELECT over ``?this`` (and ``?value``)."""

    component: str
    query: str
    messages: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Check:
    """One shape: its identity, annotations, messages, target query and constraints."""

    iri: str
    file: str
    aspect: str
    fix_order: int
    severity: str
    messages: tuple[tuple[str, str], ...]
    requires_inference: bool
    path: str | None
    target_query: str
    constraints: tuple[Constraint, ...]

    @property
    def name(self) -> str:
        return self.iri.rsplit("#", 1)[-1]

    def message(self, lang: str, constraint: Constraint | None = None) -> str:
        """The message in ``lang`` ("zh-Hans" or "en"): the constraint's own, else the shape's."""
        for source in ((constraint.messages if constraint else ()), self.messages):
            for tag, text in source:
                if tag.lower() == lang.lower():
                    return text
        return ""


def shape_files(directory: Path | None = None) -> list[Path]:
    """The shape files, sorted: ``shapes/*.ttl`` unless another directory is given."""
    return sorted(Path(directory or resource_dir("shapes")).glob("*.ttl"))


def load_shapes_graph(files: list[Path] | None = None) -> rdflib.Graph:
    """All shape files merged into one rdflib graph (what pySHACL is given as well)."""
    graph = rdflib.Graph()
    for path in files if files is not None else shape_files():
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds of parser errors
            raise ShapeError(f"cannot read the shapes: {exc}", file=str(path)) from None
    return graph


def load_checks(files: list[Path] | None = None) -> list[Check]:
    """Every active shape as a compiled :class:`Check`, in fix order."""
    files = files if files is not None else shape_files()
    graph = load_shapes_graph(files)
    owners = _shape_files(files)
    shapes = sorted({s for s in graph.subjects(PGSH.aspect, None) if isinstance(s, IdentifiedNode)})
    checks = [
        _compile(graph, shape, owners.get(shape, ""))
        for shape in shapes
        if not literal_value(graph, shape, SH.deactivated, False)
    ]
    return sorted(checks, key=lambda c: (c.fix_order, c.iri))


def literal_value(g: rdflib.Graph, subject: Node, predicate: URIRef, default: Any) -> Any:
    """The Python value of ``subject``'s literal ``predicate``, or ``default`` when it has none."""
    value = g.value(subject, predicate)
    return value.toPython() if isinstance(value, Literal) else default


def _shape_files(files: list[Path]) -> dict[Node, str]:
    owners: dict[Node, str] = {}
    for path in files:
        for shape in rdflib.Graph().parse(path, format="turtle").subjects(PGSH.aspect, None):
            owners[shape] = path.name
    return owners


def _fail(shape, file: str, message: str) -> ShapeError:
    return ShapeError(f"shape {shape.n3()}: {message}", file=file or None)


def _compile(g: rdflib.Graph, shape: IdentifiedNode, file: str) -> Check:
    for p in set(g.predicates(shape, None)):
        if str(p).startswith(str(SH)) and p not in _KNOWN:
            raise _fail(shape, file, f"uses {p.n3(g.namespace_manager)}, which the fast validator does not support")
    if (shape, SH.property, None) in g:
        raise _fail(
            shape, file, "nested sh:property shapes are not supported: give each check its own shape with targets"
        )
    aspect = str(g.value(shape, PGSH.aspect))
    if aspect not in ASPECTS:
        raise _fail(shape, file, f"pgsh:aspect must be one of {', '.join(ASPECTS)}")
    severity_node = g.value(shape, SH.severity, default=SH.Violation)
    severity = str(severity_node).rsplit("#", 1)[-1]
    if severity not in SEVERITIES:
        raise _fail(shape, file, f"unknown severity {severity_node}")
    prefixes = _prefixes(g, shape, file)
    target = _target_pattern(g, shape, file, prefixes)
    path_node = g.value(shape, SH.path)
    path = _path(g, path_node, shape, file) if path_node is not None else None
    constraints = _core_constraints(g, shape, file, path, target, _prolog(prefixes)) + _sparql_constraints(
        g, shape, file, target
    )
    if not constraints:
        raise _fail(shape, file, "has no constraint")
    return Check(
        iri=str(shape),
        file=file,
        aspect=aspect,
        fix_order=int(literal_value(g, shape, PGSH.fixOrder, 99)),
        severity=severity,
        messages=_messages(g, shape),
        requires_inference=bool(literal_value(g, shape, PGSH.requiresInference, False)),
        path=path,
        target_query=_prolog(prefixes) + f"SELECT DISTINCT ?this WHERE {{ {target} }}",
        constraints=tuple(constraints),
    )


def _messages(g: rdflib.Graph, node) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((m.language or "", str(m)) for m in g.objects(node, SH.message) if isinstance(m, Literal)))


def _prefixes(g: rdflib.Graph, shape, file: str) -> dict[str, str]:
    """Prefixes declared (sh:declare) by every sh:prefixes the shape's SPARQL parts name."""
    out = dict(_PROLOG)
    holders = [n for n in g.objects(shape, SH.sparql)] + [n for n in g.objects(shape, SH.target)]
    for holder in holders:
        for ontology in g.objects(holder, SH.prefixes):
            for decl in g.objects(ontology, SH.declare):
                out[str(g.value(decl, SH.prefix))] = str(g.value(decl, SH.namespace))
    return out


def _prolog(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))


def _iri(node) -> str:
    return f"<{node}>"


def _target_pattern(g: rdflib.Graph, shape, file: str, prefixes: dict[str, str]) -> str:
    def objects(predicate: URIRef) -> list[Node]:
        return sorted(g.objects(shape, predicate), key=str)

    parts = [f"{{ ?this rdf:type/rdfs:subClassOf* {_iri(c)} }}" for c in objects(SH.targetClass)]
    parts += [f"{{ BIND({_iri(n)} AS ?this) }}" for n in objects(SH.targetNode)]
    parts += [f"{{ ?this {_iri(p)} ?targetObject }}" for p in objects(SH.targetSubjectsOf)]
    parts += [f"{{ ?targetSubject {_iri(p)} ?this }}" for p in objects(SH.targetObjectsOf)]
    for target in g.objects(shape, SH.target):
        select = g.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in g or select is None:
            raise _fail(shape, file, "sh:target must be a sh:SPARQLTarget with sh:select")
        parts.append(f"{{ {select} }}")
    if not parts:
        raise _fail(shape, file, "has no target")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _path(g: rdflib.Graph, node, shape, file: str) -> str:
    """A SHACL property path as a SPARQL property path."""
    if isinstance(node, URIRef):
        return _iri(node)
    if (node, RDF.first, None) in g:
        return "(" + "/".join(_path(g, n, shape, file) for n in Collection(g, node)) + ")"
    for key, template in (
        ("inversePath", "^{}"),
        ("zeroOrMorePath", "{}*"),
        ("oneOrMorePath", "{}+"),
        ("zeroOrOnePath", "{}?"),
    ):
        inner = g.value(node, SH[key])
        if inner is not None:
            return "(" + template.format(_path(g, inner, shape, file)) + ")"
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(g, n, shape, file) for n in Collection(g, alternatives)) + ")"
    raise _fail(shape, file, "sh:path is not a SHACL property path")


def _literal_sparql(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _term_sparql(node) -> str:
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        if node.language:
            return f"{_literal_sparql(str(node))}@{node.language}"
        return f"{_literal_sparql(str(node))}^^<{node.datatype or 'http://www.w3.org/2001/XMLSchema#string'}>"
    raise ValueError("blank nodes cannot be constraint parameters")


def _value_query(target: str, path: str, condition: str) -> str:
    return f"SELECT DISTINCT ?this ?value WHERE {{ {target} ?this {path} ?value . FILTER({condition}) }}"


def _core_constraints(
    g: rdflib.Graph, shape, file: str, path: str | None, target: str, prolog: str
) -> list[Constraint]:
    present = [name for name in _CORE_QUERIES if (shape, SH[name], None) in g]
    if not present:
        return []
    if path is None:
        raise _fail(shape, file, f"sh:{present[0]} needs a property shape (sh:path)")
    out = []
    for name in present:
        value = g.value(shape, SH[name])
        component = f"{name[0].upper()}{name[1:]}ConstraintComponent"
        out.append(Constraint(component, prolog + _CORE_QUERIES[name](g, shape, value, path, target)))
    return out


# One query builder per SHACL Core constraint component (as pySHACL keeps one class per component):
# each takes the shapes graph, the shape, the constraint's value, the path and the target pattern,
# and gives the SELECT of the focus nodes (?this) that violate it, with ?value where there is one.


def _min_count(g, shape, value, path: str, target: str) -> str:
    n = int(value)
    if n == 1:
        return f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} ?any }} }}"
    return (
        f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?v }} }} "
        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})"
    )


def _max_count(g, shape, value, path: str, target: str) -> str:
    return (
        f"SELECT ?this WHERE {{ {target} ?this {path} ?v }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(value)})"
    )


def _datatype(g, shape, value, path: str, target: str) -> str:
    return _value_query(target, path, f"!isLiteral(?value) || datatype(?value) != {_iri(value)}")


def _pattern(g, shape, value, path: str, target: str) -> str:
    flags = g.value(shape, SH.flags)
    args = _literal_sparql(str(value)) + (f", {_literal_sparql(str(flags))}" if flags else "")
    return _value_query(target, path, f"isBlank(?value) || !REGEX(STR(?value), {args})")


def _in(g, shape, value, path: str, target: str) -> str:
    members = list(Collection(g, value))
    same = " || ".join(f"sameTerm(?value, {_term_sparql(m)})" for m in members) or "false"
    return _value_query(target, path, f"!({same})")


def _class(g, shape, value, path: str, target: str) -> str:
    return _value_query(target, path, f"NOT EXISTS {{ ?value rdf:type/rdfs:subClassOf* {_iri(value)} }}")


def _has_value(g, shape, value, path: str, target: str) -> str:
    return f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} {_term_sparql(value)} }} }}"


#: The Core constraints the compiler turns into queries, by their sh: parameter, in checking order.
_CORE_QUERIES = {
    "minCount": _min_count,
    "maxCount": _max_count,
    "datatype": _datatype,
    "pattern": _pattern,
    "in": _in,
    "class": _class,
    "hasValue": _has_value,
}


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_THIS = re.compile(r"\$this\b")
_FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE|OPTIONAL)\b", re.IGNORECASE)


def _sparql_constraints(g: rdflib.Graph, shape, file: str, target: str) -> list[Constraint]:
    """SPARQL-based constraints: ``$this`` becomes ``?this``, bound by the target pattern."""
    out = []
    for node in sorted(g.objects(shape, SH.sparql), key=lambda n: str(g.value(n, SH.select))):
        select = g.value(node, SH.select)
        if select is None:
            raise _fail(shape, file, "sh:sparql needs sh:select")
        text = _THIS.sub("?this", str(select)).strip()
        if (
            not _WHERE.search(text)
            or not text.endswith("}")
            or not re.match(r"SELECT\s+(DISTINCT\s+)?\?this\b", text, re.IGNORECASE)
        ):
            raise _fail(shape, file, "a SPARQL constraint must read SELECT $this ... WHERE { ... }")
        forbidden = _FORBIDDEN.search(text)
        if forbidden:
            raise _fail(
                shape,
                file,
                f"a SPARQL constraint must not use {forbidden.group(0).upper()} "
                "(SHACL forbids MINUS, VALUES and SERVICE; OPTIONAL would change meaning "
                "when the target is joined)",
            )
        body = text[:-1] + f" {target} }}"  # the target joins at the end of the WHERE group
        prolog = _prolog(_prefixes(g, shape, file))
        query = prolog + f"SELECT DISTINCT ?this ?value WHERE {{ {{ {body} }} }}"
        out.append(Constraint("SPARQLConstraintComponent", query, _messages(g, node)))
    return out
