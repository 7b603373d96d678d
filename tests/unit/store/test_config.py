"""Where the data home and the default store are: PROCGRAPH_HOME, XDG_DATA_HOME, ~/.local/share."""

from __future__ import annotations

from pathlib import Path

from procgraph import config


def test_procgraph_home_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "pg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.default_store_path() == tmp_path / "pg" / "store"
    assert config.pcf_dir() == tmp_path / "pg" / "pcf"


def test_xdg_data_home_next(monkeypatch, tmp_path):
    monkeypatch.delenv("PROCGRAPH_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.data_home() == tmp_path / "xdg" / "procgraph"


def test_home_directory_last(monkeypatch, tmp_path):
    monkeypatch.delenv("PROCGRAPH_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config.data_home() == tmp_path / ".local" / "share" / "procgraph"


def test_explicit_store_beats_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PROCGRAPH_HOME", str(tmp_path / "pg"))
    assert config.store_path(tmp_path / "mine") == tmp_path / "mine"
    assert config.store_path(None) == tmp_path / "pg" / "store"
    assert isinstance(config.store_path("~/x"), Path)
