"""Answers of the named queries, prepared by ``procgraph build`` and saved with the store.

A few named queries read much of the store: ``graphs`` counts every quad, ``theme-distribution``
reads every theme tag, and on a large store ``risks-by-theme`` and ``risks-by-keyword`` return
thousands of rows, each joined from several lookups (at 100 times the bundled data they take
1.3–4.2 s on the disk store). Their answers cannot change until the data do, so the build answers
them once, on the in-memory dataset it has just validated, and saves the answers in the store
directory (:data:`ANSWERS_FILE`, an SQLite database). The API then serves a saved answer while
the store's database files are the ones it was prepared for; once ``procgraph load`` changes
them, or for a remote or updatable store, the query runs as usual.

What the build prepares is declared in each query's header:

* a query without parameters: its answer;
* ``# prepare: ?topic from SELECT ?topic WHERE { ... }``: one answer for every value of the
  parameter that the SELECT gives on the same data (for ``risks-by-theme``, every theme);
* ``# prepare: ?word "" then CONTAINS(?text, ?word)``: the answer for the empty string, which
  every text contains, saved row by row beside each row's ``?text``. The answer for any other
  word is then the saved rows whose ``?text`` contains it, in their saved order: the query
  filters on exactly that, and its ordering does not depend on the word. SQLite's ``instr``
  finds code-point substrings, as SPARQL's ``CONTAINS`` does.

The build also saves the search documents (:mod:`procgraph.search`) there, so the search index
of a large store is built from one table rather than from queries that read every text, and
whether two graphs share a triple (:func:`procgraph.store.union.graphs_overlap`, which decides
how the union default graph is evaluated; it reads every quad, 7-8 s at 100 times the bundled
data), so a query worker knows it when it starts instead of finding out inside a query's deadline.

Keys are the exact query texts, with the parameters bound the way the API binds them, so a
saved answer is by construction the answer to the text the API would have run. Rows are kept in
the API's plain form (see :func:`procgraph.queries.plain_rows`).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from procgraph.atomic import replacing
from procgraph.graph.terms import solutions
from procgraph.queries import NamedQuery, bind, named_queries, plain_rows, results
from procgraph.store import union

#: SQLite database in a store directory with the answers prepared at build time.
ANSWERS_FILE = "named-answers.sqlite"
#: Version of the database's layout; another version is ignored (the queries run instead).
FORMAT = "2"

_FROM = re.compile(r"\?(\w+)\s+from\s+(SELECT\b.+)", re.IGNORECASE | re.DOTALL)
_CONTAINS = re.compile(r'\?(\w+)\s+""\s+then\s+CONTAINS\(\s*\?(\w+)\s*,\s*\?(\w+)\s*\)\s*', re.IGNORECASE)
_PREFIX = re.compile(r"^\s*PREFIX\s+\S*:\s*<[^>]*>\s*$", re.IGNORECASE | re.MULTILINE)


def _dumps(value: Any) -> str:
    """JSON as the API's responses write it (compact, UTF-8 text kept as is)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@dataclass(frozen=True)
class Plan:
    """What the build prepares for one named query (read from its ``# prepare:`` header)."""

    kind: str  # "answer" (no parameters), "each" (every value of a SELECT) or "contains"
    parameter: str = ""
    select: str = ""  # kind "each": the SELECT that gives the values
    probe: str = ""  # kind "contains": the projected variable the word is looked for in


def plan(query: NamedQuery) -> Plan | None:
    """What to prepare for ``query``; None for nothing. A malformed header is a ValueError naming the query."""
    spec = query.header.get("prepare", "").strip()
    if not spec:
        return Plan("answer") if not query.parameters else None
    names = {p.name: p for p in query.parameters}
    if m := _FROM.fullmatch(spec):
        if m.group(1) not in names:
            raise ValueError(
                f"query {query.name}: '# prepare:' names ?{m.group(1)}, which is not one of its parameters"
            )
        prefixes = "\n".join(_PREFIX.findall(query.text))
        return Plan("each", m.group(1), select=f"{prefixes}\n{m.group(2)}")
    if m := _CONTAINS.fullmatch(spec):
        parameter, probe, word = m.groups()
        if word != parameter or names.get(parameter) is None or names[parameter].kind != "string":
            raise ValueError(
                f"query {query.name}: '# prepare: ?{parameter} \"\" then CONTAINS(?{probe}, ?{word})' "
                "needs the same string parameter twice"
            )
        return Plan("contains", parameter, probe=probe)
    raise ValueError(
        f"query {query.name}: cannot read its '# prepare:' header {spec!r}; expected "
        "'?param from SELECT ...' or '?param \"\" then CONTAINS(?var, ?param)'"
    )


