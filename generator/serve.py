"""`giaitrinh serve`: build, serve the site on localhost, rebuild when data, pages or templates
change. A failed rebuild keeps the last good site online and prints the problems."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from .build import build
from .problems import has_errors
from .publish.engine import ROOT


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    files = [p for f in folders if f.exists() for p in ([f] if f.is_file() else f.rglob("*")) if p.is_file()]
    return {p: p.stat().st_mtime for p in files}


def _rebuild(data: Path, out: Path, as_of: dt.date) -> None:
    result = build(data, out, as_of)
    for p in result.problems:
        print(p.line_text(), file=sys.stderr)
    status = "lỗi, giữ trang cũ" if has_errors(result.problems) else f"{result.pages} trang"
    print(f"[{time.strftime('%H:%M:%S')}] Xây dựng lại: {status}", file=sys.stderr)


def serve(data: Path, out: Path, as_of: dt.date, port: int) -> int:
    _rebuild(data, out, as_of)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Xem trước tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)", file=sys.stderr)
    watched = [data, ROOT / "content", ROOT / "site_templates", ROOT / "mkdocs.yml"]
    seen = _snapshot(watched)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                _rebuild(data, out, as_of)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
