"""Tables as CSV bytes: the one writer of the open data's tables and of the periodic report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..schema import Row, cell


def to_csv(names: list[str], rows: list[Row]) -> bytes:
    return _csv_lines([names]) + _csv_body(names, rows)


def _csv_lines(lines: Iterable[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(lines)
    return buf.getvalue().encode("utf-8")


def _csv_body(names: list[str], rows: list[Row]) -> bytes:
    """The rows' CSV lines, without the header."""
    return _csv_lines([cell(r.get(n)) for n in names] for r in rows)
