"""Issue 19: what a citizen reads on the built sample portal is plain Vietnamese, and a figure
says what it counts. Scans the visible and spoken text (tests/sitescan.py: text outside script
and style, plus aria-label, title and alt) of every page a citizen reads; the staff guides
(huong-dan/) and the pages for developers (data dictionary, API) name fields on purpose."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from conftest import ROOT
from sitescan import internal_words, visible_pages, visible_text

from generator import schema as std
from generator.catalogue.guess import slug
from generator.pages.browse import in_order, list_url

FOR_STAFF = ("huong-dan/", "du-lieu-mo/tu-dien/", "du-lieu-mo/api/")
# English words and library names seen on the portal in the trial, or likely to come back.
ENGLISH = ["Material for MkDocs", "MkDocs", "Material", "holidays", "Tabs", "median", "percentile", "Phân vị",
           "on_time", "received", "JavaScript", "Metadata", "RSS feed", "Initializing search", "Contributors",
           "Jinja", "Python", "Lunr", "overdue", "pending"]
ALSO_VIETNAMESE = {"so", "ban"}  # codes of the standard that are Vietnamese words too ("so với", "Ủy ban")


def _codes() -> list[str]:
    """The standard's machine names (fields, enum values), the rule ids, the legal registry's
    ids and the units' ids: none is for a citizen's eyes."""
    codes = set()
    for schema in std.all_schemas().values():
        for f in schema.fields:
            codes |= {f.name, *map(str, f.enum)}
    codes -= ALSO_VIETNAMESE
    data = ROOT / "data"
    codes |= {r["id"] for r in yaml.safe_load((data / "rules.yaml").read_text(encoding="utf-8"))["rules"]}
    codes |= {s["id"] for s in yaml.safe_load((data / "legal-sources.yaml").read_text(encoding="utf-8"))["sources"]}
    with (data / "units.csv").open(encoding="utf-8") as f:
        codes |= {u["id"] for u in csv.DictReader(f)}
    return sorted(codes)


def test_no_code_or_english_word_on_a_citizen_page(sample_site: Path) -> None:
    codes, found = _codes(), {}
    for name, text in visible_pages(sample_site):
        if not name.startswith(FOR_STAFF):
            hits = internal_words(text, ENGLISH, codes)
            if hits:
                found[name] = hits
    assert found == {}


def test_the_scanner_finds_what_it_looks_for() -> None:
    page = ('<html><body><p>Theo quy định nd-59-2019</p><nav aria-label="Tabs"></nav><img alt="median">'
            '<script>var on_time = 1;</script><a href="thoi-han/on_time/">Đúng hạn</a>'
            '<p>Mã: xa-thien-tan-2026-001</p></body></html>')
    text = visible_text(page)
    assert "on_time" not in text and "thoi-han" not in text
    assert internal_words(text, ["Tabs", "median", "on_time"], ["nd-59-2019", "xa-thien-tan"]) == \
        ["Tabs", "median", "nd-59-2019"]


def _on_time(page: Path) -> str:
    """The on-time headline of a page: "15/19" before "giải trình đúng hạn"."""
    text = visible_text(page.read_text(encoding="utf-8"))
    return re.findall(r"(\d+/\d+) giải trình đúng hạn", text)[0]


def test_home_and_statistics_say_the_same_on_time_figure_in_words(sample_site: Path) -> None:
    home = visible_text((sample_site / "index.html").read_text(encoding="utf-8"))
    assert "Năm 2026 29 yêu cầu nhận trong năm 15/19 giải trình đúng hạn (78,9 %) 3 từ chối giải trình, " \
           "1 đình chỉ (tính riêng) 2 đang quá hạn" in home
    assert _on_time(sample_site / "index.html") == _on_time(sample_site / "thong-ke" / "index.html") \
        == _on_time(sample_site / "thong-ke" / "2026" / "index.html") == "15/19"
    unit = visible_text((sample_site / "don-vi" / "xa-thien-tan" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"Năm 2026: \d+/\d+ giải trình đúng hạn; \d+ yêu cầu bị từ chối giải trình, tính riêng", unit)


def test_every_scorecard_number_carries_its_label(sample_site: Path) -> None:
    """A cell of a statistics table names its column (shown before the number on a phone)."""
    for page in ("don-vi/xa-thien-tan/index.html", "thong-ke/index.html", "thong-ke/2026/index.html",
                 "bao-cao/2026-H1/index.html", "ke-hoach/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        start = html.index('<table class="gt-list')
        cells = re.findall(r"<td( data-label=\"[^\"]+\")?>", html[start:html.index("</table>", start)])
        if page == "ke-hoach/index.html":  # a plan's title, a link that names itself, opens each card
            assert cells[0] == "" and len(cells) % 6 == 0
            cells = [c for i, c in enumerate(cells) if i % 6]
        assert cells and all(cells), page
    unit = (sample_site / "don-vi/xa-thien-tan/index.html").read_text(encoding="utf-8")
    assert '<td data-label="Một nửa số yêu cầu được giải trình trong (ngày)"><span class="gt-small">ít số liệu</span>' in unit
    assert "ít số liệu : có dưới 5 yêu cầu đã giải trình, nên không tính tỷ lệ đúng hạn" in visible_text(unit)


def test_lists_have_vietnamese_addresses_and_the_old_ones_lead_there(sample_site: Path) -> None:
    assert slug("Từ chối giải trình") == "tu-choi-giai-trinh" and slug("Đúng hạn") == "dung-han"
    assert list_url("timeliness", "overdue") == "giai-trinh/thoi-han/qua-han/"
    assert (sample_site / "giai-trinh/thoi-han/qua-han/index.html").is_file()
    old = (sample_site / "giai-trinh/thoi-han/overdue/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="../qua-han/">' in old
    assert '<meta http-equiv="refresh" content="0; url=../qua-han/">' in old
    assert '<a href="../qua-han/">Mở trang ở địa chỉ mới</a>' in old
    assert [p.name for p in (sample_site / "giai-trinh/thoi-han/overdue").iterdir()] == ["index.html"]
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="giai-trinh/thoi-han/dung-han/"' in home and "thoi-han/on_time/" not in home


def test_units_in_order_province_departments_then_communes_by_name(sample_site: Path) -> None:
    units = {"xa-b": {"kind": "ubnd_xa", "name": "Ủy ban nhân dân xã Bắc"},
             "so-a": {"kind": "so", "name": "Sở Xây dựng"}, "tinh": {"kind": "ubnd_tinh", "name": "UBND tỉnh"},
             "p-d": {"kind": "ubnd_phuong", "name": "Ủy ban nhân dân phường Đông"},
             "p-e": {"kind": "ubnd_phuong", "name": "Ủy ban nhân dân phường Dương"},
             "ban": {"kind": "ban", "name": "Ban Dân tộc"}}
    assert in_order(units) == ["tinh", "ban", "so-a", "p-e", "p-d", "xa-b"]
    html = (sample_site / "giai-trinh/index.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([a-z0-9-]+)">', html[html.index('name="don_vi"'):html.index('name="linh_vuc"')])
    assert options[0] == "ubnd-tinh" and options[-4:] == ["phuong-dong-kinh", "phuong-ky-lua", "xa-huu-lung",
                                                           "xa-thien-tan"]
