"""The tables of the consolidated periodic report of one period: per unit and in total (the
scorecard figures), and who filed their own report. The site shows them at bao-cao/<period>/,
generator/publish/report.py writes them as CSV and XLSX."""

from __future__ import annotations

from . import compliance, stats
from .model import Model

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


def past_periods(model: Model) -> list[stats.Period]:
    """The periods that have ended by the build date and that the reporting schedule asks for."""
    kinds = {item["period"] for item in model.settings.portal.reporting_schedule} or {"H1", "year"}
    return [p for p in stats.periods(model) if p.end < model.as_of and p.kind in kinds]
