"""Read a clerk's workbook (.xlsx) or CSV file into rows of records, with every problem placed on
its sheet, row and column. Nothing here writes; sheets_import.py decides what the rows become."""

from __future__ import annotations

import csv
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ..problems import Problem
from .sheets_layout import (
    EXPORT,
    KINDS,
    LISTS_SHEET,
    META_SHEET,
    REQUIRED_MARK,
    Column,
    columns,
    fold,
    kind_named,
    sheet_name,
    stamp,
)
from .sheets_values import value_of


@dataclass
class Row:
    kind: str
    sheet: str
    row: int  # as Excel (or the CSV file's line) numbers it
    values: dict[str, object]  # field -> value, for the columns the sheet has (None: blank)
    refused: bool = False  # a cell's value could not be read: the row is not checked further


@dataclass
class Read:
    path: str  # the file, as messages show it
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, field) -> its header
    exports: set[str] = field(default_factory=set)  # the sheets `giaitrinh export-sheet` made

    def problem(self, code: str, row: int = 1, *, sheet: str = "", column: str = "", value: object = "",
                detail: str = "", resource: str = "", choices: str = "") -> None:
        extra = (("sheet", sheet), ("row", str(row)), ("column", column), ("choices", choices))
        self.problems.append(Problem(self.path, row, code, field=column, value=str(value), detail=detail,
                                     resource=resource, extra=extra))


def read(path: Path, kind: str | None = None) -> Read:
    """The rows of a workbook or CSV file (`kind`: the kind of a CSV file's records, if known)."""
    out = Read(path.as_posix())
    raw = path.read_bytes()
    if not raw.strip():
        out.problem("sheet-empty", value=path.name, detail="tệp rỗng")
    elif zipfile.is_zipfile(io.BytesIO(raw)):
        _workbook(out, raw)
    elif path.suffix.lower() == ".csv":
        _csv(out, raw, kind)
    else:
        out.problem("sheet-not-workbook", value=path.name, detail="không phải tệp .xlsx hay .csv")
    if not out.problems and not out.rows:
        out.problem("sheet-empty", value=path.name, detail="không có dòng nào có dữ liệu")
    return out


def _workbook(out: Read, raw: bytes) -> None:
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        out.problem("sheet-not-workbook", value=Path(out.path).name, detail=type(exc).__name__)
        return
    stamps = _stamps(book)
    seen: dict[str, str] = {}
    cached: openpyxl.Workbook | None = None
    for ws in book.worksheets:
        if ws.title in (META_SHEET, LISTS_SHEET):
            continue
        kind = stamps.get(ws.title, (kind_named(ws.title),))[0]
        if kind is None:
            if any(v is not None for r in ws.iter_rows(max_row=50, values_only=True) for v in r):
                out.problem("sheet-extra", sheet=ws.title)  # an empty one is not worth a word
            continue
        if kind in seen:
            out.problem("sheet-duplicate-kind", sheet=ws.title, detail=seen[kind], resource=sheet_name(kind))
            continue
        seen[kind] = ws.title
        made = stamps.get(ws.title, (kind, ""))[1]
        if stamps.get(ws.title, ("", "", ""))[2] == EXPORT:
            out.exports.add(ws.title)
        if made and made != stamp(kind):
            out.problem("sheet-version", sheet=ws.title, value=made, detail=stamp(kind), resource=kind)
            continue
        _merged(out, ws)
        cells = [tuple(row) for row in ws.iter_rows()]
        formulas = [(i, j) for i, row in enumerate(cells) for j, c in enumerate(row) if c.data_type == "f"]
        values = [[c.value for c in row] for row in cells]
        if formulas:
            cached = cached or openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            _cached_values(out, ws.title, cached[ws.title], values, formulas)
        _rows(out, kind, ws.title, values)


def _stamps(book) -> dict[str, tuple[str, str, str]]:
    """The hidden sheet's record of the template: sheet name -> (kind, stamp, what made it)."""
    if META_SHEET not in book.sheetnames:
        return {}
    found = {}
    for row in book[META_SHEET].iter_rows(min_row=2, values_only=True):
        if len(row) >= 3 and row[0] and row[1] in KINDS:
            found[str(row[0])] = (str(row[1]), str(row[2] or ""), str(row[3] or "") if len(row) > 3 else "")
    return found


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged(out: Read, ws) -> None:
    """Merged ranges, read from the sheet's XML (a read-only worksheet does not parse them)."""
    with ws.parent._archive.open(ws._worksheet_path) as xml:  # openpyxl's own handle on the sheet
        for ref in _MERGE.findall(xml.read()):
            text = ref.decode()
            out.problem("sheet-merged", int(re.search(r"\d+", text).group()), sheet=ws.title, value=text)


