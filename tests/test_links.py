"""Link check of the whole built sample site: every relative href/src of every HTML page, every
feed link and every sitemap address must lead to a file of the site."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BASE = "https://giaitrinh.langson.gov.vn/"  # data/portal.yaml base_url


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def target(site: Path, page: Path, link: str) -> Path | None:
    """The file a relative link points to, or None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None
    if not parts.path:  # "#anchor" or "?query" on the same page
        return page
    rel = page.parent.relative_to(site).as_posix()
    if parts.path.startswith("/"):  # root-absolute (the 404 page): the portal lives at the root of its address
        rel = ""
    path = posixpath.normpath(posixpath.join(rel, unquote(parts.path).lstrip("/") or "."))
    if path.startswith(".."):
        return site / "__outside_the_site__" / path
    resolved = site / path
    return resolved / "index.html" if resolved.is_dir() or parts.path.endswith("/") else resolved


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            t = target(site, page, link)
            if t is not None and not t.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def test_no_broken_internal_link(sample_site: Path):
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 100
    assert broken_links(sample_site) == []


def test_the_link_check_can_fail(sample_site: Path, tmp_path: Path):
    page = tmp_path / "giai-trinh" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<a href="../don-vi/khong-co/">x</a><a href="./">y</a><img src="../../ngoai.png">', encoding="utf-8")
    assert broken_links(tmp_path) == ["giai-trinh/index.html: ../don-vi/khong-co/",
                                      "giai-trinh/index.html: ../../ngoai.png"]


@pytest.mark.parametrize("feed", ["nguon-tin/atom.xml", "don-vi/xa-thien-tan/atom.xml",
                                  "giai-trinh/linh-vuc/dat_dai/atom.xml"])
def test_feed_links_lead_to_pages(sample_site: Path, feed: str):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(sample_site / feed).getroot()
    hrefs = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    assert root.find("a:entry", ns) is not None
    for href in hrefs:
        assert href.startswith(BASE), href
        path = urlsplit(href).path.lstrip("/")
        assert (sample_site / path).is_file() or (sample_site / path / "index.html").is_file(), href


def test_sitemap_lists_every_page_and_only_pages(sample_site: Path):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text for e in ET.parse(sample_site / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert locs == sorted(locs) and len(locs) == len(set(locs))
    pages = {p.parent.relative_to(sample_site).as_posix() + "/" for p in sample_site.rglob("index.html")
             if b'http-equiv="refresh"' not in p.read_bytes()}  # a list's old address is no page to index
    assert {loc.removeprefix(BASE) or "./" for loc in locs} == {"./" if p == "./" else p for p in pages}
