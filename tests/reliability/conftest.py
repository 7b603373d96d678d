"""Fixtures for the reliability tests: small records, stores built from them, servers on 127.0.0.1.

The records are a hand-written slice in the ingest format (three elements of 8.0 with their
rows), so a build takes a few seconds and needs neither the ingest stage nor APQC's workbook.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import pytest

from procgraph.build import build
from procgraph.server import Settings, spawn
from tests.integration.server.conftest import RunningServer

ROWS = [  # practice, risk, output (zh-Hans; zh-Hant is derived by the build's text functions)
    ("定期与信息技术顾客沟通，了解其需求和期望。", "未能及时了解顾客需求，导致服务不符合顾客期望。", "顾客需求清单"),
    ("建立明确的信息技术服务水平协议。", "服务水平协议不明确或执行不力，导致服务纠纷。", "服务水平协议"),
    ("进行绩效分析，评估信息技术顾客关系的有效性。", "绩效分析不准确，导致改进方向错误。", "绩效分析报告"),
]
ELEMENTS = [
    ("8.0", 1, None, 20607, "管理信息技术(IT)"),
    ("8.1", 2, "8.0", 20608, "开发与管理信息技术顾客关系"),
    ("8.1.1", 3, "8.1", 20609, "了解信息技术顾客需求"),
    ("8.1.1.1", 4, "8.1.1", 20610, "了解信息技术顾客群"),
]


def _texts(value: str) -> dict:
    return {"zh-Hans": value, "zh-Hant": value}


def small_records(elements: int) -> dict:
    """Records of the first ``elements`` elements of 8.0, three aligned rows each."""
    out = []
    for hid, level, parent, pcf_id, name in ELEMENTS[:elements]:
        out.append(
            {
                "id": hid,
                "level": level,
                "parent": parent,
                "pcf_id": pcf_id,
                "name": _texts(name),
                "definition": _texts(f"{name}的定义。"),
                "truncated": False,
                "practices": [{"n": i + 1, **_texts(p)} for i, (p, _, _) in enumerate(ROWS)],
                "risks": [{"n": i + 1, "practice": i + 1, **_texts(r)} for i, (_, r, _) in enumerate(ROWS)],
                "outputs": [{"n": i + 1, "practice": i + 1, **_texts(o)} for i, (_, _, o) in enumerate(ROWS)],
            }
        )
    return {
        "format": "procgraph-records/1",
        "source": {"path": "slice.txt"},
        "elements": out,
        "repairs": [],
        "overrides": [],
        "warnings": [],
    }


@pytest.fixture(scope="session")
def records_files(tmp_path_factory) -> dict[str, Path]:
    """Two record files: ``small`` (three elements) and ``large`` (four), so stores from each differ."""
    folder = tmp_path_factory.mktemp("records")
    files = {}
    for name, count in (("small", 3), ("large", 4)):
        files[name] = folder / f"{name}.json"
        files[name].write_text(json.dumps(small_records(count), ensure_ascii=False), encoding="utf-8")
    return files


@pytest.fixture(scope="session")
def built_store(tmp_path_factory, records_files) -> Path:
    """A procgraph store built from the small records; tests only read it."""
    path = tmp_path_factory.mktemp("built") / "store"
    build(records_files["small"], path)
    return path


@contextlib.contextmanager
def serve_in_thread(settings: Settings):
    with RunningServer(settings) as running:
        yield running


class ServeProcess(spawn.ServeProcess):
    """``procgraph serve`` as a child process (:class:`procgraph.server.spawn.ServeProcess`),
    with the process ids of the workers it started."""

    def children(self) -> list[int]:
        return child_pids(self.process.pid)


def child_pids(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return sorted(out)


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float, interval: float = 0.1) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


def rss_bytes(pid: int | None = None) -> int:
    for line in Path(f"/proc/{pid or os.getpid()}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0
