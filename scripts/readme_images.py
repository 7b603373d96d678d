"""Take the README's screenshots: an element's risk-control matrix and the completeness dashboard.

Run after ``procgraph build`` (it serves the default store on a free port of 127.0.0.1 and drives
Debian's Chromium headless with Playwright):

    python scripts/readme_images.py            # writes docs/images/rcm-8.1.5.png, completeness.png

Re-run it when the pages change, so the README shows what users see.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT))


def main() -> int:
    from playwright.sync_api import sync_playwright

    from procgraph import config
    from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, Server

    OUT.mkdir(parents=True, exist_ok=True)
    server = Server(config.store_path(None)).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-US")
            page.set_default_timeout(120_000)
            page.goto(server.url + "/pcf/8.1.5?lang=en")
            page.locator("#rcm-table").screenshot(path=str(OUT / "rcm-8.1.5.png"))
            page.goto(server.url + "/completeness?lang=en")
            page.screenshot(path=str(OUT / "completeness.png"))
            browser.close()
    finally:
        server.stop()
    for name in ("rcm-8.1.5.png", "completeness.png"):
        print(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
