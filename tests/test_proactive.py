"""Explanations a unit gives on its own initiative (data/<unit>/giai-trinh-chu-dong/): exact
messages of their checks through `giaitrinh validate`, their pages from the home page and the
unit's page, the feeds, the search index, the open data and the API; and the Open Graph tags of
every page of the built sample site."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import jsonschema
import pytest
from conftest import AS_OF, ROOT

from generator import schema as std
from generator.cli import main
from generator.publish import search

PUBLIC = ("xa-thien-tan-gtcd-2026-001", "xa-thien-tan-gtcd-2026-002", "phuong-dong-kinh-gtcd-2026-001",
          "so-tai-chinh-gtcd-2026-001")
PRIVATE = "phuong-ky-lua-gtcd-2026-001"
REC = "data/phuong-dong-kinh/giai-trinh-chu-dong/phuong-dong-kinh-gtcd-2026-001.yaml"
BASE = "https://giaitrinh.langson.gov.vn/"


def text_of(page: Path) -> str:
    """The visible words of a page's article, on one line."""
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<h1"):body.index("</article>")] if "</article>" in body else body
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


# --- checks, through the command a clerk runs -------------------------------------------------

@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    return tmp_path


def validate_lines(project: Path, old: str, new: str, capsys) -> list[str]:
    path = project / REC
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    main(["validate", "--data", "data", "--as-of", AS_OF.isoformat()])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(REC)]


@pytest.mark.parametrize("old, new, expected", [
    ("document_number: 112/KH-UBND\ndocument_title: Kế hoạch lập lại trật tự lòng đường, vỉa hè trên địa bàn "
     "phường Đông Kinh năm 2026\ndocument_issued_on: 2026-05-04\n", "",
     f"{REC}:4: proactive-policy-without-document: Giải trình chủ động về chủ trương, chính sách mới nhưng không ghi "
     "văn bản ban hành chủ trương, chính sách đó (thiếu cả “document_number” lẫn “legal_source”). Cách sửa: Ghi số "
     "hiệu văn bản vào document_number (ví dụ 80/KH-UBND) kèm document_title và document_issued_on, hoặc ghi mã của "
     "văn bản trong data/legal-sources.yaml vào legal_source; nếu nội dung không giải trình một văn bản nào thì chọn "
     "lý do khác ở trường occasion."),
    ("document_number: 112/KH-UBND", "document_number: 112/KH-UBND\nlegal_source: kh-112-2026",
     f"{REC}:9: legal-source-unknown: Trường “legal_source” trích dẫn văn bản mã “kh-112-2026” nhưng danh mục "
     "data/legal-sources.yaml không có mã này. Cách sửa: Sửa mã cho đúng với một mã (id) trong "
     "data/legal-sources.yaml, hoặc thêm văn bản đó vào danh mục kèm số hiệu, ngày ban hành, ngày có hiệu lực và "
     "đường dẫn công khai."),
    ("document_number: 112/KH-UBND", "document_number: 112/KH-UBND\nlegal_source: kh-80-2026-ubnd-lang-son",
     f"{REC}:8: legal-source-number-mismatch: Số hiệu văn bản “112/KH-UBND” ở trường “document_number” không khớp "
     "với văn bản mã “kh-80-2026-ubnd-lang-son” trong danh mục data/legal-sources.yaml. Cách sửa: Ghi số hiệu đúng "
     "như trong danh mục, hoặc sửa mã legal_source cho đúng văn bản; khi đã có legal_source có thể bỏ trống "
     "document_number."),
    ("channel_links: https://dongkinh.langson.gov.vn/tin-tuc/lap-lai-trat-tu-via-he-2026",
     "channel_links: https://dongkinh.langson.gov.vn/a; javascript:alert(1)",
     f"{REC}:19: unsafe-link: Trường “channel_links” chứa liên kết không được phép “javascript:”. Cách sửa: Liên "
     "kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >."),
    ("explained_by: Chủ tịch UBND phường", "explained_by: Chủ tịch UBND phường, điện thoại 0912 345 678",
     f"{REC}:17: personal-phone: Trường “explained_by” chứa số điện thoại không phải số chính thức của đơn vị "
     "(091…78). Cách sửa: Xóa số điện thoại cá nhân (thay bằng “[đã lược bỏ]”); số đường dây nóng của đơn vị phải "
     "có trong data/units.csv."),
])
def test_each_check_says_where_what_and_how_to_fix(project: Path, old: str, new: str, expected: str, capsys):
    assert validate_lines(project, old, new, capsys) == [expected]


def test_the_sample_proactive_explanations_are_valid(project: Path, capsys):
    assert main(["validate", "--data", "data", "--as-of", AS_OF.isoformat()]) == 0
    captured = capsys.readouterr()
    assert (captured.out + captured.err).splitlines()[-1].endswith("0 lỗi, 0 cảnh báo.")


# --- the built sample site --------------------------------------------------------------------