@dataclass(frozen=True)
class Prepared:
    """One prepared answer: the query text it answers, columns and rows (plain form)."""

    name: str
    text: str
    columns: list[str]
    rows: list[dict[str, Any]]
    probe: str = ""  # set when the rows are saved one by one for CONTAINS lookups


def _values(store: ox.Store, select: str, parameter: str) -> list[str]:
    values: set[str] = set()
    for solution in solutions(store, select, use_default_graph_as_union=True):
        term = solution[parameter]
        if term is not None:
            values.add(term.value)
    return sorted(values)


@dataclass(frozen=True)
class Preparation:
    """Everything prepared for one store: the named queries' answers and the search documents."""

    answers: list[Prepared]
    documents: list  # procgraph.search.Document
    #: Whether two graphs of the store share a triple (see :func:`procgraph.store.union.graphs_overlap`).
    graphs_overlap: bool = False


def _select(store: ox.Store, name: str, text: str) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows in the API's plain form) of a SELECT run on ``store`` as the endpoint runs it.

    As the endpoint runs a query that names no dataset (the named queries name none): over the
    union default graph, its answer written by the endpoint's own JSON writer
    (:func:`procgraph.queries.results.write_solutions`), so the saved rows are the ones the API
    would read from a live answer.
    """
    try:
        answer = store.query(text, use_default_graph_as_union=True)
    except (SyntaxError, RuntimeError, ValueError) as exc:
        raise RuntimeError(f"preparing the answer of {name} failed: {exc}") from None
    if not isinstance(answer, ox.QuerySolutions):
        raise RuntimeError(f"preparing the answer of {name} failed: it is not a SELECT")
    body = results.write_solutions(answer, results.format_named("json"), 10**9, text)
    return plain_rows(json.loads(body))


def read_documents(store: ox.Store) -> list:
    """The search documents (:class:`procgraph.search.Document`) of ``store``."""
    from procgraph.search import DOCUMENT_TEXTS, DOCUMENT_THEMES, documents_from_rows

    return documents_from_rows(
        _select(store, "search texts", DOCUMENT_TEXTS)[1], _select(store, "search themes", DOCUMENT_THEMES)[1]
    )


def prepare(store: ox.Store) -> Preparation:
    """Answer, on ``store``, every query text the named queries' headers ask to prepare, and
    read the search documents (:mod:`procgraph.search`) that the search index is built from."""

    def answer(name: str, text: str, probe: str = "") -> Prepared:
        columns, rows = _select(store, name, text)
        if probe and probe not in columns:
            raise ValueError(f"query {name}: '# prepare:' looks in ?{probe}, which the query does not select")
        return Prepared(name, text, columns, rows, probe)

    prepared = []
    for name, query in named_queries().items():
        how = plan(query)
        if how is None:
            continue
        if how.kind == "answer":
            prepared.append(answer(name, query.text))
        elif how.kind == "each":
            for value in _values(store, how.select, how.parameter):
                prepared.append(answer(name, bind(query, {how.parameter: value})))
        else:
            prepared.append(answer(name, bind(query, {how.parameter: ""}), how.probe))
    return Preparation(prepared, read_documents(store), union.graphs_overlap(store))


def store_fingerprint(directory: Path) -> list[list[Any]]:
    """Names and sizes of a store's database files; they change whenever its data change."""
    return sorted(
        [p.name, p.stat().st_size]
        for p in Path(directory).iterdir()
        if p.suffix in (".sst", ".log") or p.name.startswith("MANIFEST-") or p.name == "CURRENT"
    )


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE answers (id INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                      columns TEXT NOT NULL, count INTEGER NOT NULL, rows TEXT);
CREATE TABLE answer_rows (answer INTEGER NOT NULL REFERENCES answers (id), seq INTEGER NOT NULL,
                          probe TEXT NOT NULL, row TEXT NOT NULL, PRIMARY KEY (answer, seq)) WITHOUT ROWID;
