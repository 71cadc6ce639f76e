"""Stage 6: the open data. Every published resource as CSV (UTF-8) and JSON, one XLSX
workbook, a Frictionless datapackage.json whose schemas come from generator/schemas/, a zip
of everything, and the pages that list the files and explain the fields."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

from . import insights
from . import schema as std
from .model import Model, Row
from .render import Page
from .validate import cell

OUT = "du-lieu-mo/"
WITHDRAWALS_SCHEMA = {
    "fields": [
        {"name": "id", "type": "string", "title": "Mã yêu cầu"},
        {"name": "unit", "type": "string", "title": "Cơ quan giải trình"},
        {"name": "withdrawn_on", "type": "date", "title": "Ngày rút công khai"},
        {"name": "withdrawal_reason", "type": "string", "title": "Lý do rút công khai"},
    ],
    "primaryKey": ["id"],
}
FIXED_TIME = dt.datetime(2000, 1, 1)  # reproducible archives: no build time inside files


def field_names(name: str) -> list[str]:
    return [f.name for f in std.load(name).fields]


def tables(model: Model) -> dict[str, tuple[list[str], list[Row]]]:
    """Each published table: its field names and rows, in a stable order."""
    out = {name: (field_names(name), model.resource(name)) for name in std.RESOURCES}
    out["withdrawals"] = ([f["name"] for f in WITHDRAWALS_SCHEMA["fields"]], model.withdrawn)
    return out


def to_csv(names: list[str], rows: list[Row]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    for r in rows:
        w.writerow([cell(r.get(n)) for n in names])
    return buf.getvalue().encode("utf-8")


def _json_value(v: object) -> object:
    return v.isoformat() if isinstance(v, dt.date) else v


def to_json(names: list[str], rows: list[Row]) -> bytes:
    """The rows as a JSON array of objects, indented by one space. Written row by row with the
    C string encoder: json.dumps with indent runs the pure-Python encoder, which took most of
    the export time at 100,000 records. Same bytes as json.dumps(..., indent=1)."""
    if not rows:
        return b"[]"
    keys = [f'  {_encode_str(n)}: ' for n in names]
    out = []
    for r in rows:
        parts = []
        for key, n in zip(keys, names, strict=True):
            v = r.get(n)
            if isinstance(v, str):
                parts.append(key + _encode_str(v))
            elif v is None:
                parts.append(key + "null")
            elif v is True:
                parts.append(key + "true")
            elif v is False:
                parts.append(key + "false")
            elif isinstance(v, dt.date):
                parts.append(key + _encode_str(v.isoformat()))
            else:  # numbers and anything else: exactly what json.dumps writes
                parts.append(key + json.dumps(v, ensure_ascii=False, indent=1).replace("\n", "\n  "))
        out.append(" {\n" + ",\n".join(parts) + "\n }")
    return ("[\n" + ",\n".join(out) + "\n]").encode("utf-8")


_encode_str = json.encoder.encode_basestring  # the C version when available, like json.dumps


def to_xlsx(tabs: dict[str, tuple[list[str], list[Row]]]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
    wb.set_properties({"title": "Dữ liệu mở trách nhiệm giải trình", "created": FIXED_TIME})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True})
    for name, (names, rows) in tabs.items():
        ws = wb.add_worksheet(name[:31])
        ws.write_row(0, 0, names, bold)
        _fill(ws, names, rows, date_fmt)
    wb.close()
    return buf.getvalue()


def _fill(ws, names: list[str], rows: list[Row], date_fmt) -> None:
    """The cells of a sheet, stored as xlsxwriter's own write_datetime / write_boolean /
    write_number / write_string store them, without their per-cell checks (every row and
    column here is in range): a third of the export time at 100,000 records, same workbook."""
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


def datapackage(model: Model, tabs: dict[str, tuple[list[str], list[Row]]]) -> bytes:
    portal = model.settings.portal
    resources = []
    for name in tabs:
        if name == "withdrawals":
            title, desc, schema = "Hồ sơ đã rút công khai", "Các yêu cầu giải trình đã công khai rồi rút xuống.", WITHDRAWALS_SCHEMA
        else:
            sch = std.load(name)
            title, desc, schema = sch.title, sch.description, sch.frictionless(computed=True)
        resources.append({"name": name, "path": f"{name}.csv", "title": title, "description": desc,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    for name, path, title, desc, schema in insights.PACKAGE_RESOURCES:
        resources.append({"name": name, "path": path, "title": title, "description": desc,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    package = {
        "name": "giai-trinh-mo",
        "title": portal.name,
        "description": f"Dữ liệu mở về trách nhiệm giải trình, tính đến ngày {model.as_of.isoformat()}.",
        "licenses": [portal.licence],
        "version": model.as_of.isoformat(),
        "resources": resources,
    }
    if portal.sample:
        package["description"] += " Dữ liệu mẫu để minh họa."
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")


def to_zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    return buf.getvalue()


def export(model: Model) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the site."""
    tabs = tables(model)
    files: dict[str, bytes] = {}
    for name, (names, rows) in tabs.items():
        files[f"{name}.csv"] = to_csv(names, rows)
        files[f"{name}.json"] = to_json(names, rows)
    files.update(insights.downloads(model))  # statistics, compliance and the periodic reports
    files["datapackage.json"] = datapackage(model, tabs)
    files["giai-trinh-mo.xlsx"] = to_xlsx(tabs)
    files["giai-trinh-mo.zip"] = to_zip(files)
    return {OUT + name: data for name, data in files.items()}


def pages(model: Model, files: dict[str, bytes]) -> list[Page]:
    listing = [{"name": path.removeprefix(OUT), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
               for path, data in sorted(files.items())]
    counts = {name: len(rows) for name, (_, rows) in tables(model).items()}
    return [
        Page(OUT, "Dữ liệu mở", "open_data.html", {"files": listing, "counts": counts},
             description="Tải toàn bộ dữ liệu trách nhiệm giải trình dạng CSV, JSON, XLSX và Frictionless Data Package."),
        Page(OUT + "tu-dien/", "Từ điển dữ liệu", "dictionary.html", {"schemas": std.all_schemas()},
             description="Ý nghĩa từng trường dữ liệu, sinh tự động từ chuẩn dữ liệu."),
    ]
