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
from generator.cli import main
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
        f"data/{EX2}:2: file-encoding: Tệp không phải UTF-8 nên chữ tiếng Việt trong tệp không đọc được. Cách sửa: Mở tệp bằng Notepad, chọn Lưu thành (Save As), ở ô Mã hóa (Encoding) chọn UTF-8 rồi lưu."),
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
    "request-intake-url-invalid": (replace("portal.yaml", "official_domains:",
                                           "request_intake_url: https://mau.gov.vn/tiep-nhan?don-vi=1\nofficial_domains:"),
        "data/portal.yaml:4: request-intake-url-invalid: Địa chỉ tiếp nhận yêu cầu giải trình "
        "“https://mau.gov.vn/tiep-nhan?don-vi=1” ở trường “request_intake_url” không dùng được: có phần truy vấn “?…”. "
        "Cách sửa: Ghi địa chỉ đầy đủ của trang tiếp nhận yêu cầu giải trình trên cổng thông tin điện tử của tỉnh, "
        "bắt đầu bằng https://, không có “?…” hay “#…”, ví dụ request_intake_url: https://langson.gov.vn/tiep-nhan-giai-trinh; "
        "không có trang đó thì xóa dòng này (biểu mẫu sẽ gửi bằng thư điện tử hoặc thư giấy)."),
    "missing-value": (replace(EX2, "subject: Giấy phép xây dựng nhà xưởng bị từ chối\n", ""),
        f"data/{EX2}:1: missing-value: Thiếu trường bắt buộc “subject”. Cách sửa: Điền giá trị phù hợp sau “subject:” (thêm dòng đó nếu chưa có; xem Từ điển dữ liệu)."),
    "wrong-type": (replace(EX2, "received_on: 2026-10-01", "received_on: 01/10/2026"),
        f"data/{EX2}:3: wrong-type: Giá trị “01/10/2026” của trường “received_on” không đúng kiểu ngày (năm-tháng-ngày). Cách sửa: Ngày viết dạng năm-tháng-ngày, ví dụ 2026-03-31 (không viết 31/03/2026)."),
    "not-in-list": (replace(EX2, "requester_type: business", "requester_type: doanh_nghiep"),
        f"data/{EX2}:5: not-in-list: Giá trị “doanh_nghiep” của trường “requester_type” không thuộc danh mục cho phép. Cách sửa: Có phải “business” (Doanh nghiệp)? Các giá trị được phép: citizen (Công dân), organisation (Tổ chức), business (Doanh nghiệp), press (Cơ quan báo chí), elected_body (Cơ quan dân cử)."),
    "out-of-range": (replace(PLAN, "progress: 40", "progress: 140"),
        f"data/{PLAN}:20: out-of-range: Giá trị “140” của trường “progress” vượt giới hạn (tối đa 100). Cách sửa: Kiểm tra lại giá trị; văn bản dài thì tóm tắt hoặc đính kèm tệp PDF."),
    "unknown-reference": (replace(PLAN, "    lead_unit: xa-a\n    due_on: 2026-06-30", "    lead_unit: xa-z\n    due_on: 2026-06-30"),
        f"data/{PLAN}:17: unknown-reference: Trường “lead_unit” trỏ tới “xa-z” nhưng không có đơn vị nào mang mã này. Cách sửa: Có phải “xa-a”? Mã đơn vị phải là một mã có trong data/units.csv; sửa lại cho đúng."),
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
    "non-working-day": (replace(EX1, "answered_on: 2026-03-16", "answered_on: 2026-03-15"),
        f"data/{EX1}:12: non-working-day: Ngày “answered_on” (2026-03-15) là Chủ nhật, không phải ngày làm việc theo lịch. Cách sửa: Kiểm tra lại ngày, thường là gõ nhầm ngày hoặc tháng. Nếu cơ quan thật sự làm việc hôm đó (ngày làm bù theo thông báo), ghi ngày đó vào working_days trong data/calendar.yaml; nếu không, sửa lại ngày."),
    "no-rule": (replace(EX2, "received_on: 2026-10-01\n", "received_on: 2019-01-02\n"),
        f"data/{EX2}:3: no-rule: Không có quy định về thời hạn nào có hiệu lực vào ngày 2019-01-02. Cách sửa: Kiểm tra ngày nhận, hoặc bổ sung bộ quy định có effective_from phù hợp trong data/rules.yaml."),
}