CREATE TABLE search_documents (seq INTEGER PRIMARY KEY, document TEXT NOT NULL);
"""


def write_answers(directory: Path, preparation: Preparation) -> Path:
    """Save ``preparation`` in ``directory`` (a finished store) atomically: a new file, then a rename."""
    from procgraph.search import document_to_json

    target = Path(directory) / ANSWERS_FILE
    with replacing(target) as tmp, contextlib.closing(sqlite3.connect(tmp)) as db, db:
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", FORMAT),
                ("store", _dumps(store_fingerprint(directory))),
                ("graphs_overlap", _dumps(preparation.graphs_overlap)),
            ],
        )
        db.executemany(
            "INSERT INTO search_documents VALUES (?, ?)",
            ((i, _dumps(document_to_json(d))) for i, d in enumerate(preparation.documents)),
        )
        for number, p in enumerate(sorted(preparation.answers, key=lambda p: p.text), start=1):
            rows = None if p.probe else _dumps(p.rows)
            db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (number, p.text, p.name, _dumps(p.columns), len(p.rows), rows),
            )
            if p.probe:
                db.executemany(
                    "INSERT INTO answer_rows VALUES (?, ?, ?, ?)",
                    ((number, i, str(row.get(p.probe, "")), _dumps(row)) for i, row in enumerate(p.rows)),
                )
    return target


def save_answers(directory: Path, store: ox.Store | None = None) -> Path:
    """Prepare the answers on ``store`` (default: the store in ``directory``) and save them there."""
    if store is None:
        from procgraph.store.local import open_store

        store = open_store(Path(directory))
    return write_answers(directory, prepare(store))


def _open(directory: Path, served: list | None = None) -> sqlite3.Connection | None:
    """The answers database of the store in ``directory``, if it was prepared for its current files.

    ``served``: the files the server's workers opened (their snapshot); when given, the
    answers must have been prepared for those too. A store rebuilt or loaded into while a
    server runs then has its queries run rather than answered from files the workers may not see.
    """
    path = Path(directory) / ANSWERS_FILE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        prepared_for = json.loads(meta.get("store", "null"))
        if (
            meta.get("format") == FORMAT
            and prepared_for == store_fingerprint(directory)
            and (served is None or served == prepared_for)
        ):
            return db
    except (sqlite3.Error, OSError, ValueError):
        pass
    db.close()
    return None


def _read_saved(directory: Path, read: Callable[[sqlite3.Connection], Any], served: list | None = None) -> Any:
    """``read(db)`` on the answers database of ``directory`` (see :func:`_open`), or None when
    there is none that holds or it cannot be read."""
    db = _open(directory, served)
    if db is None:
        return None
    try:
        return read(db)
    except (sqlite3.Error, ValueError, KeyError):
        return None
    finally:
        db.close()


def saved_documents(directory: Path, served: list | None = None) -> list | None:
    """The search documents saved with the store in ``directory``, or None (then read them from the store)."""
    from procgraph.search import document_from_json

    def read(db: sqlite3.Connection) -> list:
        rows = db.execute("SELECT document FROM search_documents ORDER BY seq")
        return [document_from_json(json.loads(d)) for (d,) in rows]

    return _read_saved(directory, read, served)


def saved_graphs_overlap(directory: Path) -> bool | None:
    """Whether two graphs of the store in ``directory`` share a triple, as the build found, or
    None when that is not known for its current files (then it must be found on the store)."""

    def read(db: sqlite3.Connection) -> bool | None:
        row = db.execute("SELECT value FROM meta WHERE key = 'graphs_overlap'").fetchone()
        value = None if row is None else json.loads(row[0])
        return value if isinstance(value, bool) else None

    return _read_saved(directory, read)


@dataclass(frozen=True)
class Saved:
    """A saved answer as the API sends it: columns, row count and the rows as a JSON array."""

    columns: list[str]
    count: int
    rows_json: str

    def rows(self) -> list[dict[str, Any]]:
        return json.loads(self.rows_json)


def lookup(
    directory: Path, query: NamedQuery, text: str, values: dict[str, str], served: list | None = None
) -> Saved | None:
    """The saved answer to ``text`` (``query`` bound with ``values``), or None if there is none that holds.

    None when the store has no answers, they were prepared for other database files (the data
    changed since) or for others than ``served``, the text was not prepared, or the database
    cannot be read.
    """

    db = _open(directory, served)
    if db is None:
        return None
    try:
        row = db.execute("SELECT columns, count, rows FROM answers WHERE query = ?", (text,)).fetchone()
        if row is not None and row[2] is not None:
            return Saved(json.loads(row[0]), row[1], row[2])
        how = plan(query)
        if how is None or how.kind != "contains":
            return None
        base = bind(query, {**values, how.parameter: ""})
        head = db.execute("SELECT id, columns FROM answers WHERE query = ?", (base,)).fetchone()
        if head is None:
            return None
        word = values.get(how.parameter, next(p.default for p in query.parameters if p.name == how.parameter))
        rows = [
            r
            for (r,) in db.execute(
                "SELECT row FROM answer_rows WHERE answer = ? AND instr(probe, ?) > 0 ORDER BY seq", (head[0], word)
            )
        ]
        return Saved(json.loads(head[1]), len(rows), "[" + ",".join(rows) + "]")
    except (sqlite3.Error, OSError, ValueError):
        return None
    finally:
        db.close()