def _cached_values(out: Read, title: str, ws, values: list[list[object]], formulas: list[tuple[int, int]]) -> None:
    """A formula's value as Excel last computed it, or a problem when the file keeps none."""
    wanted = {i for i, _ in formulas}
    computed = {i: row for i, row in enumerate(ws.iter_rows(values_only=True)) if i in wanted}
    header = values[0] if values else []
    for i, j in formulas:
        row = computed.get(i, ())
        value = row[j] if j < len(row) else None
        if value is None and i > 0:
            column = str(header[j]) if j < len(header) and header[j] else get_column_letter(j + 1)
            out.problem("sheet-formula", i + 1, sheet=title, column=column, value=values[i][j])
        values[i][j] = value


def _csv(out: Read, raw: bytes, kind: str | None) -> None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.problem("sheet-not-workbook", value=Path(out.path).name,
                    detail="không phải văn bản UTF-8; trong Excel lưu lại dạng “CSV UTF-8”")
        return
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    values = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if not values:
        return
    kind = kind or _guess_kind([fold(h) for h in values[0]])
    if kind is None:
        out.problem("sheet-kind-unknown", value=Path(out.path).name,
                    detail=" (không nhận ra loại hồ sơ từ tiêu đề các cột)", choices=", ".join(KINDS))
        return
    _rows(out, kind, sheet_name(kind), values)


def _guess_kind(headers: list[str]) -> str | None:
    """The kind whose columns a CSV file's headers name best (None when two tie or none fits)."""
    score = {kind: sum(h in _names(kind) for h in headers) for kind in KINDS}
    best = sorted(score.values(), reverse=True)
    if best[0] == 0 or best[0] == best[1]:
        return None
    return max(score, key=score.get)


def _names(kind: str) -> dict[str, Column]:
    """What a header may say for each column: its title (with or without the mark) or its field name."""
    names = {}
    for c in columns(kind):
        names[fold(c.field.title)] = c
        names[fold(c.name)] = c
    return names


def _rows(out: Read, kind: str, title: str, values: list[list[object]]) -> None:
    """The records of one sheet: headers on the first row, field names (hidden) on the second when
    the sheet comes from a template, records below; blank rows skipped."""
    if not values:
        return
    width = max(len(r) for r in values)
    header = [*values[0], *[None] * (width - len(values[0]))]
    by_name = {c.name: c for c in columns(kind)}
    second = values[1] if len(values) > 1 else []
    names_row = any(second) and all(v is None or str(v) in by_name for v in second)
    cols = _columns(out, kind, title, header, second if names_row else [], values[2 if names_row else 1:])
    start = 3 if names_row else 2
    for i, cells in enumerate(values[start - 1:], start=start):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        if all(cells[j] in (None, c.name) for j, c in cols.items() if j < len(cells)):  # the hidden row, sorted down
            continue
        row = Row(kind, title, i, {})
        for j, c in cols.items():
            raw = cells[j] if j < len(cells) else None
            value, refused = value_of(c, raw)
            if refused:
                row.refused = True
                out.problem(refused[0], i, sheet=title, column=out.headers[(title, c.name)], value=raw, detail=refused[1],
                            choices=", ".join(c.choices))
            row.values[c.name] = value
        out.rows.append(row)


def _columns(out: Read, kind: str, title: str, header: list[object], names: list[object],
             body: list[list[object]]) -> dict[int, Column]:
    """Column index -> its column, by the hidden field name, else by the header; a column it cannot
    tell, or the second of a column twice, is a problem and left out (the others are still read)."""
    by_name = {c.name: c for c in columns(kind)}
    known = _names(kind)
    cols: dict[int, Column] = {}
    for j, head in enumerate(header):
        name = names[j] if j < len(names) else None
        c = by_name.get(str(name)) if name else known.get(fold(head)) if head is not None else None
        if c is None:
            has_data = any(j < len(r) and r[j] not in (None, "") for r in body)
            if head is None and not has_data:
                continue
            shown = str(head) if head is not None else f"cột {get_column_letter(j + 1)} không có tiêu đề"
            near = difflib.get_close_matches(fold(shown), [fold(x.header) for x in by_name.values()], n=1, cutoff=0.6)
            hint = next((f" (có phải là “{x.field.title}”?)" for x in by_name.values()
                         if near and fold(x.header) == near[0]), "")
            out.problem("sheet-unknown-column", sheet=title, column=shown, detail=hint)
            continue
        twice = next((i for i, other in cols.items() if other.name == c.name), None)
        if twice is not None:
            out.problem("sheet-duplicate-column", sheet=title, column=c.field.title,
                        detail=f"cột {get_column_letter(twice + 1)} và cột {get_column_letter(j + 1)}")
            continue
        cols[j] = c
        out.headers[(title, c.name)] = str(head).strip().removesuffix(REQUIRED_MARK) if head is not None else c.field.title
    return cols