# One situation, one hint: the hint a problem gives when the data says more about the mistake.
SITUATIONS = {
    "misspelt field name": (replace(EX1, "answered_by:", "answerd_by:"),
        f"data/{EX1}:15: unknown-field: Trường “answerd_by” không có trong chuẩn dữ liệu của Yêu cầu giải trình. Cách sửa: Có phải “answered_by”? Sửa tên trường cho đúng chính tả (xem Từ điển dữ liệu)."),
    "misspelt required field: its line, not line 1": (replace(EX2, "received_on:", "recieved_on:"),
        f"data/{EX2}:3: missing-value: Thiếu trường bắt buộc “received_on”. Cách sửa: Có lẽ trường “recieved_on” ở dòng này chính là “received_on” viết sai chính tả: sửa tên trường thành “received_on”."),
    "misspelt required field is also unknown": (replace(EX2, "received_on:", "recieved_on:"),
        f"data/{EX2}:3: unknown-field: Trường “recieved_on” không có trong chuẩn dữ liệu của Yêu cầu giải trình. Cách sửa: Có phải “received_on”? Sửa tên trường cho đúng chính tả (xem Từ điển dữ liệu)."),
    "Vietnamese label instead of the code": (replace(EX2, "requester_type: business", "requester_type: Doanh nghiệp"),
        f"data/{EX2}:5: not-in-list: Giá trị “Doanh nghiệp” của trường “requester_type” không thuộc danh mục cho phép. Cách sửa: “Doanh nghiệp” là nhãn tiếng Việt của mã “business”: trong tệp ghi mã “business”."),
    "misspelt code": (replace(EX2, "channel: online", "channel: onlne"),
        f"data/{EX2}:4: not-in-list: Giá trị “onlne” của trường “channel” không thuộc danh mục cho phép. Cách sửa: Có phải “online” (Qua Cổng thông tin điện tử)? Các giá trị được phép: in_writing (Bằng văn bản), in_person (Trực tiếp (lập biên bản)), online (Qua Cổng thông tin điện tử)."),
    "nothing near": (replace(EX2, "channel: online", "channel: zzz"),
        f"data/{EX2}:4: not-in-list: Giá trị “zzz” của trường “channel” không thuộc danh mục cho phép. Cách sửa: Chọn một trong các giá trị: in_writing (Bằng văn bản), in_person (Trực tiếp (lập biên bản)), online (Qua Cổng thông tin điện tử)."),
    "unknown unit code in unit: no move to its folder": (replace(EX2, "unit: xa-a", "unit: xa-ab"),
        f"data/{EX2}:2: wrong-unit-folder: Hồ sơ của đơn vị “xa-ab” lại nằm trong thư mục “xa-a”. Cách sửa: “xa-ab” không phải mã đơn vị nào trong data/units.csv: sửa trường unit thành “xa-a”, mã đơn vị của thư mục chứa tệp."),
    "unknown unit code in unit: no “add it first”": (replace(EX2, "unit: xa-a", "unit: xa-ab"),
        f"data/{EX2}:2: unknown-reference: Trường “unit” trỏ tới “xa-ab” nhưng không có đơn vị nào mang mã này. Cách sửa: Có phải “xa-a”? Mã đơn vị phải là một mã có trong data/units.csv; sửa lại cho đúng."),
    "unit code nothing like a unit": (replace(PLAN, "    lead_unit: xa-a\n    due_on: 2026-06-30", "    lead_unit: phong-tu-phap\n    due_on: 2026-06-30"),
        f"data/{PLAN}:17: unknown-reference: Trường “lead_unit” trỏ tới “phong-tu-phap” nhưng không có đơn vị nào mang mã này. Cách sửa: Mã đơn vị phải là một mã có trong data/units.csv (xem trang Đơn vị trên cổng); sửa lại cho đúng."),
    "a CSV file that is not UTF-8": (write("units.csv", (FIXTURES / "valid" / "units.csv").read_text(encoding="utf-8").encode("cp1258", "replace")),
        "data/units.csv:2: file-encoding: Tệp không phải UTF-8 nên chữ tiếng Việt trong tệp không đọc được. Cách sửa: Mở tệp bằng Excel, chọn Lưu thành (Save As), kiểu tệp “CSV UTF-8 (phân tách bằng dấu phẩy)” rồi lưu; hoặc mở bằng Notepad, Lưu thành, chọn UTF-8."),
    "a whole number": (replace(PLAN, "progress: 40", "progress: 40%"),
        f"data/{PLAN}:20: wrong-type: Giá trị “40%” của trường “progress” không đúng kiểu số nguyên. Cách sửa: Số viết liền bằng chữ số, không có dấu chấm, dấu phẩy hay đơn vị, ví dụ 15."),
    "answered on a public holiday": (replace(EX1, "answered_on: 2026-03-16", "answered_on: 2026-04-30"),
        f"data/{EX1}:12: non-working-day: Ngày “answered_on” (2026-04-30) là ngày nghỉ Ngày Chiến thắng, không phải ngày làm việc theo lịch. Cách sửa: Kiểm tra lại ngày, thường là gõ nhầm ngày hoặc tháng. Nếu cơ quan thật sự làm việc hôm đó (ngày làm bù theo thông báo), ghi ngày đó vào working_days trong data/calendar.yaml; nếu không, sửa lại ngày."),
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


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_exact_hint_for_the_situation(situation: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    edit, expected = SITUATIONS[situation]
    lines = problems_after(edit, tmp_path, monkeypatch)
    assert expected in lines, "\n".join(lines)


def test_saturday_and_working_days_are_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """accepted_on on a Saturday warns; the same record's Monday answer does not."""
    lines = problems_after(replace(EX1, "accepted_on: 2026-03-04", "accepted_on: 2026-03-07"), tmp_path, monkeypatch)
    assert [line for line in lines if "non-working-day" in line] == [
        f"data/{EX1}:11: non-working-day: Ngày “accepted_on” (2026-03-07) là thứ Bảy, không phải ngày làm việc theo lịch. Cách sửa: Kiểm tra lại ngày, thường là gõ nhầm ngày hoặc tháng. Nếu cơ quan thật sự làm việc hôm đó (ngày làm bù theo thông báo), ghi ngày đó vào working_days trong data/calendar.yaml; nếu không, sửa lại ngày."]


def test_duplicate_id_names_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    edit = write("xa-a/giai-trinh/xa-a-2026-009.yaml",
                 (FIXTURES / "valid" / EX2).read_bytes().replace(b"id: xa-a-2026-002", b"id: xa-a-2026-009"))

    def twice(data: Path) -> None:
        edit(data)
        replace("xa-a/giai-trinh/xa-a-2026-009.yaml", "id: xa-a-2026-009", "id: xa-a-2026-002")(data)
        (data / "xa-a/giai-trinh/xa-a-2026-009.yaml").rename(data / "xa-a/giai-trinh/xa-a-2026-002b.yaml")

    lines = problems_after(twice, tmp_path, monkeypatch)
    copy = "data/xa-a/giai-trinh/xa-a-2026-002b.yaml"
    # The file named after the id keeps it and is told so; the copy is told to take a new id, and
    # its id-not-filename problem does not tell it to rename itself to the taken id.
    assert sorted(line for line in lines if line.startswith((copy, f"data/{EX2}"))) == sorted([
        f"{copy}:1: duplicate-id: Mã “xa-a-2026-002” được dùng cho hai hồ sơ: ở đây và ở data/{EX2}:1. Cách sửa: Hồ sơ ở tệp kia giữ mã “xa-a-2026-002” (tệp mang tên theo mã này). Đặt cho hồ sơ trong tệp này một mã mới chưa dùng (thường tăng số thứ tự cuối), sửa trường id và đổi tên tệp theo mã mới.",
        f"{copy}:1: id-not-filename: Mã hồ sơ “xa-a-2026-002” khác tên tệp “xa-a-2026-002b.yaml”. Cách sửa: Mã “xa-a-2026-002” đã là của hồ sơ xa-a-2026-002.yaml, đừng đổi tên tệp thành mã đó: đặt cho hồ sơ này một mã mới chưa dùng, sửa trường id và đổi tên tệp theo mã mới.",
        f"data/{EX2}:1: duplicate-id: Mã “xa-a-2026-002” được dùng cho hai hồ sơ: ở đây và ở {copy}:1. Cách sửa: Hồ sơ trong tệp này giữ mã “xa-a-2026-002” (tệp mang tên theo mã này), không cần sửa. Sửa tệp kia: đặt cho hồ sơ đó một mã mới chưa dùng (thường tăng số thứ tự cuối) và đổi tên tệp theo mã mới.",
    ])


def test_duplicate_id_of_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A record copied under a new file name without a new id: the original keeps the id."""
    def twice(data: Path) -> None:
        write("xa-a/giai-trinh/xa-a-2026-003.yaml", (FIXTURES / "valid" / EX2).read_bytes().replace(
            b"id: xa-a-2026-002", b"id: xa-a-2026-001"))(data)
    lines = problems_after(twice, tmp_path, monkeypatch)
    assert sorted(line for line in lines if "duplicate-id" in line)[::-1] == [
        f"data/xa-a/giai-trinh/xa-a-2026-003.yaml:1: duplicate-id: Mã “xa-a-2026-001” được dùng cho hai hồ sơ: ở đây và ở data/{EX1}:1. Cách sửa: Hồ sơ ở tệp kia giữ mã “xa-a-2026-001” (tệp mang tên theo mã này). Đặt cho hồ sơ trong tệp này một mã mới chưa dùng (thường tăng số thứ tự cuối), sửa trường id và đổi tên tệp theo mã mới.",
        f"data/{EX1}:1: duplicate-id: Mã “xa-a-2026-001” được dùng cho hai hồ sơ: ở đây và ở data/xa-a/giai-trinh/xa-a-2026-003.yaml:1. Cách sửa: Hồ sơ trong tệp này giữ mã “xa-a-2026-001” (tệp mang tên theo mã này), không cần sửa. Sửa tệp kia: đặt cho hồ sơ đó một mã mới chưa dùng (thường tăng số thứ tự cuối) và đổi tên tệp theo mã mới.",
    ]


def test_every_problem_code_is_tested_somewhere():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("test_*.py"))
    untested = [code for code in CATALOGUE if f": {code}: " not in tests and f'"{code}"' not in tests]
    assert untested == []


def test_every_situation_hint_names_its_placeholders():
    """The catalogue page and --explain show each situation's hint with its placeholders named."""
    for kind in CATALOGUE.values():
        assert "{" not in "".join(kind.generic_cases()), kind.code
        assert all(vi != en for _, vi, en in kind.cases), kind.code


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


def test_explain_prints_the_catalogue_entry(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES / "valid" / "..")
    assert main(["validate", "--data", "valid", "--explain", "missing-value"]) == 0
    assert capsys.readouterr().out == (
        "missing-value (lỗi: chặn xuất bản)\n"
        "Thiếu trường bắt buộc “received_on”.\n"
        "Cách sửa: Điền giá trị phù hợp sau “received_on:” (thêm dòng đó nếu chưa có; xem Từ điển dữ liệu).\n"
        "Trường hợp riêng: Có lẽ trường “recieved_on” ở dòng này chính là “received_on” viết sai chính tả: "
        "sửa tên trường thành “received_on”.\n"
        "Ví dụ sửa: recieved_on: 2026-10-01  →  received_on: 2026-10-01\n")


def test_explain_an_unknown_code_suggests_the_nearest(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES / "valid" / "..")
    assert main(["validate", "--data", "valid", "--explain", "missng-value"]) == 2
    assert capsys.readouterr().err == (
        "Không có mã lỗi “missng-value”.\nCó phải “missing-value”?\n"
        "Xem mọi mã lỗi: giaitrinh validate --explain all, hoặc trang “Danh mục lỗi” của cổng (huong-dan/danh-muc-loi/).\n")


def test_explain_all_lists_every_code(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES / "valid" / "..")
    assert main(["validate", "--data", "valid", "--explain", "all"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Các mã lỗi (giaitrinh validate --explain MÃ để xem một mã):\n"
                          "  answer-before-acceptance (lỗi: chặn xuất bản)\n"), out
    assert out.count("\n  ") == len(CATALOGUE)


def test_explain_fills_placeholders_with_a_realistic_example(capsys: pytest.CaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES / "valid" / "..")
    assert main(["validate", "--data", "valid", "--explain", "personal-phone"]) == 0
    assert capsys.readouterr().out == (
        "personal-phone (lỗi: chặn xuất bản)\n"
        "Trường “answer” chứa số điện thoại không phải số chính thức của đơn vị (0912 345 678).\n"
        "Cách sửa: Xóa số điện thoại cá nhân (thay bằng “[đã lược bỏ]”); số đường dây nóng của đơn vị phải có "
        "trong data/units.csv.\n")
    for code in CATALOGUE:
        assert main(["validate", "--data", "valid", "--explain", code]) == 0
        out = capsys.readouterr().out
        assert "‹" not in out and "{" not in out, out