def test_listed_on_the_home_page_and_the_units_page_with_a_page_each(sample_site: Path):
    home = text_of(sample_site / "index.html")
    assert "Giải trình chủ động mới nhất" in home
    assert "Giải trình về tiến độ giải ngân vốn đầu tư công của tỉnh đến hết tháng 8/2026" in home
    assert 'href="giai-trinh-chu-dong/"' in (sample_site / "index.html").read_text(encoding="utf-8")
    unit = (sample_site / "don-vi" / "xa-thien-tan" / "index.html").read_text(encoding="utf-8")
    assert "Giải trình chủ động (2)" in unit
    assert 'href="../../giai-trinh-chu-dong/xa-thien-tan-gtcd-2026-002/"' in unit
    assert 'href="giai-trinh-chu-dong/"' in unit
    listing = text_of(sample_site / "giai-trinh-chu-dong" / "index.html")
    assert listing.startswith("Giải trình chủ động 4 nội dung đơn vị chủ động thông tin, giải trình")
    assert text_of(sample_site / "don-vi" / "xa-thien-tan" / "giai-trinh-chu-dong" / "index.html").startswith(
        "Giải trình chủ động của Ủy ban nhân dân xã Thiên Tân 2 nội dung")
    for rid in PUBLIC:
        assert (sample_site / "giai-trinh-chu-dong" / rid / "index.html").is_file()


def test_a_record_page_says_which_document_it_explains_and_where_else_it_was_posted(sample_site: Path):
    words = text_of(sample_site / "giai-trinh-chu-dong" / "xa-thien-tan-gtcd-2026-001" / "index.html")
    assert ("Văn bản: Kế hoạch 80/KH-UBND ngày 09/03/2026 (đang được xác minh): Thực hiện Chỉ thị 53-CT/TW của "
            "Bộ Chính trị (UBND tỉnh Lạng Sơn).") in words or \
           "Văn bản: Kế hoạch 80/KH-UBND ngày 09/03/2026: Thực hiện Chỉ thị 53-CT/TW của Bộ Chính trị (UBND tỉnh Lạng Sơn)." \
           in words
    assert ("Đã đăng tải ở đâu Trang thông tin điện tử xã Trang Zalo chính thức của UBND xã Đài truyền thanh xã "
            "https://thientan.langson.gov.vn/tin-tuc/thuc-hien-trach-nhiem-giai-trinh-2026") in words
    words = text_of(sample_site / "giai-trinh-chu-dong" / "phuong-dong-kinh-gtcd-2026-001" / "index.html")
    assert ("Văn bản: số 112/KH-UBND ngày 04/05/2026: Kế hoạch lập lại trật tự lòng đường, vỉa hè trên địa bàn "
            "phường Đông Kinh năm 2026.") in words
    words = text_of(sample_site / "giai-trinh-chu-dong" / "xa-thien-tan-gtcd-2026-002" / "index.html")
    assert "Nội dung giải trình không gắn với một văn bản cụ thể." in words


def test_a_private_one_is_nowhere(sample_site: Path):
    for path in sample_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".ttl", ".jsonld"):
            assert PRIVATE not in path.read_text(encoding="utf-8", errors="replace"), path


def test_in_the_feeds(sample_site: Path):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for feed in ("nguon-tin/atom.xml", "don-vi/so-tai-chinh/atom.xml", "giai-trinh/linh-vuc/tai_chinh/atom.xml"):
        root = ET.parse(sample_site / feed).getroot()
        entries = {e.find("a:title", ns).text: e for e in root.findall("a:entry", ns)}
        entry = entries["Giải trình chủ động: Giải trình về tiến độ giải ngân vốn đầu tư công của tỉnh đến hết "
                        "tháng 8/2026"]
        assert entry.find("a:link", ns).get("href") == BASE + "giai-trinh-chu-dong/so-tai-chinh-gtcd-2026-001/"
        assert entry.find("a:updated", ns).text == "2026-09-18T00:00:00+07:00"
        assert entry.find("a:summary", ns).text == (
            "Sở Tài chính tỉnh Lạng Sơn, ngày 18/09/2026: vấn đề phức tạp, nhạy cảm. Giải ngân kế hoạch vốn đầu "
            "tư công năm 2026 của tỉnh")


def test_in_the_search_index(sample_site: Path):
    index = {p.relative_to(sample_site).as_posix(): p.read_bytes() for p in (sample_site / "tim-kiem").rglob("*.json")}
    found = list(search.search(index, "via he"))
    assert ["c", "phuong-dong-kinh-gtcd-2026-001"] in [hit[:2] for hit in found]
    assert [hit[1] for hit in search.search(index, "", ["k:c"])] == [
        "so-tai-chinh-gtcd-2026-001", "xa-thien-tan-gtcd-2026-002", "phuong-dong-kinh-gtcd-2026-001",
        "xa-thien-tan-gtcd-2026-001"]
    manifest = json.loads(index["tim-kiem/chi-muc.json"])
    assert manifest["kinds"]["c"] == ["giai-trinh-chu-dong/", "Giải trình chủ động"]


