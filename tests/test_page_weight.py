"""Every page of the built sample site weighs at most 100 KB compressed on a first visit: the HTML
and every stylesheet, script, icon and image it references, each gzip-compressed as a web server
would send it (the browser suite measures real transfers for a few pages)."""

from __future__ import annotations

import gzip
import posixpath
from html.parser import HTMLParser
from pathlib import Path

LIMIT = 100_000


class Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {"stylesheet", "icon", "preload"}:
            self.urls.append(a["href"])
        elif tag in ("img", "source") and a.get("src"):
            self.urls.append(a["src"])


def compressed(path: Path, cache: dict[Path, int]) -> int:
    if path not in cache:
        data = path.read_bytes()
        cache[path] = min(len(data), len(gzip.compress(data, 6, mtime=0)))
    return cache[path]


def weights(site: Path) -> dict[str, int]:
    cache: dict[Path, int] = {}
    out = {}
    for page in sorted(site.rglob("*.html")):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        total = compressed(page, cache)
        for url in dict.fromkeys(parser.urls):
            if url.startswith(("http:", "https:", "//", "data:")):
                continue
            base = "" if url.startswith("/") else page.parent.relative_to(site).as_posix()
            total += compressed(site / posixpath.normpath(posixpath.join(base, url.split("?")[0].lstrip("/"))), cache)
        out[page.relative_to(site).as_posix()] = total
    return out


def test_every_page_weighs_at_most_100_kb_compressed(sample_site: Path):
    measured = weights(sample_site)
    heaviest = max(measured, key=measured.get)
    print(f"\n{len(measured)} trang; nặng nhất {heaviest}: {measured[heaviest]} byte nén; "
          f"trang chủ {measured['index.html']} byte")
    assert {p: w for p, w in measured.items() if w > LIMIT} == {}


def test_pages_reference_nothing_outside_the_site(sample_site: Path):
    outside = []
    for page in sample_site.rglob("*.html"):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        outside += [f"{page.relative_to(sample_site)}: {u}" for u in parser.urls if u.startswith(("http:", "https:", "//"))]
    assert outside == []
