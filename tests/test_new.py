"""`giaitrinh new`: a record written for the clerk, end to end through the CLI on a copy of the
sample data. Each kind's new file has the next free id, every field under its comment, validates
with exactly one "missing value" per required field still empty, and the whole sample set
validates with 0 errors once those are filled. Bad input writes nothing and exits 2 with a
Vietnamese message."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator import build as pipeline
from generator import schema as std
from generator.author import kinds, new
from generator.author.scaffold import descriptor
from generator.author.yaml_text import record_yaml
from generator.check.against_schema import typed
from generator.cli import main

UNIT = "xa-thien-tan"
UNIT_NAME = "Ủy ban nhân dân xã Thiên Tân"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _files(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def _errors(data: Path, as_of: dt.date = AS_OF) -> list[str]:
    checked = pipeline.checked(data, as_of)
    return [p.line_text() for p in checked.problems if p.is_error]


def _fill(path: Path, resource: str, names: list[str]) -> None:
    """Write the schema's example after each of `names` (their blank lines), as a clerk would."""
    text = path.read_text(encoding="utf-8")
    sch = std.load(resource)
    for name in names:
        value = typed(sch.by_name[name], descriptor(sch, name)["example"])
        line = record_yaml(resource, {name: value}).rstrip("\n")
        text, count = re.subn(rf"(?m)^( *){name}:( \"\")?$", lambda m, line=line: m.group(1) + line, text, count=1)
        assert count == 1, name
    path.write_text(text, encoding="utf-8")


def _required_blank(resource: str, filled: set[str]) -> list[str]:
    return [f.name for f in std.load(resource).input_fields if f.required and f.name not in filled]


FILE_KINDS = {  # kind: (resource, folder, the id it gets in the sample data for 2026)
    "explanation": ("explanations", "giai-trinh", f"{UNIT}-2026-007"),
    "plan": ("plans", "ke-hoach", f"{UNIT}-kh-2026-2"),
    "follow-up": ("follow_ups", "theo-doi", f"{UNIT}-tt-2026-003"),
    "meeting": ("meetings", "tiep-cong-dan", f"{UNIT}-tcd-2026-001"),
    "report": ("reports", "bao-cao", f"{UNIT}-bc-2026"),  # the first half-year's report is there
    "proactive": ("proactive_explanations", "giai-trinh-chu-dong", f"{UNIT}-gtcd-2026-003"),
}


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_a_new_record_validates_once_its_required_values_are_filled(kind: str, data: Path, capsys):
    resource, folder, rid = FILE_KINDS[kind]
    before = _files(data)
    assert main(["new", kind, "--unit", UNIT, "--year", "2026", "--data", str(data)]) == 0
    path = data / UNIT / folder / f"{rid}.yaml"
    out = capsys.readouterr().out.splitlines()
    noun = kinds.by_name()[kind].title()
    assert out[0] == f"Đã tạo tệp {path.as_posix()}: {noun} mới của {UNIT_NAME}, mã {rid}."
    assert out[1] == "Việc tiếp theo:"
    filled = {"id", "unit", "period"} if kind == "report" else {"id", "unit"}
    todo = _required_blank(resource, filled)
    sch = std.load(resource)
    assert out[2] == (f"  1. Mở tệp {path.as_posix()} và điền các trường bắt buộc: "
                      + ", ".join(f"{n} ({sch.by_name[n].title})" for n in todo) + ".")
    assert set(_files(data)) - set(before) == {path.relative_to(data).as_posix()}  # one file, nothing else

    text = path.read_text(encoding="utf-8")
    for f in sch.fields:  # every input field once, under its comment; computed fields never
        assert len(re.findall(rf"(?m)^{f.name}:", text)) == (0 if f.computed else 1), f.name
        if not f.computed:
            assert re.search(rf"(?m)^# {re.escape(f.title)} \({f.name}\) — .*\n(#.*\n)*{f.name}:", text), f.name
    assert f"\nid: {rid}\n" in text and f"\nunit: {UNIT}\n" in text

    errors = _errors(data)
    lines = {n: i for i, line in enumerate(text.splitlines(), 1) if (n := line.split(":")[0]) in todo}
    assert sorted(errors) == sorted(
        f"{path.as_posix()}:{lines[n]}: missing-value: Thiếu trường bắt buộc “{n}”. Cách sửa: Điền giá trị "
        f"phù hợp sau “{n}:” (thêm dòng đó nếu chưa có; xem Từ điển dữ liệu)." for n in todo)
    _fill(path, resource, todo)
    assert _errors(data) == []


