"""Personal data never reaches the site: the guard's patterns, its allow-lists, its messages,
and the built sample site scanned end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT
from sitescan import site_texts

from generator.check import privacy
from generator.check.whole import check_data
from generator.load.data_folder import load
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
    """The message shows the masked form to write, never the name itself (CI logs are public)."""
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "Ông N.V.A.", "Nguyễn Văn An")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/xa-a/giai-trinh/xa-a-2026-001.yaml:6: requester-not-masked: Người yêu cầu được ghi bằng họ "
        "tên, chưa ở dạng đã che. Cách sửa: Chỉ ghi danh xưng và chữ cái đầu có dấu chấm, ở đây là “Ông/Bà N.V.A.” "
        "(ví dụ khác: “Bà T.T.B.”, “Anh H.”); hoặc bỏ trường này."]
    assert problems[0].message("en") == (
        "The requester is written by name, not masked. Fix: Write only a form of address and initials with dots, "
        "here “Ông/Bà N.V.A.” (other examples: “Bà T.T.B.”, “Anh H.”); or drop the field.")
    problems = _problems(valid_copy, "xa-a/giai-trinh/xa-a-2026-001.yaml", "Nguyễn Văn An", "bà Hoàng Thị Lan")
    assert "ở đây là “Bà H.T.L.”" in problems[0].message()


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


# --- identity numbers by structure: every province code, every spelling ------------------------
def _spellings(n: str) -> list[str]:
    return [n, f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}", f"{n[:3]}.{n[3:6]}.{n[6:9]}.{n[9:]}",
            f"{n[:3]}-{n[3:6]}-{n[6:9]}-{n[9:]}", f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]}.{n[4:8]}.{n[8:]}",
            f"{n[:3]} {n[3]} {n[4:6]} {n[6:]}", f"{n[:6]} {n[6:]}"]


CUES = ["{}", "CCCD {}", "số CCCD: {}", "căn cước {}", "CMND {}", "số định danh {}", "Người yêu cầu ({}) đề nghị"]


@pytest.mark.parametrize("prefix", [f"{i:03d}" for i in range(100)])
def test_every_province_code_in_every_spelling_is_an_id_and_other_prefixes_only_after_a_cue(prefix: str):
    """Thông tư 07/2016/TT-BCA: a 12-digit số định danh starts with the province code; the
    century/sex digit runs over 0–9 and the year over 00–99, so every one is generated here."""
    structured = prefix in privacy.identity.PROVINCE_CODES
    for century in "0123456789":
        number = f"{prefix}{century}{int(prefix) % 100:02d}{int(prefix) * 7919 % 1000000:06d}"
        for spelling in _spellings(number):
            for cue in CUES:
                text = cue.format(spelling)
                cued = "{}" != cue and "Người" not in cue
                codes = [h.code for h in privacy.scan(text, ALLOWED)]
                assert codes == (["personal-id"] if structured or cued else []), text


def test_the_63_province_codes_of_the_circular():
    codes = privacy.identity.PROVINCE_CODES
    assert len(codes) == 63 and {"001", "020", "022", "024", "025", "026", "027", "079", "096"} <= codes
    assert not codes & {"003", "005", "021", "023", "028", "029", "097", "098", "099", "000"}


def test_the_landline_pattern_no_longer_hides_numbers_starting_02():
    for text in ("CCCD 020165001234", "số CCCD: 020165001234", "căn cước 020301004321", "CCCD 024301004321"):
        assert [h.code for h in privacy.scan(text, ALLOWED)] == ["personal-id"], text


@pytest.mark.parametrize("text", [
    "thửa số 123, tờ bản đồ số 45", "thửa đất số 1023, tờ bản đồ số 56", "Bản án số 12/2025/DS-ST",
    "vụ án số 45/2025/TLST-HC", "120.000.000.000 đồng", "120 000 000 000 đồng", "mã số thuế 0201234567",
    "mã số doanh nghiệp 4900234567", "Tổng 1.245.678.000 đồng", "ngày 01.01.2026-31.12.2026",
    "mã hồ sơ 000.00.20.H35-260112-0001", "Quyết định số 1234/QĐ-UBND ngày 15/8/2025", "123456789012 lượt truy cập",
])
def test_public_numbers_are_not_ids(text: str):
    assert privacy.scan(text, ALLOWED) == []


# --- names, birth dates, addresses, accounts, plates: messages name file, line, field, masked ----
EX = "xa-a/giai-trinh/xa-a-2026-001.yaml"


@pytest.mark.parametrize(("new", "expected"), [
    ("Bà Lê Thị Hoa đề nghị giải trình",
     "personal-name: Trường “request” chứa họ tên của một cá nhân (L.T.H.). Cách sửa: Người dân: ghi danh xưng "
     "và chữ cái đầu, ví dụ “Ông L.T.H.” hoặc “Bà L.T.H.”, thay cho họ tên. Trường chức danh (answered_by, "
     "chaired_by) chỉ ghi chức danh, ví dụ “Chủ tịch UBND xã”. Cán bộ được nêu tên theo chức vụ công trong nội "
     "dung: khai báo trong trường named_officials của hồ sơ: “Họ và tên (chức vụ)”, các người cách nhau bằng dấu “;”."),
    ("Người yêu cầu sinh năm 1965 đề nghị giải trình",
     "personal-birth: Trường “request” chứa ngày hoặc năm sinh của một cá nhân (sinh năm 1…). Cách sửa: Xóa ngày, "
     "năm sinh (thay bằng “[đã lược bỏ]”); nếu tuổi có ý nghĩa cho nội dung, ghi chung như “người cao tuổi”."),
    ("Người yêu cầu trú tại số 12 đường Trần Phú đề nghị giải trình",
     "personal-address: Trường “request” chứa địa chỉ nơi ở của một cá nhân (trú tại số 1… đ… T… P…). "
     "Cách sửa: Xóa nơi ở, số nhà, tên đường của người dân (thay bằng “[đã lược bỏ]”); nếu cần nêu nơi phát sinh "
     "sự việc, chỉ ghi địa bàn (thôn, tổ dân phố, xã) mà không gắn với người."),
    ("Chuyển tiền vào STK 0123456789012 Vietcombank. Đề nghị giải trình",
     "personal-bank: Trường “request” chứa số tài khoản ngân hàng của cá nhân (012…12). Cách sửa: Xóa số tài khoản "
     "(thay bằng “[đã lược bỏ]”). Tài khoản của cơ quan nhà nước mở tại Kho bạc Nhà nước thì ghi kèm “Kho bạc Nhà "
     "nước” hoặc “của UBND …”."),
    ("Xe máy 12B1-234.56 của người yêu cầu bị giữ. Đề nghị giải trình",
     "personal-plate: Trường “request” chứa biển số xe gắn với một cá nhân (12B…56). Cách sửa: Xóa biển số (thay "
     "bằng “[đã lược bỏ]”) hoặc chỉ ghi loại phương tiện (xe máy, xe ô tô); biển số xe công thì ghi rõ “xe công” "
     "hoặc “xe của UBND …”."),
])
def test_new_personal_data_messages(valid_copy: Path, new: str, expected: str):
    problems = _problems(valid_copy, EX, "Đề nghị giải trình", new)
    assert [p.line_text() for p in problems] == [f"{valid_copy}/{EX}:10: {expected}"]


def test_sensitive_words_are_a_warning_naming_the_category(valid_copy: Path):
    f = valid_copy / EX
    f.write_text(f.read_text(encoding="utf-8").replace("Đề nghị giải trình", "Người yêu cầu mắc bệnh tim, đề nghị"),
                 encoding="utf-8")
    problems = [p for p in check_data(valid_copy, AS_OF).problems if p.code == "sensitive-data"]
    assert [(p.is_error, p.line_text()) for p in problems] == [(False,
        f"{valid_copy}/{EX}:10: sensitive-data: Trường “request” có thể chứa dữ liệu cá nhân nhạy cảm về sức khỏe "
        "(“mắc bệnh”). Cách sửa: Dữ liệu về sức khỏe, tôn giáo, dân tộc, tiền án, tiền sự của một người là dữ liệu "
        "nhạy cảm (Nghị định 356/2025/NĐ-CP): xóa nếu câu này nói về người yêu cầu hoặc một cá nhân; giữ nếu chỉ "
        "nói về chính sách chung.")]


# --- officials named in their public role are declared by the record -----------------------------
def test_an_official_declared_in_named_officials_may_be_named(valid_copy: Path):
    assert _problems(valid_copy, EX, "answered_by: Chủ tịch UBND xã",
                     "answered_by: Chủ tịch UBND xã Nguyễn Văn Bình\n"
                     "named_officials: Nguyễn Văn Bình (Chủ tịch UBND xã)") == []


def test_an_undeclared_official_is_an_error(valid_copy: Path):
    problems = _problems(valid_copy, EX, "answered_by: Chủ tịch UBND xã", "answered_by: Chủ tịch UBND xã Nguyễn Văn Bình")
    assert [(p.code, p.field, p.line, p.value) for p in problems] == [("personal-name", "answered_by", 15, "N.V.B.")]


def test_a_named_official_must_be_written_name_and_position(valid_copy: Path):
    problems = _problems(valid_copy, EX, "public: true", "public: true\nnamed_officials: Nguyễn Văn Bình")
    assert [p.line_text() for p in problems] == [
        f"{valid_copy}/{EX}:17: named-official-format: Mục “N.V.B.” của trường “named_officials” không ở dạng "
        "“Họ và tên (chức vụ)”. Cách sửa: Mỗi cán bộ một mục, cách nhau bằng dấu “;”, ví dụ “Nguyễn Văn A (Chủ tịch "
        "UBND xã); Trần Thị B (Phó Chủ tịch UBND xã)”. Chỉ khai báo người được nêu tên theo chức vụ công, không "
        "khai báo người dân."]


def test_a_plan_declares_the_officials_its_tasks_name(valid_copy: Path):
    rel = "xa-a/ke-hoach/xa-a-kh-2026.yaml"
    named = _problems(valid_copy, rel, "Rà soát quy chế nội bộ về giải trình",
                      "Giao công chức tư pháp Lê Văn Dũng rà soát quy chế")
    assert [(p.code, p.field) for p in named] == [("personal-name", "title")]
    f = valid_copy / rel
    f.write_text(f.read_text(encoding="utf-8").replace(
        "due_on: 2026-03-31\n", "due_on: 2026-03-31\nnamed_officials: Lê Văn Dũng (công chức tư pháp - hộ tịch)\n", 1),
        encoding="utf-8")
    assert [p for p in check_data(valid_copy, AS_OF).problems if p.is_error] == []


def test_severities_publish_nothing_private_by_default():
    from generator.problems import CATALOGUE

    errors = ["personal-id", "personal-phone", "personal-email", "personal-name", "personal-birth",
              "personal-address", "personal-bank", "personal-plate", "named-official-format"]
    assert [CATALOGUE[c].severity for c in errors] == ["error"] * len(errors)
    assert CATALOGUE["sensitive-data"].severity == "warning"


def test_an_id_is_scanned_for_numbers_typed_into_it():
    """An id is a slug: only a number can hide in it, and it is scanned only when it holds a run
    of nine digits (every id holds its year and number, which are not personal data)."""
    allowed = privacy.Allowed(frozenset(), frozenset(), ("gov.vn",), frozenset())
    rec = lambda rid: load_record(rid)  # noqa: E731
    assert [p.code for p in privacy.record_problems(rec("xa-a-001095012345"), ["id"], allowed)] == ["personal-id"]
    assert [p.code for p in privacy.record_problems(rec("xa-a-0912345678"), ["id"], allowed)] == ["personal-phone"]
    assert list(privacy.record_problems(rec("xa-a-2026-00123"), ["id"], allowed)) == []


def load_record(rid: str):
    from generator.load.data_folder import Record
    return Record("explanations", f"{rid}.yaml", 1, {"id": rid}, {"id": 1})


def test_a_units_office_address_is_public_a_home_address_is_not():
    """The request page prints each unit's address (units.csv): an office, not a person's home.
    The same words with another house number are still a home address."""
    allowed = privacy.allowed_from(load(ROOT / "data"), ["gov.vn"])
    office = "Địa chỉ: Số 25 đường Bà Triệu, phường Đông Kinh."  # as the request page prints it
    assert [h.code for h in privacy.scan(office, allowed)] == []
    home = "Ông N.V.A., trú tại số 27 đường Bà Triệu, phường Đông Kinh."
    assert [h.code for h in privacy.scan(home, allowed)] == ["personal-address"]
