"""Issue 18: ``procgraph load --store TYPO`` silently created a new, empty store beside the real one.

Loading into a store that does not exist is an error (exit 2) that names the directory and
``--create``; with ``--create`` the store is made.
"""

from __future__ import annotations

from procgraph.cli import main

TTL = '<http://example.org/a> <http://example.org/p> "x" .\n'


def test_a_missing_store_is_an_error_naming_create(tmp_path, capsys):
    (tmp_path / "a.ttl").write_text(TTL, encoding="utf-8")
    typo = tmp_path / "stor"
    assert main(["load", str(tmp_path / "a.ttl"), "--store", str(typo)]) == 2
    err = capsys.readouterr().err
    assert str(typo) in err and "--create" in err
    assert not typo.exists()


def test_create_makes_the_store(tmp_path):
    (tmp_path / "a.ttl").write_text(TTL, encoding="utf-8")
    store = tmp_path / "new"
    assert main(["load", str(tmp_path / "a.ttl"), "--store", str(store), "--create"]) == 0
    assert store.exists()
    assert main(["load", str(tmp_path / "a.ttl"), "--store", str(store)]) == 0
