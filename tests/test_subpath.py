"""The portal hosted under a sub-path of another site (the province's electronic portal, e.g.
https://<tinh>.gov.vn/giai-trinh/), set by one setting: base_url in data/portal.yaml.

The sample is built with base_url http://127.0.0.1:<port>/giai-trinh/, served under that
sub-path by a local web server that answers 404 to anything outside it and records every request,
and crawled by LinkChecker (a maintained crawler: HTML href/src, CSS url(), sitemap.xml) from the
home page, the sitemap, the 404 page and every link of every Atom feed (it does not read Atom).
No link may be broken and no request may leave the sub-path."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator.cli import main

PREFIX = "/giai-trinh/"
LINKCHECKER = Path(sys.executable).with_name("linkchecker")


class SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder at PREFIX only, as the CMS's web server would; records each path."""

    seen: list[str]

    def translate_path(self, path: str) -> str:
        self.seen.append(path)
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if not bare.startswith(PREFIX):
            return os.devnull + "/outside"  # not a file: 404
        return super().translate_path("/" + bare[len(PREFIX):])

    def list_directory(self, path):  # a folder without index.html is missing, as on the CMS's server
        self.send_error(404)

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")  # lets the crawler go faster than 10 requests a second
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """(base address, site folder, requests seen) of the sample built and served under PREFIX."""
    tmp = tmp_path_factory.mktemp("subpath")
    seen: list[str] = []
    handler = type("Handler", (SubPath,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # bound first: the port goes in base_url
    base = f"http://127.0.0.1:{server.server_port}{PREFIX}"
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    portal = data / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("base_url: https://giaitrinh.langson.gov.vn/",
                                                                  f"base_url: {base}"), encoding="utf-8")
    site = tmp / "site"
    assert main(["build", "--data", str(data), "--out", str(site), "--as-of", AS_OF.isoformat()]) == 0
    server.RequestHandlerClass = functools.partial(handler, directory=str(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, site, seen
    server.shutdown()
    server.server_close()


def crawl(urls: list[str], base: str, *more: str) -> list[dict[str, str]]:
    """LinkChecker's rows (every URL it checked), following links inside `base`; links to other
    hosts are listed, not fetched (no network here)."""
    if not LINKCHECKER.exists():
        pytest.fail("linkchecker is not installed: make install-test (it is in the test extra)")
    # Run as root, LinkChecker drops to user nobody: its settings file must be readable by anyone.
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as rc:
        rc.write("[checking]\nmaxrequestspersecond=1000\n")
    os.chmod(rc.name, 0o644)
    try:
        proc = subprocess.run([str(LINKCHECKER), "-f", rc.name, "--no-robots", "--no-status", "--check-extern",
                               "--ignore-url", f"^(?!{base.split(PREFIX)[0]}/)", "-v", "-o", "csv", *more, *urls],
                              capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(rc.name)
    rows = [line for line in proc.stdout.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))


def feed_links(site: Path) -> set[str]:
    links = set()
    for feed in site.rglob("atom.xml"):
        links |= {e.get("href") for e in ET.parse(feed).iter("{http://www.w3.org/2005/Atom}link")}
    return links


def test_every_link_works_under_the_sub_path_and_none_leaves_it(served):
    base, site, seen = served
    # The pages left at a list's old address (publish/redirects.py) are linked from nowhere: start there too.
    moved = {base + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
             if b'http-equiv="refresh"' in p.read_bytes()}
    assert moved
    starts = sorted({base, base + "sitemap.xml", base + "404.html"} | feed_links(site) | moved)
    assert all(u.startswith(base) for u in starts)  # feeds' links are absolute, with the sub-path
    rows = crawl(starts, base)
    broken = [f"{r['urlname']} (on {r['parentname']}): {r['result']}" for r in rows if r["valid"] != "True"]
    assert broken == []
    fetched = {p.split("?")[0].removeprefix(PREFIX) for p in seen}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {p[: -len("index.html")] for p in pages} <= fetched  # every page was reached
    downloads = {p.relative_to(site).as_posix() for p in (site / "du-lieu-mo").rglob("*.*") if p.name != "index.html"}
    assert downloads and downloads <= fetched  # and every downloadable file of the open data
    assert {"assets/giaitrinh.css", "assets/giaitrinh.js", "sitemap.xml", "nguon-tin/atom.xml"} <= fetched
    outside = sorted({p for p in seen if not p.startswith(PREFIX)})
    assert outside == []
    elsewhere = sorted({r["url"] for r in rows if not r["url"].startswith(base)
                        and r["url"].startswith("http://127.0.0.1")})
    assert elsewhere == []


def test_addresses_that_name_the_portal_carry_the_sub_path(served):
    base, site, _ = served
    home = (site / "giai-trinh" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}giai-trinh/">' in home
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}</loc>" in sitemap and f"<loc>{base}giai-trinh/</loc>" in sitemap
    assert sitemap.count("<loc>") == sitemap.count(f"<loc>{base}")
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/giai-trinh/assets/' in not_found or 'src="/giai-trinh/assets/' in not_found


def test_the_crawl_can_fail(served, tmp_path: Path):
    base, site, _ = served
    page = next((site / "giai-trinh").glob("*/index.html"))
    kept = tmp_path / "kept.html"
    shutil.move(page, kept)
    try:
        rows = crawl([base + "giai-trinh/"], base, "-r", "1")
    finally:
        shutil.move(kept, page)
    broken = {r["url"] for r in rows if r["valid"] != "True"}
    assert base + page.parent.relative_to(site).as_posix() + "/" in broken


@pytest.mark.parametrize("address, detail", [
    ("langson.gov.vn/giai-trinh/", "thiếu https:// ở đầu"),
    ("https://langson.gov.vn/giai-trinh/?lang=vi", "có phần truy vấn “?…”"),
    ("https://langson.gov.vn/giai-trinh/#top", "có phần neo “#…”"),
    ("ftp://langson.gov.vn/giai-trinh/", "không phải địa chỉ web http(s)"),
])
def test_an_unusable_base_url_is_named_and_nothing_is_built(address: str, detail: str, valid_copy: Path,
                                                             tmp_path: Path, capsys, monkeypatch):
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("base_url: https://giaitrinh.mau.gov.vn/",
                                                                  f'base_url: "{address}"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["build", "--data", "data", "--out", "site", "--as-of", AS_OF.isoformat()])
    err = capsys.readouterr().err
    assert code == 1
    assert (f"data/portal.yaml:3: base-url-invalid: Địa chỉ cổng “{address}” ở trường “base_url” không dùng được: "
            f"{detail}. Cách sửa: Ghi địa chỉ đầy đủ nơi cổng được đăng, bắt đầu bằng https://, không có “?…” hay "
            "“#…”; cổng đặt trong thư mục con của cổng thông tin điện tử thì ghi cả thư mục, ví dụ "
            "base_url: https://langson.gov.vn/giai-trinh/") in err.splitlines()
    assert not (tmp_path / "site").exists()
