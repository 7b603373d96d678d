"""Fixtures for the web page tests: the bundled standard built once, a real server on 127.0.0.1,
and headless Chromium driven by Playwright (Debian's /usr/bin/chromium; never a downloaded browser)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Screenshots of the main pages land here for a person to look at (git-ignored).
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def web_store(bundled_records, tmp_path_factory) -> Path:
    """The bundled standard (with themes, links and the saved validation report) built into a store once."""
    from procgraph.build import build_dataset
    from procgraph.pcf import load_core
    from procgraph.store import write_store
    from procgraph.validate import save_report, validate_quads

    asserted, inferred, _ = build_dataset(bundled_records, load_core())
    target = tmp_path_factory.mktemp("web") / "store"
    write_store(asserted + inferred, target)
    save_report(validate_quads(asserted + inferred, source="gbpm-8-1.txt"), target)  # as 'procgraph build' does
    return target


class Server:
    """The procgraph app under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, store: Path):
        import uvicorn

        from procgraph.server import Settings, create_app

        self.app = create_app(Settings(store_path=store, workers=1, timeout_s=20))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder screenshots go to (created)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def web_server(web_store):
    """One server for all web tests (they only read)."""
    server = Server(web_store).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, web_server):
    """A fresh browser context (no cookies) in English, on a laptop-sized window."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 800}, locale="en-US", base_url=web_server.url, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
