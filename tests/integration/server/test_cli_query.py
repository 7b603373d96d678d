"""``procgraph query`` and ``procgraph sparql``: named and ad-hoc queries on the built store,
with the endpoint's limits, deadline and error sentences (commands/query.py, commands/sparql.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from procgraph.cli import main
from procgraph.textable import display_width

SMALL = Path(__file__).resolve().parents[2] / "unit" / "graph" / "fixtures" / "records-small.json"
COMMUNICATION = "https://w3id.org/procgraph/theme/communication"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store built from the small records, in a data home of its own."""
    from procgraph.build import build

    root = tmp_path_factory.mktemp("cli-query")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(root / "home"))
        build(SMALL, root / "store")
    return root / "store"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_query_without_a_name_lists_the_named_queries(capsys):
    code, out, _ = run(capsys, "query")
    assert code == 0
    assert re.search(r"risks-by-theme\s+Risks about a theme\s+--topic " + re.escape(COMMUNICATION), out)
    assert "risk-control-matrix" in out and "--process 8.1.5" in out
    code, out, _ = run(capsys, "query", "-f", "json")
    assert "risks-by-theme" in {q["name"] for q in json.loads(out)["queries"]}


def test_risks_by_theme_takes_a_theme_label_or_its_iri(store, capsys):
    answers = {}
    for topic in ("沟通", "溝通", "communication", COMMUNICATION):
        code, out, err = run(capsys, "query", "risks-by-theme", "--topic", topic, "-f", "json", "--store", str(store))
        assert code == 0, err
        answers[topic] = json.loads(out)["results"]["bindings"]
    assert answers[COMMUNICATION], "the small records have risks about communication"
    assert all(a == answers[COMMUNICATION] for a in answers.values())
    assert {b["theme"]["value"] for b in answers["沟通"]} >= {COMMUNICATION}


def test_csv_has_its_header_on_line_1_and_one_row_per_solution(store, capsys):
    code, out, _ = run(capsys, "query", "risks-by-theme", "--topic", "沟通", "-f", "csv", "--store", str(store))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["hid", "risk", "position"]
    code, doc, _ = run(capsys, "query", "risks-by-theme", "--topic", "沟通", "-f", "json", "--store", str(store))
    assert len(rows) - 1 == len(json.loads(doc)["results"]["bindings"])
    assert any("沟通" in row[3] for row in rows[1:])


def test_table_columns_line_up_with_chinese_text(store, capsys):
    query = 'SELECT ?text ?mark { VALUES (?text ?mark) { ("沟通不畅" "x") ("ab" "y") ("溝通，導致" "z") } }'
    code, out, _ = run(capsys, "sparql", query, "--store", str(store))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("text") and lines[-1] == "(3 rows)"
    starts = {display_width(line[: line.rindex(mark)]) for line, mark in zip(lines[2:5], "xyz")}
    assert len(starts) == 1 and starts == {display_width(lines[0][: lines[0].index("mark")])}


def test_the_table_width_falls_back_without_wcwidth(monkeypatch):
    from procgraph import textable

    monkeypatch.setattr(textable, "_wcwidth", None)
    assert textable.display_width("沟通ab") == 6
    assert textable.clip("沟通不畅沟通不畅", 7) == "沟通不…"


def test_sparql_reads_a_file_or_standard_input(store, capsys, tmp_path, monkeypatch):
    (tmp_path / "q.rq").write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert run(capsys, "sparql", str(tmp_path / "q.rq"), "--store", str(store))[1] == "true\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT (COUNT(*) AS ?n) { ?s a ?type }"))
    code, out, _ = run(capsys, "sparql", "-", "-f", "json", "--store", str(store))
    assert code == 0 and int(json.loads(out)["results"]["bindings"][0]["n"]["value"]) > 0


def test_construct_writes_rdf(store, capsys):
    code, out, _ = run(
        capsys, "sparql", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3", "-f", "nt", "--store", str(store)
    )
    assert code == 0 and len(out.strip().splitlines()) == 3 and out.strip().endswith(".")
    assert run(capsys, "sparql", "CONSTRUCT WHERE { ?s a ?t } LIMIT 3", "-f", "csv", "--store", str(store))[0] == 2


@pytest.mark.parametrize(
    "query", ['SELECT * WHERE {\n  ?s ?p "沟通不畅 .\n}', "SELECT * WHERE { ?s ?p ?o ", "SELECT * WHERE { ?s zz:p ?o }"]
)
def test_a_syntax_error_is_exit_2_with_line_and_column(store, capsys, query):
    code, out, err = run(capsys, "sparql", query, "--store", str(store))
    assert code == 2 and out == ""
    assert re.search(r"line \d+, column \d+", err) and "\\u" not in err and "['" not in err
    assert err.startswith("procgraph sparql: error: the query is not valid SPARQL 1.1: ")


@pytest.mark.parametrize(
    "argv, words",
    [
        (["query", "risks-by-theme", "--topic", "没有这个主题"], "no theme is called"),
        (["query", "no-such-query"], "no named query 'no-such-query'"),
        (["query", "element", "--hid"], "expected one argument"),
        (["query", "element", "--topic", "x"], "unrecognized arguments"),
        (["query", "risk-control-matrix", "--descendants", "maybe"], "not a valid boolean"),
        (["sparql", "INSERT DATA { <http://a> <http://b> 1 }"], "begins an update"),
        (["sparql", "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"], "SERVICE at line 1, column 12 is not allowed"),
        (["sparql", "SELECT * { ?s ?p ?o }", "--max-rows", "3"], "more than 3 solutions"),
    ],
)
def test_bad_input_is_exit_2_with_one_message(store, capsys, argv, words):
    code, _, err = run(capsys, *argv, "--store", str(store))
    assert code == 2
    assert words in err and "Traceback" not in err


def test_the_deadline_stops_a_runaway_query(store, capsys):
    code, _, err = run(
        capsys,
        "sparql",
        "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "--timeout",
        "0.5",
        "--store",
        str(store),
    )
    assert code == 2 and "time limit and was stopped" in err


def test_a_missing_store_is_exit_2_with_advice(tmp_path, capsys):
    code, _, err = run(capsys, "sparql", "ASK {}", "--store", str(tmp_path / "none"))
    assert code == 2 and "procgraph build" in err


def test_sparql_asks_a_remote_store_with_store_url(server, capsys):
    query = 'SELECT ?label { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = "zh-hans") }'
    code, out, err = run(capsys, "sparql", query, "-f", "csv", "--store-url", server.url + "/sparql")
    assert code == 0, err
    assert out.splitlines() == ["label", "沟通不畅"]
    code, _, err = run(capsys, "sparql", "SELECT * WHERE { ?s ?p ", "--store-url", server.url + "/sparql")
    assert code == 2 and "line 1, column 16" in err and err.count("not valid SPARQL") == 1, err


def test_table_writes_iris_with_the_usual_prefixes_and_csv_keeps_them_whole(store, capsys):
    code, out, _ = run(capsys, "query", "risks-by-theme", "--topic", "沟通", "--store", str(store))
    assert code == 0 and "theme:communication" in out and COMMUNICATION not in out
    code, out, _ = run(capsys, "query", "risks-by-theme", "--topic", "沟通", "-f", "csv", "--store", str(store))
    assert COMMUNICATION in out and "theme:communication" not in out
