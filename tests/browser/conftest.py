"""Browser fixtures: a gzip-capable local server for the built sample site and headless Chromium
sessions with and without JavaScript (helpers in support.py)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from .support import AXE_LOG, HERE, GzipHandler, make_driver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(sample_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    driver = make_driver(javascript=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_nojs() -> Iterator:
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Writes what axe-core found on every page visited (for the closing report)."""
    if not AXE_LOG:
        return
    out = Path(os.environ.get("GIAITRINH_AXE_REPORT", HERE / ".axe-report.json"))
    try:
        out.write_text(json.dumps(AXE_LOG, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass
