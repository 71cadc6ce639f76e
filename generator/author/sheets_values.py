"""A cell as a clerk filled it, to the value a record holds: labels to codes, Có/Không to
true/false, dates typed or stored in any of the forms Excel and clerks produce, numbers stored
as text. Each refusal is (problem code, detail) for the caller to place on its sheet, row and column."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from openpyxl.utils.datetime import from_excel

from .sheets_layout import NO, YES, Column, fold

Refusal = tuple[str, str]  # problem code, detail
TRUE_WORDS = {fold(w) for w in (YES, "co", "true", "x", "yes", "1", "đúng")}
FALSE_WORDS = {fold(w) for w in (NO, "khong", "false", "no", "0", "sai")}
_DATE = re.compile(r"(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})")
_DAY_MONTH = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}")
_INTEGER = re.compile(r"[+-]?\d+")


def value_of(col: Column, raw: object) -> tuple[object, Refusal | None]:
    """The record's value of a cell (None when blank), or a refusal."""
    if isinstance(raw, str):
        raw = raw.replace("\u00a0", " ").strip()
    if raw is None or raw == "":
        return None, None
    kind = col.field.type
    if kind == "boolean":
        return _boolean(raw)
    if col.field.enum:
        return _code(col, raw)
    if kind == "date":
        return date_of(raw)
    if kind == "integer":
        return _integer(raw)
    text = _text(raw)
    if kind == "list":
        return [part.strip() for part in text.split(";") if part.strip()] or None, None
    return text, None


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw)


def _boolean(raw: object) -> tuple[object, Refusal | None]:
    if isinstance(raw, bool):
        return raw, None
    key = fold(_text(raw))
    if key in TRUE_WORDS:
        return True, None
    if key in FALSE_WORDS:
        return False, None
    return None, ("sheet-label", "")


def _code(col: Column, raw: object) -> tuple[object, Refusal | None]:
    key = fold(_text(raw))
    for code in col.field.enum:
        if key in (fold(code), fold(col.field.label(code))):
            return code, None
    labels = list(col.choices)
    near = difflib.get_close_matches(_text(raw), labels, n=1, cutoff=0.5) or \
        difflib.get_close_matches(key, [fold(x) for x in labels], n=1, cutoff=0.5)
    if near and near[0] not in labels:
        near = [labels[[fold(x) for x in labels].index(near[0])]]
    return None, ("sheet-label", f" (có phải là “{near[0]}”?)" if near else "")


def _integer(raw: object) -> tuple[object, Refusal | None]:
    if isinstance(raw, bool):
        return None, ("sheet-number", "")
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float):
        return (int(raw), None) if raw.is_integer() else (None, ("sheet-number", ""))
    text = str(raw).replace(" ", "")
    if _INTEGER.fullmatch(text):  # a number stored as text, "005" too
        return int(text), None
    return None, ("sheet-number", "")


def date_of(raw: object) -> tuple[object, Refusal | None]:
    """A date from a date cell, an Excel serial number (a date cell whose format was lost) or text
    written dd/mm/yyyy, d/m/yy or yyyy-mm-dd; a text that could be read two ways is refused."""
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _serial(raw)
    text = str(raw).strip()
    if text.isdigit() and len(text) == 5:  # a serial number stored as text
        return _serial(int(text))
    match = _DATE.fullmatch(text)
    if match is None:
        if _DAY_MONTH.fullmatch(text):
            return None, ("sheet-date-ambiguous", "thiếu năm")
        return None, ("sheet-date", "")
    a, b, c = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(a) <= 2 and len(c) in (2, 4):
        day, month, year = int(a), int(b), int(c) + (2000 if len(c) == 2 else 0)
        if month > 12 and day <= 12:
            return None, ("sheet-date-ambiguous", "tháng lớn hơn 12: có vẻ ghi tháng trước, ngày sau kiểu Mỹ")
        if len(c) == 2 and int(a) > 31:
            return None, ("sheet-date-ambiguous", "năm hai chữ số")
    else:
        return None, ("sheet-date", "")
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, ("sheet-date-unreal", "")  # well-formed, but no such day (31/02)


def _serial(number: float) -> tuple[object, Refusal | None]:
    if not 1 <= number < 2958466:  # 1900-01-01 .. 9999-12-31
        return None, ("sheet-date", "")
    return from_excel(number).date(), None
