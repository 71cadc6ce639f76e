"""The open data's yearly workbooks (du-lieu-mo/giai-trinh-mo-<year>.xlsx), made to be read in a
spreadsheet: one sheet per table named by its Vietnamese title, the fields' Vietnamese titles as
headers, labels instead of codes (a category's label, a unit's name, "Có"/"Không"), and a last
sheet, "Bảng mã", that maps every header back to its field name and every label to its code.

The codes themselves stay in the CSV and JSON files (the machines' copy): a second copy of every
sheet in codes would double the workbooks (about 60 MB more at 100,000 records)."""

from __future__ import annotations

import datetime as dt
import io
import re

from ..model.model import Row
from .tables import workbook

Tables = dict[str, tuple[list[str], list[Row]]]
CODES_SHEET = "Bảng mã"
YES_NO = {True: "Có", False: "Không"}
FIRST = "explanations"  # the sheet a citizen opens the workbook for
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: dict[str, str]) -> dict[str, str]:
    """Each table's sheet: its title within Excel's 31 characters and without the characters a
    sheet name may not hold, made unique by a number."""
    out: dict[str, str] = {}
    for name, title in titles.items():
        base = _NOT_IN_SHEET_NAME.sub(" ", title)[:31].strip() or name[:31]
        sheet, n = base, 2
        while sheet.casefold() in {s.casefold() for s in out.values()} or sheet.casefold() == CODES_SHEET.casefold():
            sheet, n = f"{base[:28]} {n}", n + 1
        out[name] = sheet
    return out


def _shown(schema: dict, units: dict[str, str]) -> list[tuple[str, dict | None]]:
    """Each field's header and the map from its codes to what the sheet shows (None: as is)."""
    to_units = {n for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] == "units"
                for n in fk["fields"]}
    out = []
    for f in schema["fields"]:
        labels = f.get("enumLabels")
        shown = (dict(labels) if labels else YES_NO if f.get("type") == "boolean"
                 else units if f["name"] in to_units or f["name"] in ("parent", "lead_unit") else None)
        out.append((f.get("title") or f["name"], shown))
    return out


def to_xlsx(tabs: Tables, described: dict[str, tuple[str, str, dict]]) -> bytes:
    """The workbook of `tabs`, each described by (title, description, Table Schema)."""
    buf = io.BytesIO()
    wb = workbook(buf, "Dữ liệu mở trách nhiệm giải trình")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    bold = wb.add_format({"bold": True})
    units = {r["id"]: r["name"] for r in tabs.get("units", ([], []))[1]}
    order = sorted(tabs, key=lambda n: n != FIRST)
    sheets = sheet_names({n: described[n][0] for n in order})
    codes = [["Trang tính", "Cột", "Tên trường", "Giá trị trong trang tính", "Mã"]]
    for name in order:
        names, rows = tabs[name]
        fields = {f["name"]: f for f in described[name][2]["fields"]}
        shown = _shown({**described[name][2], "fields": [fields.get(n, {"name": n}) for n in names]}, units)
        ws = wb.add_worksheet(sheets[name])
        ws.write_row(0, 0, [title for title, _ in shown], bold)
        ws.freeze_panes(1, 0)
        _fill(ws, names, rows, date_fmt, [m for _, m in shown])
        for n, (title, m) in zip(names, shown, strict=True):
            codes.append([sheets[name], title, n, "", ""])
            if m is not None and m is not units:
                codes += [[sheets[name], title, n, label, str(code).lower() if isinstance(code, bool) else code]
                          for code, label in m.items()]
    ws = wb.add_worksheet(CODES_SHEET)
    for i, line in enumerate(codes):
        ws.write_row(i, 0, line, bold if i == 0 else None)
    wb.close()
    return buf.getvalue()


def _fill(ws, names: list[str], rows: list[Row], date_fmt, shown: list[dict | None]) -> None:
    """The cells of a sheet, stored as xlsxwriter's own write_datetime / write_boolean /
    write_number / write_string store them, without their per-cell checks (every row and
    column here is in range): the checks were a large share of the export, for the same workbook."""
    from xlsxwriter.worksheet import CellBooleanTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple

    table, index = ws.table, ws.str_table._get_shared_string_index
    to_excel = ws._convert_date_time
    limit = ws.xls_strmax // 2  # longer strings take the API's careful path (UTF-16 length)
    last_row, first_col, last_col = None, None, None
    for i, r in enumerate(rows, start=1):
        cells = table[i]
        for j, n in enumerate(names):
            v = r.get(n)
            if v is None:
                continue
            if shown[j] is not None:
                v = shown[j].get(v, v)
            if isinstance(v, dt.date):
                cells[j] = CellDatetimeTuple(to_excel(dt.datetime.combine(v, dt.time())), date_fmt)
            elif isinstance(v, bool):
                cells[j] = CellBooleanTuple(1 if v else 0, None)
            elif isinstance(v, int):
                cells[j] = CellNumberTuple(v, None)
            elif isinstance(v, float) or len(str(v)) > limit:
                ws.write(i, j, v) if isinstance(v, float) else ws.write_string(i, j, str(v))
                continue
            else:
                cells[j] = CellStringTuple(index(str(v)), None)
            last_row = i
            first_col = j if first_col is None or j < first_col else first_col
            last_col = j if last_col is None or j > last_col else last_col
        if not cells:
            del table[i]  # the API creates no entry for a row without cells
    if last_row is not None:  # what _check_dimensions would have recorded
        ws.dim_rowmax = max(ws.dim_rowmax, last_row)
        ws.dim_colmin = min(ws.dim_colmin, first_col)
        ws.dim_colmax = max(ws.dim_colmax, last_col)
