"""Helpers of the browser suite: the gzip-capable static server, the Chromium session and the
axe-core check (the bundled npm package, injected into the page, never fetched)."""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import shutil
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("GIAITRINH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GIAITRINH_CHROMEDRIVER", "/usr/bin/chromedriver")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map")
AXE_LOG: list[dict] = []  # every page checked, for the report printed at the end of the session
REQUESTS: list[tuple[str, int, int]] = []  # (path, status, bytes sent) of every request the server answered
TASK_LOG: list[dict] = []  # every citizen task run (tasks.py), for the closing report


class _Counted:
    """The response stream, counting the bytes written to it (headers included)."""

    def __init__(self, raw) -> None:
        self.raw, self.sent = raw, 0

    def write(self, data: bytes) -> int:
        self.sent += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the browser asks for it. Every answer is
    logged in REQUESTS (path, status, bytes), so a task can count what it transferred and fail on
    a request for a file that does not exist."""

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counted(self.wfile)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def handle_one_request(self) -> None:
        self._status, before = None, self.wfile.sent
        super().handle_one_request()
        if self._status is not None:
            REQUESTS.append((self.path, self._status, self.wfile.sent - before))

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or ctype.endswith(("json", "javascript", "xml")) else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)


def make_driver(javascript: bool, width: int = 390, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        pytest.fail(f"không có {', '.join(missing)}: chạy `make browser-deps` (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=vi"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    return driver


def axe_check(driver, label: str = "") -> list[dict]:
    """Runs axe-core (bundled, injected, never fetched) on the current page; fails on any serious
    or critical violation."""
    if not AXE.is_file():
        pytest.fail(f"thiếu {AXE}: chạy `make browser-deps` (npm ci trong tests/browser)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ("
        "{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    url = driver.current_url
    AXE_LOG.append({"url": url, "label": label, "violations": result})
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], f"axe-core: {url}\n" + json.dumps(serious, ensure_ascii=False, indent=1)
    return result
