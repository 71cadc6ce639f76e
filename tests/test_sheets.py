"""Spreadsheets in and out (issue 18): `giaitrinh template`, `giaitrinh import`, `giaitrinh
export-sheet`, end to end through the CLI, with workbooks made here by openpyxl and xlsxwriter."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sys
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import AS_OF

from generator.author.sheets_layout import META_SHEET, stamp
from generator.cli import main

SHEET = "Yêu cầu giải trình"
EX = "xa-a/giai-trinh/xa-a-2026-001.yaml"
NEW = {"id": "xa-a-2026-010", "unit": "xa-a", "received_on": "01/10/2026", "channel": "Bằng văn bản",
       "requester_type": "Công dân", "field": "Đất đai", "subject": "Hỏi về việc cấp đất",
       "request": "Đề nghị giải trình việc chậm cấp giấy chứng nhận.", "public": "Có"}


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def import_(capsys, path: Path, data: Path, *more: str) -> tuple[int, list[str], str]:
    return run(capsys, "import", str(path), "--data", str(data), "--as-of", AS_OF.isoformat(), *more)


def template(tmp_path: Path, kind: str = "explanations") -> openpyxl.Workbook:
    out = tmp_path / "mau.xlsx"
    assert main(["template", kind, "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


def fill(ws, row: int, values: dict[str, object]) -> None:
    names = [c.value for c in ws[2]]
    for name, value in values.items():
        ws.cell(row, names.index(name) + 1).value = value


def saved(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def one_row(tmp_path: Path, **values: object) -> Path:
    book = template(tmp_path)
    fill(book[SHEET], 3, {**NEW, **values})
    return saved(book, tmp_path / "nhap.xlsx")


# --- template -------------------------------------------------------------------------------


def test_template_to_stdout_has_vietnamese_headers_lists_dates_help_and_a_stamp(capsysbinary, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert main(["template", "explanations"]) == 0
    book = openpyxl.load_workbook(io.BytesIO(capsysbinary.readouterr().out))
    ws = book[SHEET]
    assert [c.value for c in ws[1]][:4] == ["Mã yêu cầu", "Cơ quan giải trình *", "Ngày nhận yêu cầu *",
                                            "Hình thức yêu cầu *"]
    assert "Lý do từ chối" in [c.value for c in ws[1]]  # not required: no mark
    assert [c.value for c in ws[2]][:3] == ["id", "unit", "received_on"]
    assert ws.row_dimensions[2].hidden and ws.freeze_panes == "B3"
    rules = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    assert rules["D3"].type == "list" and rules["D3"].formula1 == "'_danh_sach'!$A$1:$A$3"
    assert [c.value for c in book["_danh_sach"]["A"]][:3] == ["Bằng văn bản", "Trực tiếp (lập biên bản)",
                                                             "Qua Cổng thông tin điện tử"]
    assert rules["C3"].type == "date" and rules["C3"].promptTitle == "Ngày nhận yêu cầu"
    assert rules["A3"].prompt.startswith("Để trống khi thêm hồ sơ mới: mã được cấp tự động khi nhập. Chỉ ghi mã "
                                         "khi sửa bảng xuất bằng giaitrinh export-sheet. Mã tra cứu của yêu cầu")
    assert rules["C3"].prompt == ("Bắt buộc. Ngày cơ quan nhận được yêu cầu giải trình (ngày/tháng/năm, ví dụ "
                                  "24/11/2026).")
    assert all(v.prompt.endswith("Nhập ngày/tháng/năm, ví dụ 24/11/2026.") for k, v in rules.items()
               if v.type == "date" and k != "C3")
    assert all(len(v.prompt or "") <= 255 for v in rules.values())
    assert ws.column_dimensions["C"].number_format == "dd/mm/yyyy"
    meta = book[META_SHEET]
    assert meta.sheet_state == "hidden" and book["_danh_sach"].sheet_state == "hidden"
    assert [c.value for c in meta[2]] == [SHEET, "explanations", stamp("explanations"), "mẫu"]


def test_template_knows_the_kinds_by_the_names_giaitrinh_new_uses(tmp_path: Path):
    assert template(tmp_path, "task").sheetnames[0] == "Nhiệm vụ của kế hoạch"
    assert template(tmp_path, "follow-up").sheetnames[0] == "Theo dõi cam kết, kiến nghị"
    assert template(tmp_path, "giai-trinh").sheetnames[0] == SHEET  # the folder's name


def test_template_all_has_a_sheet_per_kind(tmp_path: Path):
    assert template(tmp_path, "all").sheetnames == [
        SHEET, "Theo dõi cam kết, kiến nghị", "Tiếp công dân, đối thoại", "Báo cáo định kỳ",
        "Quy chế, quy định nội bộ", "Giải trình chủ động", "Kế hoạch triển khai", "Nhiệm vụ của kế hoạch", "_danh_sach",
        META_SHEET]


def test_template_refuses_to_write_binary_to_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, out, err = run(capsys, "template", "explanations")
    assert code == 2 and out == []
    assert err == "Không ghi bảng tính ra màn hình: thêm > mau.xlsx vào cuối lệnh, hoặc dùng --out mau.xlsx.\n"


def test_template_of_an_unknown_kind(capsys):
    code, _, err = run(capsys, "template", "giai-trinhh")
    assert code == 2
    assert err == ("Không rõ loại hồ sơ “giai-trinhh”. Cách sửa: Dùng một trong các loại: explanations, follow_ups, "
                   "meetings, reports, regulations, proactive_explanations, plans, plan_tasks, all.\n")


# --- import: good rows ------------------------------------------------------------------------


def test_a_new_record_is_written_and_the_data_stays_valid(tmp_path, valid_copy, capsys):
    code, out, err = import_(capsys, one_row(tmp_path), valid_copy)
    assert code == 0, out
    assert out == [f"Thêm {valid_copy.as_posix()}/xa-a/giai-trinh/xa-a-2026-010.yaml"]
    text = (valid_copy / "xa-a/giai-trinh/xa-a-2026-010.yaml").read_text(encoding="utf-8")
    assert "received_on: 2026-10-01" in text and "channel: in_writing" in text and "public: true" in text
    assert main(["validate", "--data", str(valid_copy), "--as-of", AS_OF.isoformat()]) == 0
    assert not list(valid_copy.rglob(".import-*"))


def test_dry_run_writes_nothing(tmp_path, valid_copy, capsys):
    before = tree_hash(valid_copy)
    code, out, err = import_(capsys, one_row(tmp_path), valid_copy, "--dry-run")
    assert code == 0 and "Chạy thử: sẽ thêm 1 và sửa 0 tệp; chưa ghi gì." in err
    assert tree_hash(valid_copy) == before


def test_an_unchanged_export_imports_as_no_change(tmp_path, valid_copy, capsys):
    out_file = tmp_path / "xa-a.xlsx"
    code, _, err = run(capsys, "export-sheet", "--unit", "xa-a", "--data", str(valid_copy), "--out", str(out_file))
    assert code == 0 and err.startswith("Đã xuất ")
    before = tree_hash(valid_copy)
    code, out, err = import_(capsys, out_file, valid_copy)
    assert (code, out) == (0, [])
    assert err.startswith("Không có gì thay đổi: ")
    assert tree_hash(valid_copy) == before


def test_one_edited_cell_gives_exactly_that_one_field_diff(tmp_path, valid_copy, capsys):
    out_file = tmp_path / "xa-a.xlsx"
    run(capsys, "export-sheet", "--unit", "xa-a", "--data", str(valid_copy), "--out", str(out_file))
    book = openpyxl.load_workbook(out_file)
    ws = book[SHEET]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "xa-a-2026-001")
    names = [c.value for c in ws[2]]
    assert ws.cell(row, names.index("channel") + 1).value == "Bằng văn bản"  # shown by its label
    ws.cell(row, names.index("answered_by") + 1).value = "Phó Chủ tịch UBND xã"
    code, out, _ = import_(capsys, saved(book, tmp_path / "sua.xlsx"), valid_copy)
    assert code == 0
    assert out == [f"Sửa {valid_copy.as_posix()}/{EX}",
                   "  Người giải trình: “Chủ tịch UBND xã” → “Phó Chủ tịch UBND xã”"]
    assert "answered_by: Phó Chủ tịch UBND xã" in (valid_copy / EX).read_text(encoding="utf-8")
    code, out, err = import_(capsys, tmp_path / "sua.xlsx", valid_copy)  # a second time: nothing to do
    assert (code, out) == (0, []) and err.startswith("Không có gì thay đổi")


def test_a_plan_task_row_updates_the_task_in_the_plan_file(tmp_path, valid_copy, capsys):
    out_file = tmp_path / "xa-a.xlsx"
    run(capsys, "export-sheet", "--unit", "xa-a", "--data", str(valid_copy), "--out", str(out_file))
    book = openpyxl.load_workbook(out_file)
    ws = book["Nhiệm vụ của kế hoạch"]
    names = [c.value for c in ws[2]]
    task = ws.cell(3, names.index("id") + 1).value
    ws.cell(3, names.index("progress") + 1).value = "005"  # a number stored as text
    code, out, _ = import_(capsys, saved(book, tmp_path / "nv.xlsx"), valid_copy)
    assert code == 0, out
    assert out[0] == f"Sửa {valid_copy.as_posix()}/xa-a/ke-hoach/xa-a-kh-2026.yaml"
    assert out[1].startswith(f"  nhiệm vụ {task}: Tiến độ") and out[1].endswith("→ 5") and len(out) == 2


def test_csv_as_excel_writes_it(tmp_path, valid_copy, capsys):
    header = ";".join(["Mã yêu cầu", "Cơ quan giải trình", "Ngày nhận yêu cầu", "Hình thức yêu cầu",
                       "Người yêu cầu", "Lĩnh vực", "Tiêu đề", "Nội dung yêu cầu", "Công khai"])
    row = ";".join(["xa-a-2026-010", "xa-a", "01/10/2026", "Bằng văn bản", "Công dân", "Đất đai", "Hỏi đất",
                    "Nội dung; có dấu chấm phẩy", "Có"]).replace("Nội dung; có dấu chấm phẩy",
                                                               '"Nội dung; có dấu chấm phẩy"')
    path = tmp_path / "nhap.csv"
    path.write_bytes(("\ufeff" + header + "\r\n" + row + "\r\n").encode("utf-8"))
    code, out, _ = import_(capsys, path, valid_copy)
    assert code == 0, out
    assert "request: Nội dung; có dấu chấm phẩy" in (valid_copy / "xa-a/giai-trinh/xa-a-2026-010.yaml").read_text(
        encoding="utf-8")
    comma = tmp_path / "phay.csv"
    comma.write_text(header.replace(";", ",") + "\n" + row.replace(";", ",").replace("xa-a-2026-010", "xa-a-2026-011")
                     .replace('"Nội dung, có dấu chấm phẩy"', "Nội dung") + "\n", encoding="utf-8")
    code, out, _ = import_(capsys, comma, valid_copy)
    assert code == 0, out


# --- import: bad input, nothing written -----------------------------------------------------


def refused(capsys, path: Path, data: Path, *more: str) -> list[str]:
    before = tree_hash(data)
    code, out, err = import_(capsys, path, data, *more)
    assert code == 1, (out, err)
    assert err.startswith("Không ghi tệp nào: ")
    assert tree_hash(data) == before
    return out


def test_a_row_the_checks_refuse_is_named_by_sheet_row_and_column(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, NEW)  # a good row: not written either
    fill(book[SHEET], 4, {**NEW, "id": "xa-a-2026-011", "unit": "xa-khong-co"})
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert [line.split(". Cách sửa")[0] for line in out] == [
        f"{tmp_path / 'x.xlsx'}:4: id-unit-prefix: Trang “Yêu cầu giải trình”, dòng 4, cột “Mã yêu cầu”: Mã hồ sơ "
        "“xa-a-2026-011” không bắt đầu bằng mã đơn vị “xa-khong-co-” của thư mục chứa nó",
        f"{tmp_path / 'x.xlsx'}:4: unknown-reference: Trang “Yêu cầu giải trình”, dòng 4, cột “Cơ quan giải trình”: "
        "Trường “Cơ quan giải trình” trỏ tới “xa-khong-co” nhưng không có đơn vị nào mang mã này"]


def test_an_edit_the_privacy_guard_refuses_leaves_the_data_and_its_cache_as_they_were(tmp_path, valid_copy, capsys):
    out_file = tmp_path / "xa-a.xlsx"
    run(capsys, "export-sheet", "--unit", "xa-a", "--data", str(valid_copy), "--out", str(out_file))
    book = openpyxl.load_workbook(out_file)
    fill(book[SHEET], 3, {"subject": "Liên hệ 0912 345 678"})
    out = refused(capsys, saved(book, tmp_path / "sua.xlsx"), valid_copy)
    assert [line.split(" (")[0] for line in out] == [
        f"{tmp_path / 'sua.xlsx'}:3: personal-phone: Trang “Yêu cầu giải trình”, dòng 3, cột “Tiêu đề”: Trường "
        "“Tiêu đề” chứa số điện thoại không phải số chính thức của đơn vị"]
    code, _, err = run(capsys, "validate", "--data", str(valid_copy), "--as-of", AS_OF.isoformat())
    assert (code, err) == (0, "Đã kiểm tra 7 tệp (10 hồ sơ đọc được): 0 lỗi, 0 cảnh báo.\n")  # the would-be file never cached


def test_merged_cells(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, NEW)
    book[SHEET].merge_cells("G3:H3")
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert out == [f"{tmp_path / 'x.xlsx'}:3: sheet-merged: Trang “Yêu cầu giải trình”, vùng G3:H3 (từ dòng 3): các ô "
                   "bị gộp (Merge). Cách sửa: Chọn vùng đó, bỏ gộp ô: Trang đầu → Phối & Căn giữa (Merge & Center), "
                   "điền giá trị vào từng ô rồi nhập lại.",
                   f"{tmp_path / 'x.xlsx'}:3: sheet-blank-required: Trang “Yêu cầu giải trình”, dòng 3, cột “Tiêu đề”: "
                   "ô còn trống nhưng cột này bắt buộc. Cách sửa: Điền ô “Tiêu đề” ở dòng 3."]  # H3 is blank once unmerged


def test_an_extra_sheet_is_skipped_with_a_note_and_a_second_sheet_of_a_kind_is_refused(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, NEW)
    book.create_sheet("Ghi chú")["A1"] = "Danh sách gửi anh Ba"
    code, out, _ = import_(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert code == 0
    assert out[0] == (f"{tmp_path / 'x.xlsx'}:1: sheet-extra: Trang “Ghi chú” không phải trang hồ sơ của mẫu nên được bỏ "
                      "qua. Cách sửa: Nếu trang này chứa hồ sơ, chép các dòng sang trang đúng loại của mẫu (ví dụ "
                      "“Yêu cầu giải trình”).")
    book = template(tmp_path)
    book.copy_worksheet(book[SHEET]).title = "explanations"
    out = refused(capsys, saved(book, tmp_path / "y.xlsx"), valid_copy)
    assert out[0].startswith(f"{tmp_path / 'y.xlsx'}:1: sheet-duplicate-kind: Hai trang “explanations” và "
                             "“Yêu cầu giải trình” cùng chứa Yêu cầu giải trình")


def test_blank_rows_are_skipped(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 5, NEW)
    fill(book[SHEET], 9, {**NEW, "id": "xa-a-2026-011"})
    book[SHEET].cell(7, 3).value = "   "
    code, out, _ = import_(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert code == 0 and len(out) == 2, out


@pytest.mark.parametrize(("cell", "stored"), [
    (dt.datetime(2026, 10, 1), "2026-10-01"), (46296, "2026-10-01"), ("01/10/2026", "2026-10-01"),
    ("1/10/26", "2026-10-01"), ("2026-10-01", "2026-10-01"), ("1.10.2026", "2026-10-01"),
])
def test_dates_in_every_form_clerks_write(tmp_path, valid_copy, capsys, cell, stored):
    code, out, _ = import_(capsys, one_row(tmp_path, received_on=cell), valid_copy)
    assert code == 0, out
    assert f"received_on: {stored}" in (valid_copy / "xa-a/giai-trinh/xa-a-2026-010.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("cell", "code", "says"), [
    ("10/13/2026", "sheet-date-ambiguous", "“10/13/2026” có thể hiểu theo nhiều cách (tháng lớn hơn 12: có vẻ ghi "
                                           "tháng trước, ngày sau kiểu Mỹ)"),
    ("1/10", "sheet-date-ambiguous", "“1/10” có thể hiểu theo nhiều cách (thiếu năm)"),
    ("31/02/2026", "sheet-date-unreal", "ngày 31/02/2026 không có trong lịch"),
    ("mùng một tháng mười", "sheet-date", "“mùng một tháng mười” không phải ngày hợp lệ"),
])
def test_bad_or_ambiguous_dates_are_refused_with_a_hint(tmp_path, valid_copy, capsys, cell, code, says):
    out = refused(capsys, one_row(tmp_path, received_on=cell), valid_copy)
    assert out[0].startswith(f"{tmp_path / 'nhap.xlsx'}:3: {code}: Trang “Yêu cầu giải trình”, dòng 3, cột "
                             f"“Ngày nhận yêu cầu”: {says}. Cách sửa: ")


def test_a_number_that_is_not_a_whole_number(tmp_path, valid_copy, capsys):
    out = refused(capsys, one_row(tmp_path, extension_days="năm"), valid_copy)
    assert out == [f"{tmp_path / 'nhap.xlsx'}:3: sheet-number: Trang “Yêu cầu giải trình”, dòng 3, cột “Số ngày gia "
                   "hạn”: “năm” không phải số nguyên. Cách sửa: Nhập số nguyên, ví dụ 15 (không có chữ, dấu chấm hay "
                   "dấu phẩy)."]


def test_an_unknown_or_renamed_column_gets_a_did_you_mean(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    ws = book[SHEET]
    fill(ws, 3, NEW)
    ws["G1"], ws["G2"] = "Linh vuc", None  # renamed, and its hidden field name deleted
    ws.cell(1, 40).value, ws.cell(3, 40).value = "Ghi chú riêng", "x"
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert out == [
        f"{tmp_path / 'x.xlsx'}:1: sheet-unknown-column: Trang “Yêu cầu giải trình”, cột “Linh vuc”: tiêu đề cột không "
        "có trong mẫu (có phải là “Lĩnh vực”?). Cách sửa: Đổi tiêu đề về đúng tên cột của mẫu (xem mẫu tạo bằng "
        "“giaitrinh template”), hoặc xóa cột nếu không cần.",
        f"{tmp_path / 'x.xlsx'}:1: sheet-unknown-column: Trang “Yêu cầu giải trình”, cột “Ghi chú riêng”: tiêu đề cột "
        "không có trong mẫu. Cách sửa: Đổi tiêu đề về đúng tên cột của mẫu (xem mẫu tạo bằng “giaitrinh "
        "template”), hoặc xóa cột nếu không cần."]


def test_a_moved_column_keeps_its_meaning(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    ws = book[SHEET]
    fill(ws, 3, NEW)
    ws.move_range("A1:A3", cols=45)  # the id column, with its hidden field name, to the far right
    code, out, _ = import_(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert code == 0, out


def test_the_hidden_row_of_field_names_sorted_among_the_records_is_skipped(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    ws = book[SHEET]
    fill(ws, 3, NEW)
    ws.move_range("A2:AC2", rows=5)  # as a sort by the filter's column moves it
    code, out, _ = import_(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert (code, out) == (0, [f"Thêm {valid_copy.as_posix()}/xa-a/giai-trinh/xa-a-2026-010.yaml"])


def test_a_template_of_another_version(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, NEW)
    book[META_SHEET]["C2"] = "0123456789ab"
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert out == [f"{tmp_path / 'x.xlsx'}:1: sheet-version: Trang “Yêu cầu giải trình” được tạo từ mẫu phiên bản "
                   f"0123456789ab, nhưng chuẩn dữ liệu hiện hành dùng mẫu phiên bản {stamp('explanations')}: các cột "
                   "của explanations đã thay đổi. Cách sửa: Tạo mẫu mới bằng “giaitrinh template explanations > "
                   "mau.xlsx” (hoặc xuất lại bằng “giaitrinh export-sheet”), chép các dòng sang mẫu mới bằng Dán đặc "
                   "biệt → Giá trị, kiểm tra các cột rồi nhập lại."]


def _formula_book(path: Path, cached: object) -> Path:
    """A workbook as Excel saves it (xlsxwriter can store a formula's computed value)."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(SHEET)
    names = list(NEW)
    ws.write_row(0, 0, ["Mã yêu cầu", "Cơ quan giải trình", "Ngày nhận yêu cầu", "Hình thức yêu cầu",
                        "Người yêu cầu", "Lĩnh vực", "Tiêu đề", "Nội dung yêu cầu", "Công khai"])
    ws.write_row(1, 0, [NEW[n] for n in names])
    ws.write_formula(1, 0, '="xa-a-2026-0"&"10"', None, cached)
    book.close()
    return path


def test_a_formula_gives_its_computed_value_or_a_message(tmp_path, valid_copy, capsys):
    code, out, _ = import_(capsys, _formula_book(tmp_path / "f.xlsx", "xa-a-2026-010"), valid_copy)
    assert code == 0, out
    assert (valid_copy / "xa-a/giai-trinh/xa-a-2026-010.yaml").is_file()
    out = refused(capsys, _formula_book(tmp_path / "g.xlsx", ""), valid_copy)
    assert out[0] == (f"{tmp_path / 'g.xlsx'}:2: sheet-formula: Trang “Yêu cầu giải trình”, dòng 2, cột “Mã yêu cầu”: "
                      "ô chứa công thức =\"xa-a-2026-0\"&\"10\" nhưng không có giá trị đã tính. Cách sửa: Ô chứa công "
                      "thức, hãy dán giá trị: chọn cột, Sao chép, rồi Dán đặc biệt → Giá trị; lưu lại và nhập lại.")


def test_a_label_not_in_the_list(tmp_path, valid_copy, capsys):
    out = refused(capsys, one_row(tmp_path, channel="Bang van ban"), valid_copy)
    assert out == [f"{tmp_path / 'nhap.xlsx'}:3: sheet-label: Trang “Yêu cầu giải trình”, dòng 3, cột “Hình thức yêu "
                   "cầu”: “Bang van ban” không có trong danh sách (có phải là “Bằng văn bản”?). Cách sửa: Chọn một giá "
                   "trị trong danh sách thả xuống của cột: Bằng văn bản, Trực tiếp (lập biên bản), Qua Cổng thông tin "
                   "điện tử."]


def test_the_same_id_twice_and_a_row_without_an_id(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, NEW)
    fill(book[SHEET], 4, NEW)
    fill(book[SHEET], 5, {**NEW, "id": "Mã 10"})
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert [line.split(". Cách sửa")[0] for line in out] == [
        f"{tmp_path / 'x.xlsx'}:4: sheet-duplicate-id: Trang “Yêu cầu giải trình”, dòng 4, cột “Mã yêu cầu”: mã "
        "“xa-a-2026-010” đã có ở dòng 3 của tệp nhập",
        f"{tmp_path / 'x.xlsx'}:5: sheet-no-place: Trang “Yêu cầu giải trình”, dòng 5, cột “Mã yêu cầu”: không biết "
        "ghi hồ sơ vào tệp nào: mã “Mã 10” trống hoặc sai dạng"]


def test_a_column_twice(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    ws = book[SHEET]
    fill(ws, 3, NEW)
    ws.cell(1, 40).value, ws.cell(2, 40).value = "Tiêu đề", "subject"
    out = refused(capsys, saved(book, tmp_path / "x.xlsx"), valid_copy)
    assert out[0].startswith(f"{tmp_path / 'x.xlsx'}:1: sheet-duplicate-column: Trang “Yêu cầu giải trình”: cột "
                             "“Tiêu đề” có hai lần (cột H và cột AN).")


def test_not_a_workbook_an_empty_file_and_an_unknown_csv(tmp_path, valid_copy, capsys):
    (tmp_path / "a.xlsx").write_bytes(b"%PDF-1.7 not a workbook")
    out = refused(capsys, tmp_path / "a.xlsx", valid_copy)
    assert out == [f"{tmp_path / 'a.xlsx'}:1: sheet-not-workbook: Tệp “a.xlsx” không phải bảng tính Excel (.xlsx) hay "
                   "tệp CSV đọc được (không phải tệp .xlsx hay .csv). Cách sửa: Trong Excel chọn Tệp → Lưu thành → "
                   "“Sổ làm việc Excel (*.xlsx)” hoặc “CSV UTF-8 (*.csv)”, rồi nhập lại."]
    (tmp_path / "b.xlsx").write_bytes(b"")
    out = refused(capsys, tmp_path / "b.xlsx", valid_copy)
    assert out[0].startswith(f"{tmp_path / 'b.xlsx'}:1: sheet-empty: Tệp “b.xlsx” không có hồ sơ nào để nhập (tệp rỗng).")
    out = refused(capsys, saved(template(tmp_path), tmp_path / "c.xlsx"), valid_copy)
    assert out[0].startswith(f"{tmp_path / 'c.xlsx'}:1: sheet-empty: Tệp “c.xlsx” không có hồ sơ nào để nhập (không có "
                             "dòng nào có dữ liệu).")
    (tmp_path / "d.csv").write_text("cot1;cot2\n1;2\n", encoding="utf-8")
    out = refused(capsys, tmp_path / "d.csv", valid_copy)
    assert out[0].startswith(f"{tmp_path / 'd.csv'}:1: sheet-kind-unknown: Không rõ loại hồ sơ “d.csv” (không nhận ra "
                             "loại hồ sơ từ tiêu đề các cột).")


def test_many_rows_are_read_and_checked(tmp_path, valid_copy, capsys):
    """2,000 new records in one workbook (bench/sheets_import.py times 10,000: about 17 s, most
    of it writing and reading back the YAML text of each record)."""
    book = xlsxwriter.Workbook(str(tmp_path / "big.xlsx"), {"constant_memory": True})
    ws = book.add_worksheet(SHEET)
    ws.write_row(0, 0, list(NEW))
    for i in range(2_000):
        ws.write_row(i + 1, 0, [*[f"xa-a-2027-{i:05d}", "xa-a", dt.datetime(2026, 10, 1)], *list(NEW.values())[3:]])
    book.close()
    code, out, err = import_(capsys, tmp_path / "big.xlsx", valid_copy, "--dry-run")
    assert code == 0, out[:5]
    assert "Chạy thử: sẽ thêm 2000 và sửa 0 tệp" in err


# --- the record code, all errors at once ---------------------------------------------------


def test_blank_ids_get_the_next_free_ids_of_their_unit_and_year(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    fill(book[SHEET], 3, {**NEW, "id": None})
    fill(book[SHEET], 4, {**NEW, "id": None, "subject": "Hỏi lần hai"})
    fill(book[SHEET], 5, {**NEW, "id": None, "received_on": "02/01/2025"})
    code, out, err = import_(capsys, saved(book, tmp_path / "moi.xlsx"), valid_copy)
    assert code == 0, out
    base = valid_copy.as_posix()
    assert out == [f"Thêm {base}/xa-a/giai-trinh/xa-a-2026-004.yaml",
                   f"Thêm {base}/xa-a/giai-trinh/xa-a-2026-005.yaml",
                   f"Thêm {base}/xa-a/giai-trinh/xa-a-2025-001.yaml",
                   "Mã mới xa-a-2026-004: trang “Yêu cầu giải trình”, dòng 3 (ô mã để trống).",
                   "Mã mới xa-a-2026-005: trang “Yêu cầu giải trình”, dòng 4 (ô mã để trống).",
                   "Mã mới xa-a-2025-001: trang “Yêu cầu giải trình”, dòng 5 (ô mã để trống)."]
    assert err == (f"Đã nhập “moi.xlsx”: thêm 3, sửa 0 tệp hồ sơ trong {base}. Xem lại các tệp vừa ghi, rồi gửi đề "
                   "nghị cập nhật như Hướng dẫn cho cán bộ, mục 8.\n")
    assert "subject: Hỏi lần hai" in (valid_copy / "xa-a/giai-trinh/xa-a-2026-005.yaml").read_text(encoding="utf-8")
    assert main(["validate", "--data", str(valid_copy), "--as-of", AS_OF.isoformat()]) == 0


def test_a_template_row_with_an_existing_id_is_refused_not_an_update(tmp_path, valid_copy, capsys):
    out = refused(capsys, one_row(tmp_path, id="xa-a-2026-001"), valid_copy)
    assert out == [f"{tmp_path / 'nhap.xlsx'}:3: sheet-id-taken: Trang “Yêu cầu giải trình”, dòng 3, cột “Mã yêu cầu”: "
                   "mã “xa-a-2026-001” đã có hồ sơ; bảng này là mẫu nhập mới, không dùng để sửa hồ sơ đã có. Cách sửa: "
                   "Để sửa hồ sơ đã có, dùng bảng xuất bằng `giaitrinh export-sheet`; để thêm hồ sơ mới, để trống ô mã."]


def test_an_export_is_stamped_as_such(tmp_path, valid_copy, capsys):
    out_file = tmp_path / "xa-a.xlsx"
    run(capsys, "export-sheet", "--unit", "xa-a", "--data", str(valid_copy), "--out", str(out_file))
    meta = openpyxl.load_workbook(out_file)[META_SHEET]
    assert [c.value for c in meta[2]] == [SHEET, "explanations", stamp("explanations"), "xuất"]


def test_a_blank_id_without_a_unit(tmp_path, valid_copy, capsys):
    out = refused(capsys, one_row(tmp_path, id=None, unit=None), valid_copy)
    assert out == [f"{tmp_path / 'nhap.xlsx'}:3: sheet-no-place: Trang “Yêu cầu giải trình”, dòng 3, cột “Cơ quan giải "
                   "trình”: không biết ghi hồ sơ vào tệp nào: ô mã trống và mã đơn vị trống hoặc sai dạng, nên không "
                   "cấp được mã mới. Cách sửa: Để trống ô mã khi thêm hồ sơ mới (mã được cấp tự động); mã đơn vị lấy "
                   "trong cột id của units.csv, viết bằng chữ thường không dấu, số và dấu gạch ngang."]


def test_every_kind_of_mistake_is_reported_in_one_run(tmp_path, valid_copy, capsys):
    book = template(tmp_path)
    ws = book[SHEET]
    fill(ws, 3, {**NEW, "id": None, "subject": None})  # the whole-data check: a blank required cell
    fill(ws, 4, {**NEW, "id": None, "received_on": "31/02/2026"})  # a value error
    fill(ws, 5, {**NEW, "id": None, "channel": "Bang van ban"})  # a value error
    ws.merge_cells("J6:K6")  # structure
    ws.cell(1, 40).value, ws.cell(3, 40).value = "Ghi chú riêng", "x"  # structure
    f = tmp_path / "x.xlsx"
    out = refused(capsys, saved(book, f), valid_copy)
    assert [line.split(". Cách sửa")[0] for line in out] == [
        f"{f}:6: sheet-merged: Trang “Yêu cầu giải trình”, vùng J6:K6 (từ dòng 6): các ô bị gộp (Merge)",
        f"{f}:1: sheet-unknown-column: Trang “Yêu cầu giải trình”, cột “Ghi chú riêng”: tiêu đề cột không có trong mẫu",
        f"{f}:4: sheet-date-unreal: Trang “Yêu cầu giải trình”, dòng 4, cột “Ngày nhận yêu cầu”: ngày 31/02/2026 không "
        "có trong lịch",
        f"{f}:5: sheet-label: Trang “Yêu cầu giải trình”, dòng 5, cột “Hình thức yêu cầu”: “Bang van ban” không có "
        "trong danh sách (có phải là “Bằng văn bản”?)",
        f"{f}:3: sheet-blank-required: Trang “Yêu cầu giải trình”, dòng 3, cột “Tiêu đề”: ô còn trống nhưng cột này "
        "bắt buộc"]
    assert out[-1].endswith("Cách sửa: Điền ô “Tiêu đề” ở dòng 3.")


def test_a_blank_task_id_gets_the_next_number_of_its_plan(tmp_path, valid_copy, capsys):
    book = template(tmp_path, "task")
    ws = book["Nhiệm vụ của kế hoạch"]
    fill(ws, 3, {"plan": "xa-a-kh-2026", "title": "Niêm yết thủ tục mới", "lead_unit": "xa-a",
                 "status": "Chưa thực hiện"})
    code, out, _ = import_(capsys, saved(book, tmp_path / "nv.xlsx"), valid_copy)
    assert code == 0, out
    assert out[-1] == "Mã mới nv-03: trang “Nhiệm vụ của kế hoạch”, dòng 3 (ô mã để trống)."
    assert "- id: nv-03" in (valid_copy / "xa-a/ke-hoach/xa-a-kh-2026.yaml").read_text(encoding="utf-8")
