"""Every page of the built sample site weighs at most 100 KB compressed on a first visit: the HTML
and every stylesheet, script, icon and image it references, each gzip-compressed as a web server
would send it (the browser suite measures real transfers for a few pages). A record page is at
most twice its own content: what the portal repeats on every page (the frame) is no larger than
what the page says of its record. Precompressed copies (`precompress: true`) are the files' bytes."""

from __future__ import annotations

import gzip
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.cli import main
from generator.pages import render
from generator.pages.page import PAGE_SIZE
from generator.publish import compress

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



def test_the_filter_form_is_on_the_first_page_of_a_list_only(grown_sites: list[tuple[Path, set[str]]]):
    """The form lists every unit (17 KB at 200 units): later pages of a list link to their first."""
    (_, _), (large, _) = grown_sites
    first = (large / "giai-trinh" / "index.html").read_text(encoding="utf-8")
    later = (large / "giai-trinh" / "trang-2" / "index.html").read_text(encoding="utf-8")
    assert first.count('<form class="gt-filter"') == 1 and '<form class="gt-filter"' not in later
    assert ('<p class="gt-filter-link"><a href="../">Lọc danh sách này</a> theo đơn vị, lĩnh vực, trạng thái, năm: '
            "ở trang 1.</p>") in later

# --- a record page is at most twice its content ----------------------------------------------

# A generated page's own bytes are what the generator pours into the engine's frame
# (generator/publish/engine.py: MARKERS, head_tags, assemble): the head tags after the viewport
# <meta> (description, Open Graph, canonical address, feeds), the text of <title>, and the inside
# of <article> (the page's template). Everything else is the frame, the same on every page of a
# section (test_the_frame_is_what_is_left_and_the_same_across_a_section holds the definition to it).
OWN = re.compile(rb'<meta name="viewport"[^>]*>\n(.*?)<link rel="icon".*?<title>(.*?)</title>'
                 rb'.*?<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
FRAME_LIMIT = 3_500  # bytes: the frame of every generated page (Material's whole nav was 15 KB)
# Record pages: a request for explanation, a plan, a follow-up of a commitment (one per record file).
RECORD_KINDS = ("giai-trinh", "ke-hoach", "theo-doi")
# Every kind is at most twice its content: a follow-up page says, besides the commitment's fields,
# how it stands at the date of the figures, where it comes from (the request's subject, dates and
# status when it is a published request) and whom to ask; a plan page sums up its tasks. The notice
# left at a withdrawn request's address (0.5 KB) is the only page bounded by the frame's size alone.
TWICE_KINDS = RECORD_KINDS
WITHDRAWN = "<h1>Hồ sơ đã rút công khai</h1>".encode()  # withdrawn.html


def split_page(html: bytes) -> tuple[int, bytes]:
    """(the page's own bytes, the frame: the page without them)."""
    m = OWN.search(html)
    assert m, "a generated page has the viewport <meta>, the icon <link>, <title> and <article>"
    frame = html[:m.start(1)] + html[m.end(1):m.start(2)] + html[m.end(2):m.start(3)] + html[m.end(3):]
    return sum(len(g) for g in m.groups()), frame


def record_pages(site: Path, data: Path) -> dict[str, Path]:
    """Every record page of the site, by kind/id, found from the record files of the data folder."""
    pages = {f"{kind}/{f.stem}": site / kind / f.stem / "index.html"
             for kind in RECORD_KINDS for f in data.glob(f"*/{kind}/*.yaml")}
    return {key: page for key, page in pages.items() if page.exists()}


@pytest.fixture(scope="module")
def sample_records(sample_site: Path) -> dict[str, Path]:
    pages = record_pages(sample_site, sample_site.parent / "data")
    assert {key.split("/")[0] for key in pages} == set(RECORD_KINDS) and len(pages) > 40
    return pages


def test_the_frame_is_what_is_left_and_the_same_across_a_section(sample_site: Path, sample_records: dict[str, Path]):
    frames: dict[str, set[bytes]] = {}
    for key, page in sample_records.items():
        frames.setdefault(key.split("/")[0], set()).add(split_page(page.read_bytes())[1])
    assert {kind: len(found) for kind, found in frames.items()} == dict.fromkeys(RECORD_KINDS, 1)
    frame = frames["giai-trinh"].pop().decode("utf-8")
    assert "<!doctype html>" in frame and '<nav class="gt-nav"' in frame and "</footer>" in frame


def test_every_record_page_is_at_most_twice_its_content(sample_records: dict[str, Path]):
    ratios, frames = {}, {}
    for key, page in sample_records.items():
        html = page.read_bytes()
        own, frame = split_page(html)
        frames[key] = len(frame)
        if key.startswith(TWICE_KINDS) and WITHDRAWN not in html:
            ratios[key] = round(len(html) / own, 2)
    print(f"\n{len(ratios)} trang hồ sơ: tỉ lệ cao nhất {max(ratios.values())}, khung {max(frames.values())} byte")
    assert len(ratios) > 30
    assert {key: r for key, r in ratios.items() if r > 2} == {}
    assert {key: n for key, n in frames.items() if n > FRAME_LIMIT} == {}


def test_generated_pages_link_every_section_and_the_site_map(sample_site: Path):
    """The compact navigation: every top-level entry of the nav, the site map, and the site map
    lists every page of the nav (among them the staff guide's, which the compact nav leaves out)."""
    html = (sample_site / "theo-doi" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="gt-nav" aria-label="Các mục của cổng">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)"', nav) == [
        "..", "../giai-trinh/", "../don-vi/", "../ke-hoach/", "./", "../quy-che/", "../thong-ke/", "../bao-cao/", "../tim-kiem/",
        "../tra-cuu/", "../du-lieu-mo/", "../gioi-thieu/", "../so-do-trang/"]
    assert '<a href="./" aria-current="true">Theo dõi cam kết</a>' in nav
    site_map = (sample_site / "so-do-trang" / "index.html").read_text(encoding="utf-8")
    tree = re.search(r'<nav aria-label="Sơ đồ trang">(.*?)</nav>', site_map, re.S).group(1)
    for target in ("../huong-dan/can-bo/", "../huong-dan/quan-tri/", "../quyen-rieng-tu/", "../giai-trinh/"):
        assert f'href="{target}"' in tree
    assert "md-tabs" in site_map and "md-tabs" not in html  # hand-written pages keep Material's tabs