def test_the_comment_of_a_field_says_what_to_write(data: Path):
    assert main(["new", "explanation", "--unit", UNIT, "--year", "2026", "--data", str(data)]) == 0
    text = (data / UNIT / "giai-trinh" / f"{UNIT}-2026-007.yaml").read_text(encoding="utf-8")
    assert ("# Hình thức yêu cầu (channel) — BẮT BUỘC. Cách thức người yêu cầu gửi yêu cầu.\n"
            "# Chọn một trong: in_writing = Bằng văn bản; in_person = Trực tiếp (lập biên bản); online =\n"
            "#   Qua Cổng thông tin điện tử.\n"
            "# Ví dụ: in_writing\n"
            "channel:\n") in text
    assert ("# Tiêu đề (subject) — BẮT BUỘC. Tóm tắt ngắn gọn nội dung yêu cầu (một câu). Tối đa 300 ký\n"
            "# tự.\n"
            "# Ví dụ: Giải trình việc chậm cấp Giấy chứng nhận quyền sử dụng đất\n"
            'subject: ""\n') in text
    assert ("# Mã yêu cầu (id) — BẮT BUỘC — đã điền sẵn." in text and "\nid: xa-thien-tan-2026-007\n" in text)
    assert "status:" not in text and "timeliness" not in text  # computed


