"""The citizen's tasks of the trial (issue 19), run at 360 and 320 px with JavaScript on and off.

A test takes the `citizen` fixture (one Chromium per width and JavaScript setting) and runs its
steps inside `task(...)`:

    def test_look_up_a_code_typed_with_spaces(citizen, site_url):
        with task(citizen, site_url, "tra cứu mã gõ có dấu cách") as t:
            t.open("tra-cuu/")
            ...

On leaving the block the task waits for the page's requests to settle, fails on any answer of 404
(or any status of 400 and more) requested while it ran, and logs the bytes it transferred;
`conftest.py` writes the log to `tests/browser/.tasks-report.json` at the end of the session.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from selenium.webdriver.support.ui import WebDriverWait

from .support import REQUESTS, TASK_LOG

SETTINGS = [(360, True), (360, False), (320, True), (320, False)]
SETTING_IDS = [f"{w}px-{'js' if js else 'khong-js'}" for w, js in SETTINGS]


@dataclass
class Citizen:
    driver: object
    width: int
    javascript: bool


@dataclass
class Task:
    citizen: Citizen
    base: str

    @property
    def driver(self):
        return self.citizen.driver

    def open(self, path: str) -> None:
        """Opens a page of the site (a path under it, or a whole address) and waits until it has loaded."""
        self.driver.get(path if "://" in path else self.base + path.lstrip("/"))
        self.settle()

    def settle(self) -> None:
        WebDriverWait(self.driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _quiet(after: int, seconds: float = 0.3, limit: float = 10.0) -> None:
    """Waits until the server has answered nothing new for `seconds` (scripts fetch after load)."""
    start, seen, since = time.monotonic(), len(REQUESTS), time.monotonic()
    while time.monotonic() - start < limit:
        time.sleep(0.05)
        if len(REQUESTS) != seen:
            seen, since = len(REQUESTS), time.monotonic()
        elif time.monotonic() - since >= seconds:
            return


@contextmanager
def task(citizen: Citizen, base: str, name: str) -> Iterator[Task]:
    start = len(REQUESTS)
    yield Task(citizen, base)
    _quiet(start)
    done = REQUESTS[start:]
    failed = [(path, status) for path, status, _ in done if status >= 400]
    TASK_LOG.append({"task": name, "width": citizen.width, "javascript": citizen.javascript,
                     "requests": len(done), "bytes": sum(size for *_, size in done),
                     "failed": failed})
    assert failed == [], f"{name}: yêu cầu tới tệp không có: {failed}"