def test_in_the_open_data_valid_with_frictionless(sample_site: Path):
    out = sample_site / "du-lieu-mo"
    rows = list(csv.DictReader(io.StringIO((out / "proactive_explanations.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == sorted(PUBLIC)
    assert {r["id"]: r["channels"] for r in rows}["xa-thien-tan-gtcd-2026-001"] == (
        "Trang thông tin điện tử xã; Trang Zalo chính thức của UBND xã; Đài truyền thanh xã")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "proactive_explanations")
    assert resource["path"] == "proactive_explanations.csv" and resource["title"] == "Giải trình chủ động"
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    dcat = json.loads((out / "dcat.jsonld").read_text(encoding="utf-8"))
    assert BASE + "du-lieu-mo/#proactive_explanations" in json.dumps(dcat)


def test_in_the_api(sample_site: Path):
    api = sample_site / "api" / "v1"
    schema = json.loads((api / "schemas" / "proactive_explanations.json").read_text(encoding="utf-8"))
    for rid in PUBLIC:
        jsonschema.validate(json.loads((api / "proactive_explanations" / f"{rid}.json").read_text(encoding="utf-8")),
                            schema)
    unit = json.loads((api / "units" / "xa-thien-tan.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in unit["proactive_explanations"]] == [
        "api/v1/proactive_explanations/xa-thien-tan-gtcd-2026-002.json",
        "api/v1/proactive_explanations/xa-thien-tan-gtcd-2026-001.json"]
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    assert {"path": "api/v1/proactive_explanations/{id}.json", "schema": "api/v1/schemas/proactive_explanations.json",
            "title": "Một nội dung giải trình chủ động"} in index["endpoints"]


# --- Open Graph on every page -----------------------------------------------------------------

OG = ("og:title", "og:description", "og:url", "og:site_name", "og:locale", "og:type", "og:image")


def og_tags(page: Path) -> dict[str, str]:
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    return {m[0]: html.unescape(m[1]) for m in re.findall(r'<meta property="(og:[a-z_:]+)" content="([^"]*)"', head)}


def test_every_page_has_open_graph_tags_with_absolute_addresses(sample_site: Path):
    pages = sorted(p for p in sample_site.rglob("index.html") if "/api/" not in p.as_posix()
                   and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))  # an old address, moved
    assert len(pages) > 150
    for page in pages:
        tags = og_tags(page)
        assert set(OG) <= set(tags), (page, sorted(set(OG) - set(tags)))
        url = page.parent.relative_to(sample_site).as_posix()
        assert tags["og:url"] == BASE + ("" if url == "." else url + "/"), page
        assert tags["og:image"] == BASE + "assets/chia-se.png", page
        assert tags["og:locale"] == "vi_VN" and tags["og:site_name"] == "Cổng công khai trách nhiệm giải trình tỉnh Lạng Sơn"
        assert tags["og:title"] and tags["og:description"].endswith((".", "…")), (page, tags["og:description"])
        assert tags["og:type"] == ("article" if re.search(
            r"^(giai-trinh|giai-trinh-chu-dong|ke-hoach|theo-doi|quy-che)/[a-z0-9-]+-20\d\d(-[a-z0-9]+)*$", url)
            and "/trang-" not in url else "website"), (page, url)
    image = (sample_site / "assets" / "chia-se.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", image[16:24]) == (1200, 630)
    assert len(image) < 30_000


def test_a_record_is_described_by_its_unit_subject_and_status(sample_site: Path):
    tags = og_tags(sample_site / "giai-trinh" / "xa-thien-tan-2026-001" / "index.html")
    assert tags["og:title"] == "Giải trình việc chậm cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất ở tại thôn Đồng Tâm"
    assert tags["og:description"] == ("Yêu cầu giải trình gửi Ủy ban nhân dân xã Thiên Tân, nhận ngày 12/01/2026. "
                                      "Trạng thái: đã giải trình, đúng hạn.")
    tags = og_tags(sample_site / "giai-trinh-chu-dong" / "xa-thien-tan-gtcd-2026-002" / "index.html")
    assert tags["og:description"] == (
        "Ủy ban nhân dân xã Thiên Tân chủ động giải trình ngày 20/08/2026 (dư luận xã hội quan tâm): Việc thu gom, "
        "vận chuyển rác thải sinh hoạt trên địa bàn xã sau mưa lũ.")


def test_the_fields_list_is_the_one_of_requests():
    """One list of fields for the statistics and the feeds: a field added to requests is added here too."""
    asked, unasked = std.load("explanations").by_name["field"], std.load("proactive_explanations").by_name["field"]
    assert (unasked.enum, unasked.labels) == (asked.enum, asked.labels)