def test_a_task_is_added_at_the_end_of_the_plan(data: Path, capsys):
    plan = data / UNIT / "ke-hoach" / f"{UNIT}-kh-2026.yaml"
    old = plan.read_bytes()
    assert main(["new", "task", "--unit", UNIT, "--year", "2026", "--data", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Đã thêm nhiệm vụ nv-07 vào cuối danh sách tasks của kế hoạch {UNIT}-kh-2026, tệp {plan.as_posix()}."
    new_text = plan.read_bytes()
    assert new_text.startswith(old)  # the hand-written part untouched, byte for byte
    added = new_text[len(old):].decode("utf-8")
    assert "\n  - id: nv-07\n" in added and "\n    title: \"\"\n" in added
    todo = ["title", "lead_unit", "status"]
    lines = plan.read_text(encoding="utf-8").splitlines()
    first = len(old.decode("utf-8").splitlines())
    at = {n: first + 1 + lines[first:].index(line) for n in todo
          for line in lines[first:] if line.strip() in (f"{n}:", f'{n}: ""')}
    assert _errors(data) == [
        f"{plan.as_posix()}:{at[n]}: missing-value: Thiếu trường bắt buộc “{n}”. Cách sửa: Điền giá trị phù hợp "
        f"sau “{n}:” (thêm dòng đó nếu chưa có; xem Từ điển dữ liệu)." for n in todo]
    _fill(plan, "plan_tasks", todo)
    assert _errors(data) == []


def test_the_first_task_of_a_new_plan_starts_its_tasks_list(data: Path, capsys):
    assert main(["new", "plan", "--unit", UNIT, "--year", "2025", "--data", str(data)]) == 0
    plan = data / UNIT / "ke-hoach" / f"{UNIT}-kh-2025.yaml"
    _fill(plan, "plans", _required_blank("plans", {"id", "unit"}))
    old = plan.read_bytes()
    capsys.readouterr()
    assert main(["new", "task", "--unit", UNIT, "--year", "2025", "--data", str(data)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"Đã thêm nhiệm vụ nv-01 vào cuối danh sách tasks của kế hoạch {UNIT}-kh-2025, tệp {plan.as_posix()}.")
    added = plan.read_bytes()[len(old):].decode("utf-8")
    assert plan.read_bytes().startswith(old) and added.startswith("tasks:\n  # Mã nhiệm vụ (id)")
    assert "\n  - id: nv-01\n" in added
    _fill(plan, "plan_tasks", ["title", "lead_unit", "status"])
    assert _errors(data) == []


def test_a_task_for_a_plan_whose_tasks_are_not_last_is_printed_to_paste(data: Path, capsys):
    plan = data / UNIT / "ke-hoach" / f"{UNIT}-kh-2026.yaml"
    text = plan.read_text(encoding="utf-8")
    head, tasks = text.split("tasks:\n", 1)
    basis = next(line for line in head.splitlines() if line.startswith("basis:"))
    plan.write_text(head.replace(basis + "\n", "") + "tasks:\n" + tasks + basis + "\n", encoding="utf-8")
    before = _files(data)
    assert main(["new", "task", "--unit", UNIT, "--plan", f"{UNIT}-kh-2026", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert _files(data) == before
    assert out.startswith(
        f"Không tự thêm được vào tệp {plan.as_posix()} mà không sửa phần đã viết tay (danh sách tasks không nằm "
        "ở cuối tệp hoặc viết kiểu khác), nên lệnh không ghi gì vào tệp.\n"
        f"Hãy tự dán khối dưới đây vào cuối danh sách “tasks:” của kế hoạch {UNIT}-kh-2026, giữ nguyên thụt lề "
        "(dấu “-” thẳng cột với các nhiệm vụ khác):\n\n"
        "  # Mã nhiệm vụ (id) — BẮT BUỘC — đã điền sẵn.")
    assert "\n  - id: nv-07\n" in out


def test_a_withdrawal_is_added_to_the_explanation(data: Path, capsys):
    rid = f"{UNIT}-2026-004"
    path = data / UNIT / "giai-trinh" / f"{rid}.yaml"
    old = path.read_bytes()
    assert main(["new", "withdrawal", "--unit", UNIT, "--id", rid, "--data", str(data)]) == 0
    today = dt.date.today()
    assert capsys.readouterr().out.splitlines()[0] == (
        f"Đã thêm ngày rút công khai {today.isoformat()} vào cuối tệp {path.as_posix()} (yêu cầu {rid}).")
    assert path.read_bytes().startswith(old)
    assert path.read_bytes()[len(old):].decode("utf-8") == (
        "\n"
        "# Ngày rút công khai (withdrawn_on) — BẮT BUỘC khi rút — đã điền sẵn. Ngày hồ sơ đã công\n"
        "# khai bị rút xuống; trang vẫn giữ địa chỉ và hiện thông báo. Ngày dạng năm-tháng-ngày\n"
        "# (YYYY-MM-DD).\n"
        "# Ví dụ: 2026-10-05\n"
        f"withdrawn_on: {today.isoformat()}\n"
        "\n"
        "# Lý do rút công khai (withdrawal_reason) — BẮT BUỘC khi rút. Tối đa 1000 ký tự.\n"
        "# Ví dụ: Nội dung có thông tin cá nhân công bố nhầm; rút để biên tập lại.\n"
        '# Ô có hai dấu ngoặc kép "" là văn bản: viết nội dung vào giữa hai dấu đó; trong nội dung,\n'
        '# nếu cần ngoặc kép thì dùng “ ” thay cho dấu ".\n'
        'withdrawal_reason: ""\n')
    line = path.read_text(encoding="utf-8").splitlines().index(f"withdrawn_on: {today.isoformat()}") + 1
    assert _errors(data, today) == [
        f"{path.as_posix()}:{line}: missing-companion: Có “withdrawn_on” nhưng thiếu “withdrawal_reason”. "
        "Cách sửa: Điền trường còn thiếu, ví dụ lý do từ chối, lý do gia hạn, nội dung giải trình."]
    _fill(path, "explanations", ["withdrawal_reason"])
    assert _errors(data, today) == []
    assert main(["new", "withdrawal", "--unit", UNIT, "--id", rid, "--data", str(data)]) == 2
    assert capsys.readouterr().err == (f"Yêu cầu {rid} đã có trường withdrawn_on, withdrawal_reason (đã rút công "
                                       f"khai): sửa trực tiếp trong tệp {path.as_posix()}.\n")


def _refused(argv: list[str], data: Path, capsys) -> str:
    before = _files(data)
    assert main(argv) == 2
    assert _files(data) == before  # nothing written
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_an_unknown_kind_lists_the_kinds(data: Path, capsys):
    listing = ("explanation (yêu cầu giải trình); plan (kế hoạch); task (nhiệm vụ của kế hoạch); follow-up (cam kết, "
               "kiến nghị cần theo dõi); meeting (buổi tiếp công dân, đối thoại); report (báo cáo định kỳ); "
               "regulation (quy chế, quy định nội bộ); proactive (giải trình chủ động); withdrawal (rút công khai một yêu cầu giải trình)")
    assert _refused(["new", "explanations", "--unit", UNIT, "--data", str(data)], data, capsys) == (
        f"Không có loại hồ sơ “explanations”. Có phải ý bạn là: explanation, regulation? Các loại có thể tạo: "
        f"{listing}.\n")
    assert _refused(["new", "giai-trinhh", "--unit", UNIT, "--data", str(data)], data, capsys) == (
        f"Không có loại hồ sơ “giai-trinhh”. Có phải ý bạn là: giai-trinh, giai-trinh-chu-dong? Các loại có thể tạo: {listing}.\n")


@pytest.mark.parametrize(("word", "path"), [
    ("giai-trinh", "giai-trinh/xa-thien-tan-2019-001"), ("Tiep cong dan", "tiep-cong-dan/xa-thien-tan-tcd-2019-001"),
    ("quy-che", "quy-che/xa-thien-tan-qc-2019-001"), ("bao-cao", "bao-cao/xa-thien-tan-bc-2019-h1"),
    ("giai-trinh-chu-dong", "giai-trinh-chu-dong/xa-thien-tan-gtcd-2019-001")])
def test_a_folder_name_is_taken_for_its_kind(word: str, path: str, data: Path, capsys):
    assert main(["new", word, "--unit", UNIT, "--year", "2019", "--data", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Đã tạo tệp {(data / UNIT / path).as_posix()}.yaml: ")
    assert (data / UNIT / f"{path}.yaml").is_file()


def test_an_unknown_unit_lists_the_units(data: Path, capsys):
    units = sorted(line.split(",")[0] for line in (data / "units.csv").read_text(encoding="utf-8").splitlines()[1:]
                   if line.strip())
    assert _refused(["new", "explanation", "--unit", "xa-thien-tam", "--data", str(data)], data, capsys) == (
        f"Không có đơn vị “xa-thien-tam” trong {(data / 'units.csv').as_posix()}. Có phải ý bạn là: xa-thien-tan? "
        f"Các mã đơn vị: {', '.join(units)}.\n")
    assert _refused(["new", "explanation", "--data", str(data)], data, capsys) == (
        f"Thiếu --unit <mã đơn vị>. Các mã đơn vị: {', '.join(units)}.\n")


def test_a_missing_data_folder(tmp_path: Path, capsys):
    assert main(["new", "explanation", "--unit", UNIT, "--data", str(tmp_path / "khong-co")]) == 2
    assert capsys.readouterr().err == (
        f"Không tìm thấy thư mục dữ liệu “{tmp_path / 'khong-co'}”. Gợi ý: chạy lệnh trong thư mục dự án "
        "(nơi có thư mục data/), hoặc chỉ rõ --data <thư mục>.\n")
    assert not (tmp_path / "khong-co").exists()


@pytest.mark.parametrize("year", ["2018", str(dt.date.today().year + 2), "26", "năm nay"])
def test_a_year_out_of_range(year: str, data: Path, capsys):
    this = dt.date.today().year
    assert _refused(["new", "meeting", "--unit", UNIT, "--year", year, "--data", str(data)], data, capsys) == (
        f"Năm “{year}” không hợp lệ: --year nhận năm từ 2019 đến {this + 1} (bốn chữ số, ví dụ {this}).\n")


def test_an_existing_file_is_never_overwritten(data: Path, capsys, monkeypatch):
    taken = data / UNIT / "giai-trinh" / f"{UNIT}-2026-001.yaml"
    monkeypatch.setattr(new, "next_id", lambda *args: (f"{UNIT}-2026-001", {}))
    assert _refused(["new", "explanation", "--unit", UNIT, "--year", "2026", "--data", str(data)], data, capsys) == (
        f"Tệp {taken.as_posix()} đã có: không ghi đè. Mở tệp đó để sửa, hoặc chạy lại lệnh để lấy mã mới.\n")


def test_both_reports_of_a_year_taken(data: Path, capsys):
    assert main(["new", "report", "--unit", UNIT, "--year", "2026", "--data", str(data)]) == 0
    capsys.readouterr()
    assert _refused(["new", "report", "--unit", UNIT, "--year", "2026", "--data", str(data)], data, capsys) == (
        f"Đơn vị {UNIT} đã có đủ báo cáo định kỳ của năm 2026 ({UNIT}-bc-2026-h1, {UNIT}-bc-2026): sửa tệp có sẵn "
        "hoặc chọn năm khác bằng --year.\n")


def test_options_of_another_kind_are_refused(data: Path, capsys):
    assert _refused(["new", "meeting", "--unit", UNIT, "--plan", f"{UNIT}-kh-2026", "--data", str(data)],
                    data, capsys) == (
        "--plan chỉ dùng với loại task (thêm nhiệm vụ vào một kế hoạch), không dùng với meeting.\n")
    assert _refused(["new", "task", "--unit", UNIT, "--plan", f"{UNIT}-kh-2062", "--data", str(data)],
                    data, capsys) == (
        f"Đơn vị {UNIT} không có kế hoạch “{UNIT}-kh-2062”. Có phải ý bạn là: {UNIT}-kh-2026? "
        f"Các kế hoạch của đơn vị: {UNIT}-kh-2026.\n")
    assert _refused(["new", "withdrawal", "--unit", UNIT, "--id", f"{UNIT}-2026-04", "--data", str(data)],
                    data, capsys).startswith(
        f"Đơn vị {UNIT} không có yêu cầu giải trình “{UNIT}-2026-04”. Có phải ý bạn là: {UNIT}-2026-004")


def test_ids_count_on_and_never_fill_a_gap():
    explanation = kinds.by_name()["explanation"]
    assert kinds.next_id(explanation, "xa-a", 2026, ["xa-a-2026-001", "xa-a-2026-003", "xa-a-2025-009"]) == (
        "xa-a-2026-004", {})
    assert kinds.next_id(explanation, "xa-a", 2027, ["xa-a-2026-001"]) == ("xa-a-2027-001", {})
    plan = kinds.by_name()["plan"]
    assert kinds.next_id(plan, "xa-a", 2026, []) == ("xa-a-kh-2026", {})
    assert kinds.next_id(plan, "xa-a", 2026, ["xa-a-kh-2026"]) == ("xa-a-kh-2026-2", {})
    meeting = kinds.by_name()["meeting"]  # the sample's dated ids (tcd-2026-03-16) are not counted
    assert kinds.next_id(meeting, "xa-a", 2026, ["xa-a-tcd-2026-03-16", "xa-a-tcd-2026-012"]) == ("xa-a-tcd-2026-013", {})
    report = kinds.by_name()["report"]
    assert kinds.next_id(report, "xa-a", 2026, []) == ("xa-a-bc-2026-h1", {"period": "2026-H1"})


def test_every_record_folder_has_a_kind_and_every_field_an_example():
    """A new kind of record (schema.FOLDERS) needs its entry in author/kinds.py; the scaffold's
    "Ví dụ:" lines come from the schemas' `example`."""
    resources = {k.resource for k in kinds.KINDS}
    assert set(std.FOLDERS) <= resources
    for resource in resources:
        sch = std.load(resource)
        assert [f.name for f in sch.input_fields if "example" not in descriptor(sch, f.name)] == [], resource
