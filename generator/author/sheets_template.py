"""`giaitrinh template KIND` and the workbook of `giaitrinh export-sheet`: one sheet per kind in
the layout of sheets_layout.py, with drop-down lists of labels, date cells, input help from the
field descriptions, required columns marked and the header frozen."""

from __future__ import annotations

import datetime as dt
import io
import re

import xlsxwriter

from .sheets_layout import (
    DATE_FORMAT,
    EXPORT,
    FIRST_ROW,
    LISTS_SHEET,
    META_SHEET,
    TEMPLATE,
    Column,
    columns,
    sheet_name,
    shown,
    stamp,
)

SPARE_ROWS = 2000  # rows below the records that keep the drop-down lists and the date check
WIDTHS = {"date": 13, "integer": 10, "boolean": 10}
LONG_TEXT = ("request", "answer", "summary", "commitment", "result", "title", "subject")
DATE_HELP = "ngày/tháng/năm, ví dụ 24/11/2026"
# How a schema's description may say a date's form, which a cell says otherwise.
DATE_WORDS = re.compile(r"năm-tháng-ngày|yyyy-mm-dd|YYYY-MM-DD")
ID_HELP = "Để trống khi thêm hồ sơ mới: mã được cấp tự động khi nhập. Chỉ ghi mã khi sửa bảng xuất bằng giaitrinh export-sheet."


def workbook(kinds: tuple[str, ...], records: dict[str, list[dict]] | None = None) -> bytes:
    """The workbook of `kinds` (empty: a template; with records: an export), as bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "Mẫu nhập liệu Giải trình mở", "comments": "giaitrinh import"})
    styles = {
        "head": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7",
                                 "border": 1}),
        "required": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#FCE4D6",
                                     "font_color": "#C00000", "border": 1}),
        "date": book.add_format({"num_format": DATE_FORMAT}),
        "text": book.add_format({"num_format": "@", "text_wrap": False}),
        "plain": book.add_format({}),
    }
    lists = _list_ranges(kinds)
    for kind in kinds:
        _sheet(book, kind, (records or {}).get(kind, []), styles, lists)
    lists_sheet = book.add_worksheet(LISTS_SHEET)
    for col, (_, c) in enumerate(_listed(kinds)):
        lists_sheet.write_column(0, col, c.choices)
    meta = book.add_worksheet(META_SHEET)
    meta.write_row(0, 0, ["trang tính", "loại hồ sơ", "phiên bản mẫu", "tạo bằng"])
    for i, kind in enumerate(kinds, start=1):
        meta.write_row(i, 0, [sheet_name(kind), kind, stamp(kind), EXPORT if records is not None else TEMPLATE])
    lists_sheet.hide()
    meta.hide()
    book.close()
    return out.getvalue()


def _listed(kinds: tuple[str, ...]) -> list[tuple[str, Column]]:
    """The columns with a drop-down list, sorted as their lists sit in the hidden lists sheet."""
    return sorted(((kind, c) for kind in kinds for c in columns(kind) if c.choices), key=lambda kc: (kc[0], kc[1].name))


def _list_ranges(kinds: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """Where each drop-down list sits in the hidden lists sheet (one column each): (kind, field) -> range."""
    ranges = {}
    for col, (kind, c) in enumerate(_listed(kinds)):
        letter = xlsxwriter.utility.xl_col_to_name(col)
        ranges[(kind, c.name)] = f"='{LISTS_SHEET}'!${letter}$1:${letter}${len(c.choices)}"
    return ranges


def _sheet(book: xlsxwriter.Workbook, kind: str, records: list[dict], styles: dict,
           lists: dict[tuple[str, str], str]) -> None:
    sheet = book.add_worksheet(sheet_name(kind))
    cols = columns(kind)
    last = FIRST_ROW - 1 + len(records) + SPARE_ROWS  # 0-based index of the last checked row
    for j, c in enumerate(cols):
        cell_format = styles["date"] if c.field.type == "date" else (
            styles["text"] if c.field.type in ("string", "list") and not c.choices else styles["plain"])
        width = 40 if c.name in LONG_TEXT else WIDTHS.get(c.field.type, 22)
        sheet.set_column(j, j, width, cell_format)
        sheet.write_string(0, j, c.header, styles["required" if c.required else "head"])
        sheet.write_string(1, j, c.name)
        sheet.data_validation(FIRST_ROW - 1, j, last, j, _validation(kind, c, lists))
    sheet.set_row(0, 45)
    sheet.set_row(1, None, None, {"hidden": True})
    sheet.freeze_panes(FIRST_ROW - 1, 1)
    sheet.autofilter(0, 0, 0, len(cols) - 1)
    for i, record in enumerate(records, start=FIRST_ROW - 1):
        for j, c in enumerate(cols):
            _write(sheet, i, j, c, record.get(c.name), styles)


def _write(sheet, row: int, col: int, c: Column, value: object, styles: dict) -> None:
    value = shown(c, value)
    if value is None:
        return
    if isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), styles["date"])
    elif isinstance(value, bool):
        sheet.write_string(row, col, str(value).lower())
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _validation(kind: str, c: Column, lists: dict[tuple[str, str], str]) -> dict:
    """The column's check and its input help (Excel allows a 32-character title, 255 of message)."""
    help_text = c.field.description or c.field.title
    if c.field.type == "date":
        help_text = DATE_WORDS.sub(DATE_HELP, help_text)
        if DATE_HELP not in help_text:
            help_text = f"{help_text.rstrip('.')}. Nhập {DATE_HELP}."
    if c.name == "id":
        help_text = f"{ID_HELP} {help_text}"
    elif c.required:
        help_text = "Bắt buộc. " + help_text
    rule: dict = {"input_title": _cut(c.field.title, 32), "input_message": _cut(help_text, 255)}
    if c.choices:
        rule |= {"validate": "list", "source": lists[(kind, c.name)], "error_type": "stop",
                 "error_title": "Giá trị không có trong danh sách",
                 "error_message": "Chọn một giá trị trong danh sách thả xuống của cột này."}
    elif c.field.type == "date":
        rule |= {"validate": "date", "criteria": "between", "minimum": dt.date(1945, 1, 1),
                 "maximum": dt.date(2100, 12, 31), "error_type": "stop", "error_title": "Ngày không hợp lệ",
                 "error_message": "Nhập ngày dạng ngày/tháng/năm, ví dụ 05/03/2026."}
    elif c.field.type == "integer":
        rule |= {"validate": "integer", "criteria": ">=", "value": 0, "error_type": "stop",
                 "error_title": "Cần một số nguyên", "error_message": "Nhập một số nguyên không âm, ví dụ 15."}
    else:
        rule |= {"validate": "any"}
    return rule


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