# --- precompressed copies ----------------------------------------------------------------------

def test_precompress_writes_a_gz_beside_every_file_worth_it(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    (data / "portal.yaml").write_text((data / "portal.yaml").read_text(encoding="utf-8") + "precompress: true\n",
                                      encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", "--data", str(data), "--out", str(out), "--as-of", AS_OF.isoformat()]) == 0
    files = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    copies = {rel for rel in files if rel.endswith(".gz")}
    wanted = {rel + ".gz" for rel, p in files.items() if not rel.endswith(".gz")
              and compress.worth_compressing(rel, p.stat().st_size)}
    assert copies == wanted and len(copies) > 200
    assert {posixpath.splitext(rel[:-3])[1] for rel in copies} >= {".html", ".css", ".js", ".json", ".csv", ".xml"}
    page = "giai-trinh/phuong-dong-kinh-2025-001/index.html"
    packed = files[page + ".gz"].read_bytes()
    assert gzip.decompress(packed) == files[page].read_bytes()
    assert packed[4:8] == b"\0\0\0\0" and packed == gzip.compress(files[page].read_bytes(), 9, mtime=0)  # no time stamp
    assert not [rel for rel in files if rel.endswith((".pdf.gz", ".xlsx.gz", ".png.gz"))]

    # A rebuild after one change rewrites that page's copy with it; the copies match their files.
    record = data / "phuong-dong-kinh" / "giai-trinh" / "phuong-dong-kinh-2025-001.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("vì sao hệ thống", "vì sao toàn bộ hệ thống"),
                      encoding="utf-8")
    assert main(["build", "--data", str(data), "--out", str(out), "--as-of", AS_OF.isoformat()]) == 0
    assert "vì sao toàn bộ hệ thống" in gzip.decompress((out / (page + ".gz")).read_bytes()).decode("utf-8")
    stale = [p for p in out.rglob("*.gz") if gzip.decompress(p.read_bytes()) != p.with_suffix("").read_bytes()]
    assert stale == []


def test_precompress_must_be_true_or_false(tmp_path: Path, capsys: pytest.CaptureFixture):
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent.parent / "data", data)
    (data / "portal.yaml").write_text((data / "portal.yaml").read_text(encoding="utf-8") + "precompress: gzip\n",
                                      encoding="utf-8")
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "site"), "--as-of", AS_OF.isoformat()]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{data}/portal.yaml:21: config-invalid: Tệp cấu hình không hợp lệ ở trường “precompress”: “gzip” phải là "
        "true (ghi thêm bản nén .gz cạnh mỗi tệp) hoặc false. Cách sửa: Sửa theo mẫu trong hướng dẫn; ngày viết dạng "
        "năm-tháng-ngày.")
    assert not (tmp_path / "site").exists()


def test_a_follow_up_page_says_where_it_stands_where_it_comes_from_and_whom_to_ask(sample_site: Path):
    """What makes a follow-up page worth its frame: its state at the date of the figures, its source
    request (subject, dates, status) and the unit's contacts."""
    html = (sample_site / "theo-doi" / "so-nong-nghiep-moi-truong-tt-2026-001" / "index.html").read_text("utf-8")
    assert ('<h2 id="tien-do">Đến nay ra sao</h2><p>Đang thực hiện: đơn vị đã bắt đầu nhưng chưa báo kết quả, '
            "<strong>đã quá hạn 115 ngày</strong> (hạn 31/07/2026), tính đến ngày 23/11/2026.</p>") in html
    assert ('<p>Đơn vị cam kết khi giải trình yêu cầu “<a href="../../giai-trinh/so-nong-nghiep-moi-truong-2026-003/">'
            "Giải trình việc quản lý bụi, tiếng ồn từ mỏ đá vôi gần khu dân cư</a>”, nhận ngày 28/04/2026, đã giải "
            'trình ngày 20/05/2026: <a class="gt-badge gt-on_time" href="../../thong-ke/thuat-ngu/#answered" '
            'title="Giải thích trạng thái">Đã giải trình · Đúng hạn</a></p>') in html
    assert '<li>Điện thoại: <a href="tel:02053812620">0205 3812 620</a></li>' in html
    assert "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn giải trình: xem " in html
