"""Personal data never reaches the site: the guard's patterns, its allow-lists, its messages,
and the built sample site scanned end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT
from sitescan import site_texts

from generator import privacy
from generator.check import check_data
from generator.load import load
from generator.problems import Problem

ALLOWED = privacy.Allowed(frozenset({"02053812345"}), frozenset({"hotro@example.vn"}), ("gov.vn",))

PERSONAL = [
    ("0912345678", "personal-phone"), ("0912 345 678", "personal-phone"), ("0912.345.678", "personal-phone"),
    ("0912-345-678", "personal-phone"), ("091 234 5678", "personal-phone"), ("+84 912 345 678", "personal-phone"),
    ("+84912345678", "personal-phone"), ("84912345678", "personal-phone"), ("(+84) 912 345 678", "personal-phone"),
    ("ĐT: 0987.654.321.", "personal-phone"), ("024 3825 1234", "personal-phone"), ("(024) 38251234", "personal-phone"),
    ("0206 3812 345", "personal-phone"), ("+84 24 3825 1234", "personal-phone"),
    ("CCCD 001095012345", "personal-id"), ("CCCD số 001 095 012 345", "personal-id"),
    ("số định danh 0010 9501 2345", "personal-id"), ("CMND 123456789", "personal-id"),
    ("hộ chiếu C1234567", "personal-id"), ("nguyenvana@gmail.com", "personal-email"),
    ("thư gửi a.b+c@yahoo.com.vn nhé", "personal-email"), ("CCCD:001095012345.", "personal-id"),
    ("căn cước 001.095.012.345", "personal-id"), ("ubnd@langson.gov.vn.evil.com", "personal-email"),
]
PUBLIC = [
    "80/KH-UBND", "Kế hoạch số 45/KH-UBND ngày 20/3/2026", "Nghị định số 101/2024/NĐ-CP", "ngày 23/01/2026",
    "2026-01-23", "1.200.000 đồng", "120.000.000.000 đồng", "1.234.567.890", "150000000 đồng", "1,2 tỷ đồng",
    "năm 2026, 86 cán bộ", "diện tích 123.456 m2", "tăng 12,5%", "15:30 ngày 12/3/2026", "Điều 15, khoản 2",
    "0205 3812 345", "Tel 0205.3812.345", "vanphong@thientan.langson.gov.vn", "hotro@example.vn",
    "https://langson.gov.vn/van-ban/0912345678", "mã số thuế 0312345678", "MST: 0101234567-001",
    "xa-thien-tan-2026-001", "mã băm 3ce969fb5f198493394aed", "KL 05/KL-TTr", "BC 18/BC-HĐND", "đường dây nóng 1900 1234", "phiên bản 2.0.1",
]


@pytest.mark.parametrize(("text", "code"), PERSONAL)
def test_personal_data_is_found(text: str, code: str):
    assert [h.code for h in privacy.scan(text, ALLOWED)] == [code]


@pytest.mark.parametrize("text", PUBLIC)
def test_public_numbers_and_official_contacts_pass(text: str):
    assert privacy.scan(text, ALLOWED) == []


def test_two_numbers_side_by_side_are_both_found():
    hits = privacy.scan("0912345678 0987654321", ALLOWED)
    assert [h.text for h in hits] == ["0912345678", "0987654321"]


@pytest.mark.parametrize("text", ["Ông N.V.A.", "Bà T.T.B.", "Anh H.", "Chị L.T.", "Ông L.V.Đ.", "Bà Đ.T.H."])
def test_masked_initials_pass(text: str):
    assert privacy.is_masked_name(text)


@pytest.mark.parametrize("text", ["Nguyễn Văn An", "Ông Nguyễn Văn A", "ông n.v.a.", "Bà Hoa", "Ông N.V.An"])
def test_full_names_are_not_masked(text: str):
    assert not privacy.is_masked_name(text)


def _problems(valid_copy: Path, rel: str, old: str, new: str) -> list[Problem]:
    f = valid_copy / rel
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new), encoding="utf-8")
    return [p for p in check_data(valid_copy, AS_OF).problems if p.is_error]


def test_phone_in_answer_is_an_error_naming_file_line_and_field(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "đã bổ sung",
                         "đã gọi số 0912 345 678 của người yêu cầu và bổ sung")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/xa-a/giai-trinh/xa-a-2026-001.yaml:14: personal-phone: Trường “answer” chứa số điện thoại "
        "không phải số chính thức của đơn vị (091…78). Cách sửa: Xóa số điện thoại cá nhân (thay bằng “[đã lược bỏ]”); "
        "số đường dây nóng của đơn vị phải có trong data/units.csv."]
    assert problems[0].message("en") == (
        "Field “answer” holds a phone number that is not a unit's official number (091…78). Fix: Remove the private "
        "phone number (write “[đã lược bỏ]”); a unit's hotline must be listed in data/units.csv.")


def test_official_unit_phone_and_gov_email_are_allowed_in_text(valid_copy: Path):
    assert _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "đã bổ sung",
                     "(điện thoại 0205 3800 111, thư ubnd@anbinh.mau.gov.vn) đã bổ sung") == []


def test_id_number_message(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "Đề nghị giải trình",
                         "Người yêu cầu (CCCD 001095012345) đề nghị giải trình")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/xa-a/giai-trinh/xa-a-2026-001.yaml:10: personal-id: Trường “request” chứa số giống số định danh "
        "cá nhân/CCCD, CMND hoặc hộ chiếu (001…45). Cách sửa: Xóa số giấy tờ tùy thân khỏi hồ sơ công khai "
        "(thay bằng “[đã lược bỏ]”); không công bố số định danh của cá nhân."]
    assert problems[0].message("en") == (
        "Field “request” holds what looks like a personal ID, old ID card or passport number (001…45). Fix: Remove "
        "the identity-document number from the public record (write “[đã lược bỏ]” instead).")


def test_private_email_message(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/theo-doi/xa-a-td-001.yaml", "Đã chuyển hồ sơ",
                         "Đã báo cho nguyenvana@gmail.com; chuyển hồ sơ")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/xa-a/theo-doi/xa-a-td-001.yaml:8: personal-email: Trường “result” chứa địa chỉ thư điện tử "
        "không thuộc tên miền chính thức (n…@gmail.com). Cách sửa: Xóa địa chỉ thư điện tử cá nhân (thay bằng "
        "“[đã lược bỏ]”); chỉ ghi địa chỉ của đơn vị (có trong units.csv hoặc đuôi .gov.vn)."]
    assert problems[0].message("en") == (
        "Field “result” holds an e-mail address outside the official domains (n…@gmail.com). Fix: Remove the private "
        "e-mail address (write “[đã lược bỏ]”); only a unit's address (in units.csv or under .gov.vn) may appear.")


def test_full_name_as_requester_message(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "Ông N.V.A.", "Nguyễn Văn An")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/xa-a/giai-trinh/xa-a-2026-001.yaml:6: requester-not-masked: Tên viết tắt người yêu cầu "
        "“Nguyễn Văn An” không ở dạng đã che (ví dụ “Ông N.V.A.”). Cách sửa: Chỉ ghi danh xưng và chữ cái đầu có dấu "
        "chấm: “Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”; hoặc bỏ trường này."]
    assert problems[0].message("en") == (
        "Requester initials “Nguyễn Văn An” are not masked (e.g. “Ông N.V.A.”). Fix: Write only a form of address "
        "and initials with dots: “Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”; or drop the field.")


def test_private_records_are_scanned_too(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-003.yaml", "không công khai.",
                         "không công khai, gọi 0987654321.")
    assert "personal-phone" in {p.code for p in problems}


def test_units_official_contacts_are_not_scanned_but_their_other_fields_are(valid_copy: Path):
    units = valid_copy / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("Thôn 1", "Thôn 1 (ông Ba 0912345678)"),
                     encoding="utf-8")
    problems = [p for p in check_data(valid_copy, AS_OF).problems if p.is_error]
    assert [(p.code, p.field, p.line) for p in problems] == [("personal-name", "address", 3),
                                                             ("personal-phone", "address", 3)]


def test_official_domains_come_from_portal_yaml(valid_copy: Path):
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("[gov.vn]", "[gov.vn, langson.vn]"), encoding="utf-8")
    assert _problems(valid_copy, "xa-a/theo-doi/xa-a-td-001.yaml", "Đã chuyển hồ sơ",
                     "Đã báo hotro@dichvucong.langson.vn; chuyển hồ sơ") == []


def test_sample_data_is_free_of_personal_data():
    loaded = load(ROOT / "data")
    assert list(privacy.problems(loaded, ["gov.vn"])) == []


def test_built_sample_site_contains_no_personal_data_pattern(sample_site: Path):
    loaded = load(ROOT / "data")
    allowed = privacy.allowed_from(loaded, ["gov.vn"])
    leaks = []
    for name, text in site_texts(sample_site):
        if name.startswith("assets/") or not re.search(r"\.(html|csv|json|xml|txt)$", name.split("!")[-1]):
            continue  # the theme's own scripts and fonts are not record text
        text = re.sub(r"<[^>]+>|\b[0-9a-f]{64}\b", " ", text)  # markup, and our own SHA-256 hashes
        leaks += [(name, h.code, h.text) for h in privacy.scan(text, allowed)]
    assert leaks == []


def test_a_hit_deep_in_a_long_answer_names_its_own_line(valid_copy: Path):
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml",
                         "  Hồ sơ thiếu trích đo địa chính;",
                         "  Dòng một.\n  Dòng hai.\n  Người yêu cầu để lại số 0987 654 321.\n  Hồ sơ thiếu trích đo địa chính;")
    assert [(p.line, p.code, p.field) for p in problems] == [(16, "personal-phone", "answer")]  # its key is on line 13


def test_large_sets_scan_in_a_worker_and_still_report(tmp_path: Path):
    """From 5,000 records the safety scan runs in a forked process beside Frictionless: the
    problem must come back from it exactly as in the small case."""
    from generator.synth import synthesise

    data = tmp_path / "data"
    synthesise(5000, data, seed=2)
    record = sorted(data.glob("*/giai-trinh/*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("subject: ", "subject: Gọi 0912 345 678 ", 1), encoding="utf-8")
    checked = check_data(data, AS_OF)
    assert sum(len(r) for r in checked.loaded.records.values()) >= 5000
    assert [(p.code, p.path) for p in checked.problems if p.is_error] == [("personal-phone", record.as_posix())]
