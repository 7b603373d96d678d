"""A user's own themes: Turtle or TSV files in ``<data home>/themes/``, read by every build.

``procgraph themes add FILE`` checks a file against the shipped thesaurus (SHACL shapes in
``shapes/thesaurus/themes.ttl``: three labels, no label shared by two concepts, a known
broader theme) and copies it into the folder; the next ``procgraph build`` tags with it.

A Turtle file holds SKOS concepts in the form of ``data/themes.ttl``. A TSV file is one theme
or one addition a line, with a header naming the columns (``#`` lines are comments)::

    theme   en      zh-Hans   broader      words                    scope
    audit   audit   审计       compliance   审计|审核|稽核|audit trail  Internal and external audits.
    communication                          沟通会|briefing

``theme`` is the slug (the IRI is ``https://w3id.org/procgraph/theme/<slug>``). A row for a
theme that already exists needs only ``words``: they become hidden labels of that theme. A new
theme needs ``en`` and ``zh-Hans`` (``zh-Hant`` is converted with OpenCC s2t unless given);
``broader`` is optional. ``words`` are separated by ``|``; a word with Chinese characters is
matched in Chinese text (and gets its Traditional form), any other in English text.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import NoReturn

from pyoxigraph import Literal, NamedNode, Triple, parse

from procgraph import config
from procgraph.errors import InputError

THEME_BASE = "https://w3id.org/procgraph/theme/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
COLUMNS = ("theme", "en", "zh-Hans", "zh-Hant", "broader", "words", "scope")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CJK = re.compile(r"[\u3400-\u9fff]")


def themes_dir() -> Path:
    """Where the user's theme files live: ``<data home>/themes``."""
    return config.data_home() / "themes"


def user_theme_files() -> list[Path]:
    """The user's theme files, ``*.ttl`` and ``*.tsv``, in name order (none if the folder is absent)."""
    folder = themes_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".ttl", ".tsv") and p.is_file())


def files_key(paths) -> tuple[tuple[str, int, int], ...]:
    """A cache key for a set of files: each path with its modification time and size (one stat each,
    so an edited or replaced file is read again without reading any file per request)."""
    out = []
    for p in paths:
        stat = Path(p).stat()
        out.append((str(p), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def read_theme_file(path) -> list[Triple]:
    """The SKOS triples of a theme file (``.ttl``; ``.tsv`` as described above)."""
    path = Path(path)
    if path.suffix == ".tsv":
        return tsv_triples(path)
    try:
        return [q.triple for q in parse(path=str(path))]
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"not valid Turtle: {exc}", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read the theme file: {exc.strerror}", file=str(path)) from exc


def tsv_triples(path: Path) -> list[Triple]:
    """SKOS triples for the rows of a theme TSV file; errors name the line and the column."""
    from procgraph.ingest.script import to_traditional

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the theme file as UTF-8 text: {exc}", file=str(path)) from exc
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        raise InputError("no header line and no themes", file=str(path))
    header = [c.strip() for c in next(csv.reader([rows[0][1]], delimiter="\t"))]
    unknown = [c for c in header if c not in COLUMNS]
    if unknown or "theme" not in header:
        raise InputError(
            f"line {rows[0][0]}: the header must name the columns {', '.join(COLUMNS)} "
            f"(theme is required); unknown: {', '.join(unknown) or 'none'}",
            file=str(path),
        )
    out: list[Triple] = []
    for number, line in rows[1:]:
        cells = next(csv.reader([line], delimiter="\t"))
        row = {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header)}

        def fail(column: str, message: str) -> NoReturn:  # raises at once: the number is this row's
            raise InputError(
                f"line {number}, column {column}: {message}",  # noqa: B023
                file=str(path),
            )

        slug = row.get("theme", "")
        if not _SLUG.match(slug):
            fail("theme", f"{slug!r} is not a theme slug (lower-case words joined by '-', e.g. 'audit')")
        concept = NamedNode(THEME_BASE + slug)
        skos = lambda local: NamedNode(SKOS + local)  # noqa: E731
        if row.get("en") or row.get("zh-Hans"):
            if not (row.get("en") and row.get("zh-Hans")):
                fail("en" if not row.get("en") else "zh-Hans", "a new theme needs both an English and a zh-Hans name")
            hant = row.get("zh-Hant") or to_traditional(row["zh-Hans"])
            out += [
                Triple(concept, RDF_TYPE, skos("Concept")),
                Triple(concept, skos("inScheme"), NamedNode(THEME_BASE + "scheme")),
                Triple(concept, skos("prefLabel"), Literal(row["en"], language="en")),
                Triple(concept, skos("prefLabel"), Literal(row["zh-Hans"], language="zh-Hans")),
                Triple(concept, skos("prefLabel"), Literal(hant, language="zh-Hant")),
            ]
            if row.get("broader"):
                if not _SLUG.match(row["broader"]):
                    fail("broader", f"{row['broader']!r} is not a theme slug")
                out.append(Triple(concept, skos("broader"), NamedNode(THEME_BASE + row["broader"])))
            else:
                out.append(Triple(concept, skos("topConceptOf"), NamedNode(THEME_BASE + "scheme")))
            if row.get("scope"):
                out.append(Triple(concept, skos("scopeNote"), Literal(row["scope"], language="en")))
        elif not row.get("words"):
            fail("words", "a row for an existing theme needs words to add")
        for word in (w.strip() for w in row.get("words", "").split("|")):
            if not word:
                continue
            if _CJK.search(word):
                out.append(Triple(concept, skos("hiddenLabel"), Literal(word, language="zh-Hans")))
                out.append(Triple(concept, skos("hiddenLabel"), Literal(to_traditional(word), language="zh-Hant")))
            else:
                out.append(Triple(concept, skos("hiddenLabel"), Literal(word, language="en")))
    return out


class ThesaurusError(InputError):
    """The thesaurus (shipped and user files together) breaks a rule of ``shapes/thesaurus/themes.ttl``."""


def check_thesaurus(paths) -> None:
    """Validate the thesaurus made of ``paths`` with pySHACL; raise :class:`ThesaurusError` naming each problem.

    The files are read together (a user's file may add words to a shipped theme), so a label
    that two files give to two themes is caught.
    """
    import pyshacl
    import rdflib

    from procgraph.resources import resource_path

    triples = [t for p in paths for t in read_theme_file(p)]
    data = rdflib.Graph().parse(data="\n".join(f"{t} ." for t in triples), format="nt")
    shapes = rdflib.Graph().parse(resource_path("shapes", "thesaurus", "themes.ttl"), format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    if conforms:
        return
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(report.value(result, sh.focusNode)).rsplit("/", 1)[-1]
        messages = sorted(
            report.objects(result, sh.resultMessage), key=lambda m: (getattr(m, "language", "") or "") != "en"
        )
        problems.append(f"theme {focus}: {' / '.join(dict.fromkeys(str(m) for m in messages))}")
    names = ", ".join(Path(p).name for p in paths)
    raise ThesaurusError("the thesaurus does not conform: " + "; ".join(sorted(set(problems))), file=names)
