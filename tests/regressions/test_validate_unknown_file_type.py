"""Issue 18: ``procgraph validate FILE`` with an unknown file type suggested "pass --format",
but validate's ``--format`` is the report format. The RDF format is now read from the content;
a file that is no RDF gets a message that names no option validate lacks.
"""

from __future__ import annotations

from procgraph.cli import main

PG = "https://w3id.org/procgraph/ontology#"
TTL = f'@prefix pg: <{PG}> .\n<http://example.org/e> pg:hierarchyId "8.1" .\n'


def test_turtle_in_a_txt_file_is_validated(tmp_path, capsys):
    path = tmp_path / "data.txt"
    path.write_text(TTL, encoding="utf-8")
    code = main(["validate", str(path), "-f", "json"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    assert "--format" not in captured.err


def test_a_file_that_is_no_rdf_names_no_wrong_option(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("this is not RDF {{{ at all", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "--format" not in err and ".ttl" in err
