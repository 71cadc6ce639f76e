"""The exact message of every problem code of the loading, schema and cross-record stages.

Each scenario breaks one thing in a copy of the valid fixture and expects exactly one line,
in the format the clerk sees: PATH:LINE: CODE: message Cách sửa: hint.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, FIXTURES

from generator.check.whole import check_data
from generator.problems import CATALOGUE

EX1 = "xa-a/giai-trinh/xa-a-2026-001.yaml"
EX2 = "xa-a/giai-trinh/xa-a-2026-002.yaml"
PLAN = "xa-a/ke-hoach/xa-a-kh-2026.yaml"
FU = "xa-a/theo-doi/xa-a-td-001.yaml"


def replace(rel: str, old: str, new: str):
    def edit(data: Path) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(rel: str, content: bytes):
    def edit(data: Path) -> None:
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_bytes(content)
    return edit


SCENARIOS = {
    "file-encoding": (write(EX2, "id: xa-a-2026-002\nsubject: Ph\xe1t\n".encode("latin-1")),
        f"data/{EX2}:2: file-encoding: Tệp không phải văn bản UTF-8 (byte 0xe1). Cách sửa: Mở tệp và lưu lại với bảng mã UTF-8 (Excel: Lưu thành “CSV UTF-8”)."),
    "file-too-large": (write(EX2, b"id: x\nrequest: " + b"a" * (1024 * 1024) + b"\n"),
        f"data/{EX2}:1: file-too-large: Tệp quá lớn (1048592 byte, tối đa 1048576 byte). Cách sửa: Tách nội dung dài thành tệp đính kèm PDF, hoặc rút gọn nội dung."),
    "control-character": (replace(EX2, "subject: Giấy phép xây dựng nhà xưởng bị từ chối", 'subject: "Giấy phép\\x07 xây dựng"'),
        f"data/{EX2}:7: control-character: Trường “subject” chứa ký tự điều khiển không hiển thị được (U+0007). Cách sửa: Gõ lại đoạn văn bản đó; thường do sao chép từ Word hoặc PDF."),
    "yaml-syntax": (replace(EX2, "channel: online", "channel: [online"),
        f"data/{EX2}:4: yaml-syntax: Tệp YAML sai cú pháp: danh sách trong ngoặc vuông “[ ]” chưa đóng hoặc thiếu dấu phẩy (cột 10). Cách sửa: thêm “]” ở cuối danh sách; nếu giá trị có ngoặc vuông ở đầu, đặt cả giá trị trong dấu nháy kép, ví dụ: channel: \"[online\"."),
    "yaml-tag": (replace(EX2, "channel: online", "channel: !!python/object:os.system online"),
        f"data/{EX2}:4: yaml-tag: Tệp YAML dùng thẻ không được phép (tag:yaml.org,2002:python/object:os.system). Cách sửa: Bỏ thẻ bắt đầu bằng “!” khỏi tệp; hồ sơ chỉ gồm văn bản, số, ngày và true/false."),
    "yaml-aliases": (write(EX2, ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcde", "bcdef"))).encode()),
        f"data/{EX2}:1: yaml-aliases: Tệp YAML dùng tham chiếu (&, *) mở rộng quá lớn (>20000 nút). Cách sửa: Không dùng neo (&) và tham chiếu (*); viết trực tiếp giá trị."),
    "duplicate-key": (replace(EX2, "channel: online", "channel: online\nchannel: in_person"),
        f"data/{EX2}:5: duplicate-key: Trường “channel” được khai báo hai lần trong cùng hồ sơ (lần đầu ở dòng 4). Cách sửa: Xóa một trong hai dòng, giữ lại giá trị đúng."),
    "not-a-record": (write(EX2, b"- just\n- a list\n"),
        f"data/{EX2}:1: not-a-record: Tệp không chứa một hồ sơ dạng “tên trường: giá trị” (list). Cách sửa: Sao chép một tệp mẫu cùng loại và sửa các giá trị."),
    "csv-syntax": (replace("units.csv", "xa-a,UBND xã An Bình,ubnd_xa,tinh,", "xa-a,UBND xã An Bình,ubnd_xa,tinh,,"),
        "data/units.csv:3: csv-syntax: Tệp CSV sai cấu trúc: dòng có 9 cột, tiêu đề có 8 cột. Cách sửa: Mở bằng Excel, kiểm tra dấu phẩy và dấu nháy kép, rồi lưu lại dạng “CSV UTF-8”."),
    "bad-format": (replace(PLAN, "  - id: nv-02", "  - id: NV 02"),
        f"data/{PLAN}:15: bad-format: Giá trị “NV 02” của trường “id” không đúng định dạng (mẫu [a-z0-9]+(-[a-z0-9]+)*). Cách sửa: Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ xa-thien-tan-2026-001."),
    "unknown-field": (replace(EX2, "public: true", "public: true\nstatus: answered"),
        f"data/{EX2}:11: unknown-field: Trường “status” không có trong chuẩn dữ liệu của Yêu cầu giải trình. Cách sửa: Kiểm tra chính tả tên trường theo Từ điển dữ liệu; trường do hệ thống tính thì không nhập."),
    "misplaced-file": (write("xa-a/giai-trinh/cu/xa-a-2025-001.yaml", b"id: x\n"),
        "data/xa-a/giai-trinh/cu/xa-a-2025-001.yaml:1: misplaced-file: Tệp đặt sai chỗ: không rõ loại hồ sơ của “xa-a/giai-trinh/cu/xa-a-2025-001.yaml”. Cách sửa: Đặt hồ sơ vào data/<mã đơn vị>/<loại hồ sơ>/<mã hồ sơ>.yaml."),
    "config-invalid": (replace("rules.yaml", "accept_working_days: 5", "accept_working_days: năm"),
        "data/rules.yaml:9: config-invalid: Tệp cấu hình không hợp lệ ở trường “accept_working_days”: “năm” phải là số nguyên không âm. Cách sửa: Sửa theo mẫu trong hướng dẫn; ngày viết dạng năm-tháng-ngày."),
    "base-url-invalid": (replace("portal.yaml", "base_url: https://giaitrinh.mau.gov.vn/", "base_url: langson.gov.vn/giai-trinh/"),
        "data/portal.yaml:3: base-url-invalid: Địa chỉ cổng “langson.gov.vn/giai-trinh/” ở trường “base_url” không dùng được: "
        "thiếu https:// ở đầu. Cách sửa: Ghi địa chỉ đầy đủ nơi cổng được đăng, bắt đầu bằng https://, không có “?…” hay "
        "“#…”; cổng đặt trong thư mục con của cổng thông tin điện tử thì ghi cả thư mục, ví dụ "
        "base_url: https://langson.gov.vn/giai-trinh/"),
    "missing-value": (replace(EX2, "subject: Giấy phép xây dựng nhà xưởng bị từ chối\n", ""),
        f"data/{EX2}:1: missing-value: Thiếu trường bắt buộc “subject”. Cách sửa: Điền giá trị phù hợp sau “subject:” (thêm dòng đó nếu chưa có; xem Từ điển dữ liệu)."),
    "wrong-type": (replace(EX2, "received_on: 2026-10-01", "received_on: 01/10/2026"),
        f"data/{EX2}:3: wrong-type: Giá trị “01/10/2026” của trường “received_on” không đúng kiểu ngày (năm-tháng-ngày). Cách sửa: Ngày viết dạng năm-tháng-ngày (2026-03-31); số viết không có dấu chấm, dấu phẩy; true/false cho có/không."),
    "not-in-list": (replace(EX2, "requester_type: business", "requester_type: doanh_nghiep"),
        f"data/{EX2}:5: not-in-list: Giá trị “doanh_nghiep” của trường “requester_type” không thuộc danh mục cho phép. Cách sửa: Chọn một trong các giá trị: citizen (Công dân), organisation (Tổ chức), business (Doanh nghiệp), press (Cơ quan báo chí), elected_body (Cơ quan dân cử)."),
    "out-of-range": (replace(PLAN, "progress: 40", "progress: 140"),
        f"data/{PLAN}:20: out-of-range: Giá trị “140” của trường “progress” vượt giới hạn (tối đa 100). Cách sửa: Kiểm tra lại giá trị; văn bản dài thì tóm tắt hoặc đính kèm tệp PDF."),
    "unknown-reference": (replace(PLAN, "    lead_unit: xa-a\n    due_on: 2026-06-30", "    lead_unit: xa-z\n    due_on: 2026-06-30"),
        f"data/{PLAN}:17: unknown-reference: Trường “lead_unit” trỏ tới “xa-z” nhưng không có đơn vị nào mang mã này. Cách sửa: Sửa lại mã cho đúng (xem danh sách trên cổng), hoặc thêm hồ sơ đó trước."),
    "date-order": (replace(EX2, "accepted_on: 2026-10-05", "accepted_on: 2026-09-30"),
        f"data/{EX2}:9: date-order: Ngày “accepted_on” (2026-09-30) sớm hơn “received_on (2026-10-01)”. Cách sửa: Kiểm tra lại hai ngày; thứ tự đúng là nhận → tiếp nhận → (gia hạn) → giải trình."),
    "date-in-future": (replace(FU, "completed_on: 2026-03-12", "completed_on: 2027-03-12"),
        f"data/{FU}:9: date-in-future: Ngày “completed_on” (2027-03-12) ở sau ngày tính số liệu 2026-11-23. Cách sửa: Sự việc chưa xảy ra thì chưa ghi ngày; sửa lỗi gõ năm hoặc tháng."),
    "inconsistent-status": (replace(EX2, "accepted_on: 2026-10-05", "accepted_on: 2026-10-05\nrefused_on: 2026-10-06\nrefusal_reason: Không thuộc thẩm quyền."),
        f"data/{EX2}:10: inconsistent-status: Các trường của hồ sơ mâu thuẫn nhau: vừa có ngày tiếp nhận vừa có ngày từ chối. Cách sửa: Một yêu cầu hoặc được tiếp nhận, hoặc bị từ chối; đã giải trình thì phải có nội dung và người giải trình."),
    "missing-companion": (replace(EX2, "accepted_on: 2026-10-05", "accepted_on: 2026-10-05\nanswered_on: 2026-10-15\nanswer: Đã trả lời."),
        f"data/{EX2}:10: missing-companion: Có “answered_on” nhưng thiếu “answered_by”. Cách sửa: Điền trường còn thiếu, ví dụ lý do từ chối, lý do gia hạn, nội dung giải trình."),
    "wrong-unit-folder": (replace(EX2, "unit: xa-a", "unit: tinh"),
        f"data/{EX2}:2: wrong-unit-folder: Hồ sơ của đơn vị “tinh” lại nằm trong thư mục “xa-a”. Cách sửa: Chuyển tệp vào thư mục data/tinh/ hoặc sửa trường unit."),
    "id-not-filename": (replace(EX2, "id: xa-a-2026-002", "id: xa-a-2026-009"),
        f"data/{EX2}:1: id-not-filename: Mã hồ sơ “xa-a-2026-009” khác tên tệp “xa-a-2026-002.yaml”. Cách sửa: Đổi tên tệp thành xa-a-2026-009.yaml, hoặc sửa trường id cho trùng tên tệp."),
    "no-rule": (replace(EX2, "received_on: 2026-10-01\n", "received_on: 2019-01-02\n"),
        f"data/{EX2}:3: no-rule: Không có quy định về thời hạn nào có hiệu lực vào ngày 2019-01-02. Cách sửa: Kiểm tra ngày nhận, hoặc bổ sung bộ quy định có effective_from phù hợp trong data/rules.yaml."),
}


def problems_after(edit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    edit(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return [p.line_text() for p in check_data(Path("data"), AS_OF).problems]


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_exact_message(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    edit, expected = SCENARIOS[code]
    lines = problems_after(edit, tmp_path, monkeypatch)
    assert expected in lines, "\n".join(lines)


def test_duplicate_id_names_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    edit = write("xa-a/giai-trinh/xa-a-2026-009.yaml",
                 (FIXTURES / "valid" / EX2).read_bytes().replace(b"id: xa-a-2026-002", b"id: xa-a-2026-009"))

    def twice(data: Path) -> None:
        edit(data)
        replace("xa-a/giai-trinh/xa-a-2026-009.yaml", "id: xa-a-2026-009", "id: xa-a-2026-002")(data)
        (data / "xa-a/giai-trinh/xa-a-2026-009.yaml").rename(data / "xa-a/giai-trinh/xa-a-2026-002b.yaml")

    lines = problems_after(twice, tmp_path, monkeypatch)
    hint = ("Cách sửa: Mỗi mã chỉ dùng cho một hồ sơ: giữ mã cho hồ sơ đã công bố trước, đặt cho hồ sơ mới một mã "
            "chưa dùng (thường tăng số thứ tự cuối) và đổi tên tệp theo mã đó.")
    assert ("data/xa-a/giai-trinh/xa-a-2026-002b.yaml:1: duplicate-id: Mã “xa-a-2026-002” đã được dùng cho hồ sơ "
            f"khác (data/{EX2}:1). {hint}") in lines, lines
    assert (f"data/{EX2}:1: duplicate-id: Mã “xa-a-2026-002” đã được dùng cho hồ sơ "
            f"khác (data/xa-a/giai-trinh/xa-a-2026-002b.yaml:1). {hint}") in lines, lines


def test_every_problem_code_is_tested_somewhere():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("test_*.py"))
    untested = [code for code in CATALOGUE if f": {code}: " not in tests and f'"{code}"' not in tests]
    assert untested == []


def test_english_messages_are_available():
    for kind in CATALOGUE.values():
        assert kind.en and kind.hint_en and kind.vi and kind.hint_vi, kind.code


@pytest.mark.parametrize("edit", [
    ("received_on: 2026-03-02", "received_on: 2026-03-02 00:00:00"),  # a midnight timestamp
    ("received_on: 2026-03-02", "received_on: 2026-03-02 10:30:00"),
    ("received_on: 2026-03-02", "received_on: 20260302"),
    ("received_on: 2026-03-02", "received_on: true"),
    ("public: true", "public: 1"),
    ("public: true", "public: yes"),
    ("public: true", "public: 2026-03-02"),
    ("public: true", "public: true\nextension_days: true"),
    ("public: true", "public: true\nextension_days: 2026-03-02"),
    ("public: true", "public: true\nextension_days: 1.5"),
    ("public: true", "public: true\nextension_days: 10"),
])
def test_values_handed_to_frictionless_as_they_are_are_judged_as_their_text(edit, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch):
    """A date, integer or boolean value reaches Frictionless as it is (validate._NATIVE), not as
    text: every value, of its field's type or not, must give the problems its text gives."""
    from generator.check import against_schema as validate

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    record = data / "xa-a" / "giai-trinh" / "xa-a-2026-001.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    monkeypatch.setenv("GIAITRINH_CACHE", "off")
    native = [p.line_text() for p in check_data(data, AS_OF).problems]
    monkeypatch.setattr(validate, "_NATIVE", {})
    assert native == [p.line_text() for p in check_data(data, AS_OF).problems]


@pytest.mark.parametrize("code, english", [
    ("wrong-type", "Value “01/10/2026” of field “received_on” is not a valid date (year-month-day)."),
    ("out-of-range", "Value “140” of field “progress” is out of range (maximum 100)."),
])
def test_english_details_are_english(code: str, english: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """--lang en: the expected type and the limit are named in English too."""
    edit, _ = SCENARIOS[code]
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    monkeypatch.chdir(tmp_path)
    edit(data)
    found = [p for p in check_data(Path("data"), AS_OF).problems if p.code == code]
    assert len(found) == 1 and english in found[0].message("en"), found[0].message("en")
    assert "ngày" not in found[0].message("en") and "tối" not in found[0].message("en")
