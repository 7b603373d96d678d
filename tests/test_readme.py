"""The README's "What you can ask" is true: each ``$ procgraph ...`` line of its console blocks
runs on the bundled data and its output contains the lines the README shows under it (runs of
spaces compared as one, so table widths may change).

The Chinese README lists the same commands as the English one.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from procgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_ZH = ROOT / "README.zh-Hans.md"


def console_examples(path: Path) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$ `` line of the file's ``console`` blocks."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif line.strip() and examples:
                examples[-1][1].append(line)
    return examples


def _squeeze(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A data home with the bundled standard built into its store, as the README's first line does."""
    home = tmp_path_factory.mktemp("readme-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROCGRAPH_HOME", str(home))
        assert main(["build"]) == 0
    return home


EXAMPLES = console_examples(README)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 6 and all(cmd.startswith("procgraph ") for cmd, _ in EXAMPLES)


@pytest.mark.parametrize("command,expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_readme_command_gives_what_the_readme_shows(home, tmp_path, monkeypatch, capsys, command, expected):
    monkeypatch.setenv("PROCGRAPH_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(shlex.split(command)[1:]) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    output = _squeeze(captured.out + captured.err)
    for line in expected:
        assert _squeeze(line) in output, (command, line, output[:2000])


def test_the_chinese_readme_lists_the_same_commands():
    def commands(path: Path) -> list[str]:
        text = path.read_text(encoding="utf-8")
        table = re.findall(r"^\| `(procgraph [a-z-]+)", text, re.M)
        shown = [cmd.split(" -")[0] for cmd, _ in console_examples(path)]
        first = re.findall(r"^(python3 -m venv .*)$", text, re.M)
        return sorted(set(table)) + shown + first

    assert README_ZH.exists(), "README.zh-Hans.md is linked from the README"
    assert "README.zh-Hans.md" in README.read_text(encoding="utf-8")
    assert commands(README_ZH) == commands(README)
