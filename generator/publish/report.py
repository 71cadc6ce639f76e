"""The consolidated periodic report: the tables a consolidating office sends upward for one
period (per unit and in total, the scorecard figures, plus who filed their own report), as
XLSX and CSV bytes. `giaitrinh report --period 2026-H1` writes them; the site shows the same
tables at bao-cao/<period>/ for every period that has ended."""

from __future__ import annotations

import csv
import datetime as dt
import io

from ..model import compliance, stats
from ..model.model import Model
from ..speed.cache import Pieces

FIXED_TIME = dt.datetime(2000, 1, 1)  # reproducible files: no build time inside
TOTAL = "Tổng cộng"


def unit_table(model: Model, period: stats.Period) -> tuple[list[str], list[list[object]]]:
    """Header (Vietnamese titles) and rows: one per unit, then the total for the whole portal."""
    cards = stats.all_scorecards(model).get(period.label) or stats.scorecards(model, period)
    names = [n for n, _, _ in stats.FIGURES]
    header = ["Mã đơn vị", "Đơn vị"] + [t for _, t, _ in stats.FIGURES]
    rows = [[line.key, line.label] + [line.figures[n] for n in names] for line in cards["unit"]]
    total = cards["portal"][0]
    rows.append(["", TOTAL] + [total.figures[n] for n in names])
    return header, rows


def filing_table(model: Model, period: stats.Period) -> tuple[list[str], list[list[object]]]:
    header = ["Mã đơn vị", "Đơn vị", "Loại báo cáo", "Hạn gửi", "Ngày gửi", "Số hiệu", "Tình trạng"]
    rows = []
    for d in compliance.reports_status(model):
        if d.period.label != period.label:
            continue
        r = d.report or {}
        rows.append([d.unit, model.units[d.unit]["name"], compliance.LEVEL_TITLES[d.level], d.due_on,
                     r.get("submitted_on"), r.get("number"), compliance.REPORT_STATES[d.state]])
    return header, rows


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def to_csv(table: tuple[list[str], list[list[object]]]) -> bytes:
    """The per-unit table, UTF-8 with a byte-order mark so that Excel opens it with diacritics."""
    header, rows = table
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(model: Model, period: stats.Period, units: tuple[list[str], list[list[object]]],
            filing: tuple[list[str], list[list[object]]]) -> bytes:
    """The workbook: the per-unit table, the filing table and the method."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
    wb.set_properties({"title": f"Báo cáo trách nhiệm giải trình {period.title.lower()}", "created": FIXED_TIME})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    portal = model.settings.portal

    def sheet(name: str, title: str, table: tuple[list[str], list[list[object]]]) -> None:
        ws = wb.add_worksheet(name)
        ws.write(0, 0, portal.name, bold)
        ws.write(1, 0, title, bold)
        ws.write(2, 0, f"Kỳ báo cáo: {period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}); "
                       f"số liệu tính đến ngày {model.as_of:%d/%m/%Y}.")
        header, rows = table
        ws.write_row(4, 0, header, head)
        ws.set_row(4, 60)
        ws.set_column(1, 1, 40)
        for i, row in enumerate(rows, start=5):
            for j, v in enumerate(row):
                if isinstance(v, bool):
                    ws.write_string(i, j, "có" if v else "")
                elif isinstance(v, dt.date):
                    ws.write_datetime(i, j, dt.datetime.combine(v, dt.time()), date_fmt)
                elif isinstance(v, (int, float)):
                    ws.write_number(i, j, v)
                elif v is not None:
                    ws.write_string(i, j, str(v), bold if v == TOTAL else None)

    sheet("Theo đơn vị", f"Kết quả thực hiện trách nhiệm giải trình, {period.title.lower()}", units)
    sheet("Nộp báo cáo", f"Tình hình gửi báo cáo định kỳ kỳ {period.label}", filing)
    ws = wb.add_worksheet("Phương pháp")
    ws.set_column(0, 0, 120)
    ws.write(0, 0, "Phương pháp tính", bold)
    ws.write(1, 0, stats.METHOD, wrap)
    wb.close()
    return buf.getvalue()


def files(model: Model, period: stats.Period, pieces: Pieces | None = None) -> dict[str, bytes]:
    """The report's files, keyed by file name; kept by `pieces` under the digest of its two
    tables (the rest of what the workbook shows, the portal's name and the date of the data, is
    in the build's global key): writing the workbooks of 19 periods took a second."""
    stem = f"bao-cao-giai-trinh-{period.label}"
    units, filing = unit_table(model, period), filing_table(model, period)
    return (pieces or Pieces(None)).get(
        ("report", period.label, units, filing),
        lambda: {f"{stem}.csv": to_csv(units), f"{stem}.xlsx": to_xlsx(model, period, units, filing)})


def past_periods(model: Model) -> list[stats.Period]:
    """The periods that have ended by the build date and that the reporting schedule asks for."""
    kinds = {item["period"] for item in model.settings.portal.reporting_schedule} or {"H1", "year"}
    return [p for p in stats.periods(model) if p.end < model.as_of and p.kind in kinds]
