"""Every page of the built sample site weighs at most 100 KB compressed on a first visit: the HTML
and every stylesheet, script, icon and image it references, each gzip-compressed as a web server
would send it (the browser suite measures real transfers for a few pages)."""

from __future__ import annotations

import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.pages import render
from generator.pages.page import PAGE_SIZE

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


# --- no page grows with the portal ------------------------------------------------------------

SIZES = (3_000, 6_000)  # records: every list is longer than a page, and every unit's lists than its page shows


@pytest.fixture(scope="module")
def grown_sites(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, set[str]]]:
    """The synthetic province (its fewest units, ten years) built at two sizes, with the ids of its records."""
    from generator.build import build
    from generator.synth import synthesise

    out = []
    for records in SIZES:
        root = tmp_path_factory.mktemp(f"synth-{records}")
        synthesise(records, root / "data", seed=3, unit_count=1)
        result = build(root / "data", root / "site", AS_OF)
        assert not [p for p in result.problems if p.is_error]
        out.append((root / "site", {p.stem for p in (root / "data").glob("*/*/*.yaml")}))
    return out


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
ROW = re.compile(r"<(?:tr|li)[\s>]")


def longest_lists(site: Path, record_ids: set[str]) -> dict[str, int]:
    """The table rows and list items of every page but a record's own, the pages of a list counted
    as its longest (trang-2/, trang-3/… are the same page of a longer list)."""
    out: dict[str, int] = {}
    for page in site.rglob("*.html"):
        rel = page.relative_to(site)
        if len(rel.parts) > 2 and rel.parts[1] in record_ids:
            continue
        key = re.sub(r"trang-\d+/", "", rel.as_posix())
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        out[key] = max(out.get(key, 0), len(ROW.findall(article.group(1))) if article else 0)
    return out


def test_no_list_grows_with_the_number_of_records(grown_sites: list[tuple[Path, set[str]]]):
    """Twice the records, the same units and years: a page may show more rows than before only while
    its lists fill up to what it shows of them (a page of a list; the first rows of each of a unit's
    lists), never past twice a list page. Listing every plan or report of the portal, or every
    record of a unit, breaks this bound at these sizes."""
    (small, ids), (large, _) = grown_sites
    before, after = longest_lists(small, ids), longest_lists(large, ids)
    assert len(before) > 100 and max(before.values()) > PAGE_SIZE
    assert {page: (n, after[page]) for page, n in before.items()
            if after[page] > max(n, 2 * PAGE_SIZE)} == {}


def test_pager_links_to_a_window_of_pages(grown_sites: list[tuple[Path, set[str]]]):
    (_, _), (large, _) = grown_sites
    pagers = [(p, re.search(r'<nav class="gt-pager".*?</nav>', p.read_text(encoding="utf-8"), re.S))
              for p in large.rglob("trang-*/index.html")]
    links = {p.relative_to(large).as_posix(): m.group(0).count("<a ") for p, m in pagers if m}
    assert len(links) == len(pagers) > 100
    assert max(links.values()) <= 2 * render.WINDOW + 7
    last = large / "giai-trinh" / f"trang-{max(int(p.parent.name[6:]) for p, _ in pagers if p.parent.parent.name == 'giai-trinh')}"
    nav = re.search(r'<nav class="gt-pager".*?</nav>', (last / "index.html").read_text(encoding="utf-8"), re.S).group(0)
    assert 'rel="next"' not in nav and 'rel="prev"' in nav and "aria-current" in nav
