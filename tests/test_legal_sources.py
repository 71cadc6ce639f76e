"""The registry of legal sources: every rule, calendar day and content page cites a registered
document, bad citations are problems with file, line and hint, and the pages print citations."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import AS_OF, FIXTURES, ROOT

from generator.check import legal, settings
from generator.check.whole import check_data
from generator.load import data_folder as load


def problems(data: Path, code: str) -> list[str]:
    return [p.line_text().removeprefix(f"{data}/") for p in check_data(data, AS_OF).problems if p.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_registry_rules_calendar_and_pages_are_consistent():
    conf = settings.read(load.load(ROOT / "data"))
    assert [p.line_text() for p in conf.problems] == []
    # Every document a rule or a calendar day cites is registered (read() reports it otherwise).
    cited = {s for r in conf.rules for s, _ in r.sources}
    cal = conf.calendar
    cited |= {d.source for table in (cal.days_off, cal.working_days, cal.removed) for d in table.values()}
    cited |= {d.source for d in cal.standing.values()}
    assert cited <= set(conf.registry) and {"nd-59-2019", "luat-132-2025", "cv-12729-2025"} <= cited


def test_the_fixture_registries_are_the_sample_registry():
    # The hand-written pages are shared by every data folder: each fixture carries the same registry.
    for name in ("valid", "hostile"):
        assert (FIXTURES / name / "legal-sources.yaml").read_bytes() == (ROOT / "data" / "legal-sources.yaml").read_bytes()


def test_rule_citing_a_missing_source(valid_copy: Path):
    edit(valid_copy / "rules.yaml", "{source: blds-2015,", "{source: blds-2051,")
    assert problems(valid_copy, "legal-source-unknown") == [
        "rules.yaml:5: legal-source-unknown: Trường “sources” trích dẫn văn bản mã “blds-2051” nhưng danh mục "
        "data/legal-sources.yaml không có mã này. Cách sửa: Sửa mã cho đúng với một mã (id) trong "
        "data/legal-sources.yaml, hoặc thêm văn bản đó vào danh mục kèm số hiệu, ngày ban hành, ngày có hiệu lực "
        "và đường dẫn công khai."]


def test_rule_naming_an_unregistered_document(valid_copy: Path):
    edit(valid_copy / "rules.yaml", "title: Nghị định 59/2019/NĐ-CP", "title: Nghị định 95/2019/NĐ-CP")
    assert problems(valid_copy, "legal-document-unknown") == [
        "rules.yaml:4: legal-document-unknown: Trường “title” nhắc tới văn bản số “95/2019/NĐ-CP” nhưng văn bản "
        "này chưa có trong danh mục data/legal-sources.yaml. Cách sửa: Thêm văn bản vào data/legal-sources.yaml "
        "(số hiệu đúng như trên văn bản), hoặc sửa số hiệu cho khớp với danh mục. Trên trang nội dung, nên trích "
        "dẫn bằng mã: [[mã-văn-bản, Điều …]]."]


def test_calendar_day_without_a_source_in_a_confirmed_year(valid_copy: Path):
    edit(valid_copy / "calendar.yaml", "  - {date: 2025-09-01, reason: Quốc khánh (ngày liền kề), source: tb-6150-2024}\n", "")
    edit(valid_copy / "calendar.yaml", ", source: blld-2019, article: khoản 3 Điều 111}", "}")
    assert problems(valid_copy, "calendar-day-unsourced") == [
        "calendar.yaml:11: calendar-day-unsourced: Ngày 2025-09-01 (Quốc khánh) thuộc năm đã xác nhận trong "
        "confirmed_years nhưng chưa có căn cứ pháp lý. Cách sửa: Ghi ngày này trong data/calendar.yaml với source "
        "(mã văn bản trong data/legal-sources.yaml) và article (điều, khoản); nếu ngày đó không phải ngày nghỉ, "
        "ghi nó vào removed kèm lý do; hoặc bỏ năm này khỏi confirmed_years cho đến khi xác minh xong.",
        "calendar.yaml:25: calendar-day-unsourced: Ngày 2026-04-27 (Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là "
        "Chủ nhật 26/4/2026)) thuộc năm đã xác nhận trong confirmed_years nhưng chưa có căn cứ pháp lý. Cách sửa: "
        "Ghi ngày này trong data/calendar.yaml với source (mã văn bản trong data/legal-sources.yaml) và article "
        "(điều, khoản); nếu ngày đó không phải ngày nghỉ, ghi nó vào removed kèm lý do; hoặc bỏ năm này khỏi "
        "confirmed_years cho đến khi xác minh xong."]


def test_a_package_day_not_removed_is_unconfirmed_and_does_not_count(valid_copy: Path):
    # Without `removed`, 24/11/2026 (the package's Ngày Văn hóa Việt Nam) has no basis: 2026 cannot be confirmed.
    text = (valid_copy / "calendar.yaml").read_text(encoding="utf-8")
    (valid_copy / "calendar.yaml").write_text(text[:text.index("\nremoved:")], encoding="utf-8")
    found = problems(valid_copy, "calendar-day-unsourced")
    assert [line.split(": ")[0] for line in found] == ["calendar.yaml:11"]  # the line of confirmed_years
    assert "Ngày 2026-11-24 (Ngày Văn hóa Việt Nam)" in found[0]
    conf = settings.read(load.load(valid_copy))
    assert conf.calendar.is_working(AS_OF.replace(day=24))


def test_source_in_force_after_its_repeal(valid_copy: Path):
    edit(valid_copy / "legal-sources.yaml", "    effective_from: 2021-01-01\n    status: in_force\n",
         "    effective_from: 2021-01-01\n    status: repealed\n    repealed_on: 2020-12-31\n")
    assert problems(valid_copy, "legal-source-dates") == [
        "legal-sources.yaml:111: legal-source-dates: Ngày của văn bản “blld-2019” không hợp lý ở trường "
        "“repealed_on”: có hiệu lực từ 2021-01-01, không thể hết hiệu lực ngày 2020-12-31. Cách sửa: Đối chiếu "
        "lại với văn bản: ngày ban hành ≤ ngày có hiệu lực < ngày hết hiệu lực; văn bản hết hiệu lực ghi status: "
        "repealed, repealed_on và repealed_by."]


def test_registry_entries_are_checked_against_their_schema(valid_copy: Path):
    edit(valid_copy / "legal-sources.yaml", "    amends: luat-36-2018\n    link: https://thuviennhadat",
         "    amends: luat-36-2081\n    link: https://thuviennhadat")
    edit(valid_copy / "legal-sources.yaml", "    kind: nghi_dinh\n    number: 59/2019", "    kind: nghị định\n    number: 59/2019")
    lines = [p.line_text().removeprefix(f"{valid_copy}/") for p in check_data(valid_copy, AS_OF).problems
             if p.path.endswith("legal-sources.yaml")]
    assert [line.split(": ")[:2] for line in lines] == [["legal-sources.yaml:74", "unknown-reference"],
                                                        ["legal-sources.yaml:80", "not-in-list"]]


def test_a_content_page_naming_an_unknown_document_or_id(tmp_path: Path):
    registry = settings.read(load.load(ROOT / "data")).registry
    page = tmp_path / "content" / "trang.md"
    page.parent.mkdir()
    page.write_text("# Trang\n\nTheo [[nd-59-2019, Điều 14]] và [[nd-95-2019, Điều 4]].\n"
                    "Theo Nghị định 13/2023/NĐ-CP.\n`[[vi-du]]` là ví dụ.\n", encoding="utf-8")
    found = [p.line_text() for p in legal.content_problems(registry, tmp_path / "content")]
    assert found == [
        "content/trang.md:3: legal-source-unknown: Trường “trích dẫn” trích dẫn văn bản mã “nd-95-2019” nhưng danh "
        "mục data/legal-sources.yaml không có mã này. Cách sửa: Sửa mã cho đúng với một mã (id) trong "
        "data/legal-sources.yaml, hoặc thêm văn bản đó vào danh mục kèm số hiệu, ngày ban hành, ngày có hiệu lực "
        "và đường dẫn công khai.",
        "content/trang.md:4: legal-document-unknown: Trường “văn bản” nhắc tới văn bản số “13/2023/NĐ-CP” nhưng "
        "văn bản này chưa có trong danh mục data/legal-sources.yaml. Cách sửa: Thêm văn bản vào "
        "data/legal-sources.yaml (số hiệu đúng như trên văn bản), hoặc sửa số hiệu cho khớp với danh mục. Trên "
        "trang nội dung, nên trích dẫn bằng mã: [[mã-văn-bản, Điều …]]."]


def test_citations_render_number_article_and_date():
    registry = settings.read(load.load(ROOT / "data")).registry
    out = legal.expand("Theo [[nd-59-2019, khoản 1 Điều 14]]. `[[nd-59-2019]]`\n[[danh-muc-van-ban]]\n", registry)
    first, table = out.split("\n", 1)
    assert first == ("Theo khoản 1 Điều 14 [Nghị định 59/2019/NĐ-CP](https://phapdien.moj.gov.vn/qt/tintuc/Pages/"
                     "nghien-cuu-trao-doi.aspx?ItemID=265) ngày 01/07/2019. `[[nd-59-2019]]`")
    assert table.count("\n- **") == len(registry) - 1 and table.startswith("- **")  # one item per document
    assert "Cơ quan ban hành: Chính phủ; ngày ban hành: 01/07/2019" in table
    assert "sửa đổi bởi Luật Doanh nghiệp 59/2020/QH14, Luật 81/2025/QH15, Luật 132/2025/QH15" in table
    assert "Luật 81/2025/QH15 (đang được xác minh)" not in table and "Đang được xác minh" in table


def test_every_number_in_the_content_pages_is_registered():
    registry = settings.read(load.load(ROOT / "data")).registry
    numbers = {s.number for s in registry.values()}
    for page in (ROOT / "content").rglob("*.md"):
        text = legal.CODE.sub("", legal.MARK.sub("", page.read_text(encoding="utf-8")))
        assert set(legal.NUMBER.findall(text)) <= numbers, page


def _page(site: Path, url: str) -> str:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", text)


def test_the_calendar_page_lists_every_day_with_its_source(sample_site: Path):
    page = _page(sample_site, "thong-ke/lich")
    for day, basis in (("02/01/2026", "Công văn 12729/VPCP-KGVX"), ("10/01/2026", "Công văn 12729/VPCP-KGVX"),
                       ("16/02/2026", "Thông báo 9441/TB-BNV"), ("27/04/2026", "khoản 3 Điều 111 Bộ luật Lao động"),
                       ("22/08/2026", "Thông báo 9441/TB-BNV"), ("31/08/2026", "Thông báo 9441/TB-BNV"),
                       ("27/01/2025", "Thông báo 6150/TB-BLĐTBXH"), ("26/04/2025", "Thông báo 6150/TB-BLĐTBXH"),
                       ("07/04/2025", "điểm e khoản 1 Điều 112")):
        row = page[page.index(day):][:400]
        assert basis in row, (day, row)
    row = page[page.index("24/11/2026"):][:400]
    assert "Chưa xác nhận" in row and "Nghị quyết 30/NQ-CP" in row


def test_pages_name_the_rule_and_the_days_skipped(sample_site: Path):
    page = _page(sample_site, "giai-trinh/xa-thien-tan-2026-002")
    assert "theo quy định áp dụng: Nghị định 59/2019/NĐ-CP (" in page and "nd-59-2019" not in page
    assert "16/02, 17/02, 18/02, 19/02, 20/02 (Tết Âm lịch; căn cứ: Thông báo 9441/TB-BNV ngày 16/10/2025)" in page
    later = _page(sample_site, "giai-trinh/xa-thien-tan-2026-006")
    assert "Luật 132/2025/QH15" in later and "đang được xác minh" in later
    footer = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "gói holidays" not in footer and "Bộ luật Lao động" in footer


def test_the_legal_pages_render_their_citations(sample_site: Path):
    page = _page(sample_site, "cach-yeu-cau-giai-trinh")
    assert "[[" not in page and "khoản 1 Điều 14 Nghị định 59/2019/NĐ-CP ngày 01/07/2019" in page
    assert "Trực tuyến" not in page and "theo chức năng của mình" not in page
    privacy = _page(sample_site, "quyen-rieng-tu")
    assert "Điều 3 Nghị định 356/2025/NĐ-CP" in privacy and "02 ngày làm việc" in privacy
    legal_page = _page(sample_site, "can-cu-phap-ly")
    assert "Đang được xác minh" in legal_page and "15/8/2019" in legal_page and "01/7/2026" in legal_page
