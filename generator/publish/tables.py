"""Tables as files: the one CSV writer and the one way to open an XLSX workbook, for the open
data's tables and for the periodic report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..schema import Row, cell

if TYPE_CHECKING:
    import xlsxwriter

FIXED_TIME = dt.datetime(2000, 1, 1)  # reproducible files: no build time inside


def csv_text(lines: Iterable[list[str]]) -> str:
    """CSV lines ending in CRLF, as Excel and Frictionless read them."""
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(lines)
    return buf.getvalue()


def to_csv(names: list[str], rows: list[Row]) -> bytes:
    return _csv_lines([names]) + _csv_body(names, rows)


def _csv_lines(lines: Iterable[list[str]]) -> bytes:
    return csv_text(lines).encode("utf-8")


def _csv_body(names: list[str], rows: list[Row]) -> bytes:
    """The rows' CSV lines, without the header."""
    return _csv_lines([cell(r.get(n)) for n in names] for r in rows)


def workbook(buf: io.BytesIO, title: str) -> xlsxwriter.Workbook:
    """An XLSX workbook written into `buf`: text never turned into links or formulas, dated FIXED_TIME."""
    import xlsxwriter  # here: only the open data and `report` write workbooks

    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
    wb.set_properties({"title": title, "created": FIXED_TIME})
    return wb
