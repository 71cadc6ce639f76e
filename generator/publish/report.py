"""The consolidated periodic report: the tables a consolidating office sends upward for one
period (per unit and in total, the scorecard figures, plus who filed their own report), as
XLSX and CSV bytes. `giaitrinh report --period 2026-H1` writes them; the site shows the same
tables at bao-cao/<period>/ for every period that has ended."""

from __future__ import annotations

import datetime as dt
import io

from ..model import compliance, stats
from ..model.model import Model
from ..model.report_tables import TOTAL, filing_table, past_periods, unit_table
from ..model.reuse import MakeAgain, Reuse
from ..schema import cell
from . import tables


def to_csv(table: tuple[list[str], list[list[object]]]) -> bytes:
    """The per-unit table, UTF-8 with a byte-order mark so that Excel opens it with diacritics."""
    header, rows = table
    return tables.csv_text([header, *([cell(v, "có", "không") for v in row] for row in rows)]).encode("utf-8-sig")


def to_xlsx(model: Model, period: stats.Period, units: tuple[list[str], list[list[object]]],
            filing: tuple[list[str], list[list[object]]]) -> bytes:
    """The workbook: the per-unit table, the filing table and the method."""
    buf = io.BytesIO()
    wb = tables.workbook(buf, f"Báo cáo trách nhiệm giải trình {period.title.lower()}")
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


def files(model: Model, period: stats.Period, pieces: Reuse | None = None) -> dict[str, bytes]:
    """The report's files, keyed by file name; kept by `pieces` under the digest of its two
    tables (the rest of what the workbook shows, the portal's name and the date of the data, is
    in the build's global key): a rebuild does not write every period's workbook again."""
    stem = f"bao-cao-giai-trinh-{period.label}"
    units, filing = unit_table(model, period), filing_table(model, period)
    return (pieces or MakeAgain()).get(
        ("report", period.label, units, filing),
        lambda: {f"{stem}.csv": to_csv(units), f"{stem}.xlsx": to_xlsx(model, period, units, filing)})


def downloads(model: Model, pieces: Reuse | None = None) -> dict[str, bytes]:
    """Open-data files of this section, keyed by their path under du-lieu-mo/ (the periodic
    reports kept by `pieces`)."""
    out = {
        "thong-ke/scorecards.csv": tables.to_csv([n for n, _, _ in stats.CSV_FIELDS], stats.csv_rows(model)),
        "thong-ke/reports.csv": tables.to_csv([f["name"] for f in compliance.REPORT_SCHEMA["fields"]],
                                              [d.row() for d in compliance.reports_status(model)]),
        "thong-ke/plans.csv": tables.to_csv([f["name"] for f in compliance.PLAN_SCHEMA["fields"]],
                                            compliance.csv_plan_rows(model)),
    }
    for period in past_periods(model):
        for name, data in files(model, period, pieces).items():
            out[f"bao-cao/{name}"] = data
    return out
