"""``procgraph themes``: list the theme thesaurus, and add a user's own themes or words to it."""

from __future__ import annotations

import sys
from pathlib import Path

from procgraph.atomic import write_atomic
from procgraph.errors import InputError

NAME = "themes"
HELP = "list the themes, or add your own themes and words (a Turtle or TSV file) for the next build"


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add", help="check a theme file (.ttl or .tsv) against the thesaurus and keep it for builds")
    add.add_argument(
        "file", type=Path, help="SKOS Turtle like data/themes.ttl, or TSV: theme, en, zh-Hans, broader, words, scope"
    )
    sub.add_parser("list", help="every theme: slug, names, where it comes from")


def run(args) -> int:
    from procgraph.graph.themes import load_thesaurus, thesaurus_files
    from procgraph.graph.usertheme import check_thesaurus, themes_dir

    if args.action == "add":
        source: Path = args.file
        if source.suffix not in (".ttl", ".tsv"):
            raise InputError("a theme file is Turtle (.ttl) or tab-separated (.tsv)", file=str(source))
        if not source.is_file():
            raise InputError("no such file", file=str(source))
        target = themes_dir() / source.name
        current = [p for p in thesaurus_files() if Path(p) != target]
        check_thesaurus([*current, source])  # raises naming every problem; nothing is written then
        write_atomic(target, source.read_text(encoding="utf-8"), newline="")
        print(f"added {source.name} to {target.parent}; run 'procgraph build' to tag with it", file=sys.stderr)
        return 0
    thesaurus = load_thesaurus()
    for theme in thesaurus.themes.values():
        broader = ",".join(b.rsplit("/", 1)[-1] for b in theme.broader) or "-"
        print(f"{theme.slug}\t{theme.label('en') or ''}\t{theme.label('zh-Hans') or ''}\tbroader: {broader}")
    return 0
