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

from .support import AXE_LOG, HERE, TASK_LOG, GzipHandler, make_driver
from .tasks import SETTING_IDS, SETTINGS, Citizen


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


@pytest.fixture(scope="session")
def _citizens() -> Iterator[dict]:
    drivers: dict = {}
    yield drivers
    for driver in drivers.values():
        driver.quit()


@pytest.fixture(params=SETTINGS, ids=SETTING_IDS)
def citizen(request, _citizens: dict) -> Citizen:
    """A phone of 360 or 320 px, with JavaScript on or off (tasks.py): one Chromium each per session."""
    width, javascript = request.param
    if request.param not in _citizens:
        _citizens[request.param] = make_driver(javascript=javascript, width=width, height=740)
    return Citizen(_citizens[request.param], width, javascript)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Writes what axe-core found on every page visited and what each citizen task transferred
    (for the closing report)."""
    for log, variable, name in ((AXE_LOG, "GIAITRINH_AXE_REPORT", ".axe-report.json"),
                                (TASK_LOG, "GIAITRINH_TASKS_REPORT", ".tasks-report.json")):
        if not log:
            continue
        out = Path(os.environ.get(variable, HERE / name))
        try:
            out.write_text(json.dumps(log, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError:
            pass
