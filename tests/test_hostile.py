"""Hostile input is inert. tests/fixtures/hostile/ is a valid data folder whose text is full of
markup, scripts, template syntax, spreadsheet formulas and very long words: it must build, and
every page must show that text as plain text (no element, attribute, script or link comes
from a record), while the downloads hold it exactly as written. Broken and malicious files
that must be *rejected* each get their own problem code (test_loader_safety.py)."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, FIXTURES

from generator.build import build

HOSTILE = FIXTURES / "hostile"
MARKERS = ("gt-xss", "alert(", "evil.example", "gt-comment", "display:none}")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


class Page(HTMLParser):
    """Every element, attribute, comment and text node of one HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.texts: list[str] = []
        self.raw_blocks: list[tuple[str, dict, str]] = []  # (script|style, attrs, content)
        self._open: tuple[str, dict] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.raw_blocks.append((tag, dict(attrs), ""))

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, attrs, content = self.raw_blocks[-1]
            self.raw_blocks[-1] = (tag, attrs, content + data)
        else:
            self.texts.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def hostile_texts() -> list[str]:
    """Every string value written in the hostile corpus's records."""
    out = []
    for path in sorted(HOSTILE.glob("*/*/*.yaml")):  # records, not the settings files
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = [data] + list(data.get("tasks", [])) if isinstance(data, dict) else []
        out += [v for row in rows for k, v in row.items() if isinstance(v, str) and k not in ("name",)]
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    result = build(HOSTILE, out, AS_OF)
    assert [p.line_text() for p in result.problems if p.is_error] == []
    return out


def _pages(site: Path) -> list[tuple[str, Page]]:
    return [(p.relative_to(site).as_posix(), Page(p.read_text(encoding="utf-8")))
            for p in sorted(site.rglob("*.html"))]


def test_no_element_attribute_or_script_comes_from_a_record(hostile_site: Path):
    bad = []
    for name, page in _pages(hostile_site):
        for tag, attrs in page.elements:
            if tag in ("iframe", "object", "embed", "base", "form") and any(m in str(attrs) for m in MARKERS) \
                    or tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
                bad.append((name, tag, attrs))
            for attr, value in attrs:
                squeezed = "".join((value or "").split()).lower()
                if attr.startswith("on"):
                    bad.append((name, tag, attr))
                if attr in URL_ATTRS and squeezed.startswith(("javascript:", "vbscript:", "data:text")):
                    bad.append((name, tag, attr, value))
        for tag, attrs, content in page.raw_blocks:
            if tag == "script" and attrs.get("type") in ("application/json", "application/ld+json"):
                json.loads(content)  # JSON in a page stays well-formed whatever the records hold
                if "<" in content or ">" in content:  # and holds no < or > that could end the element
                    bad.append((name, tag, content[:80]))
            elif any(m in content or m in str(attrs) for m in MARKERS):
                bad.append((name, tag, content[:80]))
        bad += [(name, "comment", c) for c in page.comments if any(m in c for m in MARKERS)]
    assert bad == []


def test_record_text_is_shown_as_written(hostile_site: Path):
    page = Page((hostile_site / "giai-trinh" / "xa-a-2026-001" / "index.html").read_text(encoding="utf-8"))
    source = yaml.safe_load((HOSTILE / "xa-a" / "giai-trinh" / "xa-a-2026-001.yaml").read_text(encoding="utf-8"))
    for line in source["request"].splitlines():
        assert line in page.text
    assert source["answered_by"] in page.text
    assert "{{ 7*7 }} {% if true %}gt-jinja{% endif %}" in page.text  # never evaluated as a template
    assert "&amp; &lt;b&gt; &#x3C;script&#x3E;" in page.text  # entities written by a clerk stay literal
    assert "Ư" * 9000 in page.text  # a 9,000-letter word is kept whole
    title = next(t for t in (hostile_site / "giai-trinh" / "xa-a-2026-001" / "index.html").read_text(
        encoding="utf-8").split("<title>")[1:2])
    assert title.startswith("&lt;script&gt;alert(&#34;gt-xss-1&#34;)&lt;/script&gt;") or \
        title.startswith("&lt;script&gt;alert(&quot;gt-xss-1&quot;)&lt;/script&gt;")


def test_portal_and_unit_names_are_escaped_in_the_frame(hostile_site: Path):
    for rel in ("index.html", "gioi-thieu/index.html", "don-vi/xa-a/index.html"):
        page = Page((hostile_site / rel).read_text(encoding="utf-8"))
        assert not [b for b in page.raw_blocks if "gt-xss" in b[2]], rel
        assert 'Cổng <script>alert("gt-xss-9")</script> & "thử" nghiệm' in page.text, rel


def test_downloads_hold_the_hostile_text_exactly(hostile_site: Path):
    written = set(hostile_texts())
    published = set()
    for name in ("explanations", "plans", "plan_tasks", "follow_ups", "meetings", "reports"):
        rows = list(csv.DictReader(io.StringIO((hostile_site / "du-lieu-mo" / f"{name}.csv").read_text("utf-8"),
                                           newline="")))
        assert rows, name
        published |= {v for r in rows for v in r.values()}
    assert written - published == set()


def test_spreadsheet_formulas_stay_text_in_xlsx(hostile_site: Path):
    import openpyxl

    books = sorted((hostile_site / "du-lieu-mo").glob("giai-trinh-mo-*.xlsx"))
    assert books
    cells = [c for book in books for ws in openpyxl.load_workbook(book).worksheets
             for row in ws.iter_rows() for c in row if c.value is not None]
    formula_like = [c for c in cells if str(c.value).startswith(("=", "@", "+", "-"))]
    assert any(str(c.value).startswith('=HYPERLINK("https://evil.example"') for c in formula_like)
    assert {c.data_type for c in formula_like} <= {"s", "n"}  # strings (and negative numbers), never formulas


def test_every_json_and_xml_file_stays_well_formed(hostile_site: Path):
    """Search index, feeds, sitemap and downloads: record text never breaks their syntax."""
    import xml.etree.ElementTree as ET

    parsed = set()
    for path in sorted(hostile_site.rglob("*")):
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xml":
            ET.parse(path)
        else:
            continue
        parsed.add(path.relative_to(hostile_site).as_posix())
    expected = {"tim-kiem/chi-muc.json", "nguon-tin/atom.xml", "sitemap.xml", "du-lieu-mo/datapackage.json",
                "api/v1/units/xa-a.json", *(f"api/v1/{name}.json" for name in ("index", "units", "scorecards"))}
    assert expected <= parsed, f"not built, so not parsed: {sorted(expected - parsed)}"
    assert any(p.startswith("tim-kiem/") and p not in expected for p in parsed)  # the index's shards
    assert any(p.startswith("don-vi/") and p.endswith("/atom.xml") for p in parsed)  # a unit's feed


@pytest.mark.browser
def test_no_script_from_a_record_runs_in_a_real_browser(hostile_site: Path):
    """Headless Chromium opens every page of the hostile site (and a search for “script”, which
    the portal's script renders from its index): no alert fires, and after every script has run
    the live DOM holds no event-handler attribute, iframe or img src=x."""
    import shutil
    import threading
    import time
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are needed: make browser-deps")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.set_page_load_timeout(30)
    trap = ("window.__gtAlerts = [];"
            "['alert', 'confirm', 'prompt'].forEach(n => { window[n] = m => { window.__gtAlerts.push(n + ':' + m); }; });")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": trap})
    inspect = ("return {alerts: window.__gtAlerts || ['trap missing'], bad: Array.from(document.querySelectorAll('*'))"
               ".flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)"
               ".concat(e.tagName === 'IFRAME' || (e.tagName === 'IMG' && e.getAttribute('src') === 'x') ? [e.outerHTML] : []))};")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    urls = [base + p.relative_to(hostile_site).as_posix().removesuffix("index.html")
            for p in sorted(hostile_site.rglob("*.html"))]
    urls += [base + "tim-kiem/?q=script", base + "tim-kiem/?q=alert"]
    found = {}
    try:
        for url in urls:
            driver.get(url)
            for _ in range(30):  # let the search script render its results, if it runs at all
                if driver.execute_script("return document.documentElement.getAttribute('data-gt-search')") \
                        or "tim-kiem" not in url:
                    break
                time.sleep(0.1)
            state = driver.execute_script(inspect)
            if state["alerts"] or state["bad"]:
                found[url] = state
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
    assert len(urls) > 25
    assert found == {}
