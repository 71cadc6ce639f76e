"""Pages of the statistics (thong-ke/) and reports (bao-cao/) sections, and the views the
templates of other pages (a unit's page) call for their scorecard and compliance boxes.

Charts are inline SVG drawn here (nothing fetched from outside the site); every chart sits
next to the table holding the same figures, which is its text equivalent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from html import escape

from markupsafe import Markup

from ..model import compliance, stats
from ..model import report_tables as report
from ..model.model import Model
from ..rules import clock
from ..rules.periods import parse_period
from .page import Page, paginate_by, unit_name


def bar_chart(title: str, items: list[tuple[str, int, int]], legend: tuple[str, str]) -> Markup:
    """Horizontal bars: for each item (label, total, part) a light bar for the total and a dark
    bar for the part (e.g. received / answered on time). Decorative for screen readers beyond
    its title: the table beside it carries the figures."""
    if not items:
        return Markup("")
    top = max(max(t for _, t, _ in items), 1)
    label_w, bar_w, row_h = 230, 300, 22
    height = row_h * len(items) + 34
    out = [f'<svg class="gt-chart" role="img" viewBox="0 0 {label_w + bar_w + 50} {height}" '
           f'width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>"]
    for i, (label, total, part) in enumerate(items):
        y = i * row_h + 4
        short = label if len(label) <= 34 else label[:33] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="11">{escape(short)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * total / top:.1f}" height="16" class="gt-bar-total"/>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * part / top:.1f}" height="16" class="gt-bar-part"/>')
        out.append(f'<text x="{label_w + bar_w * total / top + 4:.1f}" y="{y + 14}" font-size="11">{part}/{total}</text>')
    y = row_h * len(items) + 14
    out.append(f'<rect x="{label_w}" y="{y}" width="12" height="12" class="gt-bar-total"/>'
               f'<text x="{label_w + 16}" y="{y + 10}" font-size="11">{escape(legend[0])}</text>'
               f'<rect x="{label_w + 150}" y="{y}" width="12" height="12" class="gt-bar-part"/>'
               f'<text x="{label_w + 166}" y="{y + 10}" font-size="11">{escape(legend[1])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def received_chart(lines: list[stats.Line], what: str) -> Markup:
    items = [(line.label, int(line.figures["received"]), int(line.figures["answered_on_time"]))
             for line in lines if line.figures["received"]]
    return bar_chart(f"Số yêu cầu nhận và số giải trình đúng hạn {what}", items,
                     ("Yêu cầu nhận", "Giải trình đúng hạn"))


def rule_of(model: Model, r: dict) -> clock.Rule | None:
    """The rule an explanation was judged by (the one in force on the day it was received)."""
    return clock.rule_for(model.settings.rules, r["received_on"])


def clock_steps(model: Model, r: dict) -> list[str]:
    """How the deadlines of one explanation were counted (shown on its page)."""
    rule = rule_of(model, r)
    return clock.explain(r, rule, model.settings.calendar) if rule else []


def current_label(model: Model) -> str:
    return str(model.as_of.year)


def unit_views(model: Model) -> dict[str, dict[str, object]]:
    """What each unit's page shows: this year's and every period's scorecard, plans, reports."""
    periods = [(stats.parse_period(label), {line.key: line for line in dims["unit"]})
               for label, dims in stats.all_scorecards(model).items()]
    periods.sort(key=lambda pl: (-pl[0].start.year, pl[0].kind != "year", pl[0].label))
    plans = {row["unit"]: row for row in compliance.plans_status(model)}
    dues: dict[str, list] = {uid: [] for uid in model.units}
    for d in compliance.reports_status(model):
        dues.setdefault(d.unit, []).append(d)
    return {uid: {"lines": [(period, lines.get(uid)) for period, lines in periods], "plans": plans[uid], "dues": dues[uid]}
            for uid in model.units}


def statistics_view(model: Model) -> dict[str, object]:
    cards = stats.all_scorecards(model)
    ordered = sorted((stats.parse_period(label) for label in cards),
                     key=lambda p: (-p.start.year, p.kind != "year", p.label))
    current = cards.get(current_label(model)) or cards[ordered[0].label]
    return {"periods": ordered, "current": current, "label": current["portal"][0].period}


def headline(model: Model) -> dict[str, object]:
    """The home page's figures: this year's portal scorecard, the same line thong-ke/ shows, and
    the requests of the year whose explanation was stopped (counted apart, as refusals are)."""
    view = statistics_view(model)
    year = parse_period(str(view["label"]))
    terminated = sum(r["status"] == "terminated" and year.start <= r["received_on"] <= year.end
                     for r in model.explanations)
    return {"line": view["current"]["portal"][0], "label": view["label"], "terminated": terminated}


def reports_view(model: Model) -> dict[str, object]:
    """What bao-cao/ shows: for each period of the schedule, newest first, how many reports were
    due and in which state (each period's own list names the units), and the units without a plan."""
    by_period: dict[stats.Period, list[compliance.ReportDue]] = {}
    for d in compliance.reports_status(model):
        by_period.setdefault(d.period, []).append(d)
    return {"periods": [(p, len(dues), Counter(d.state for d in dues)) for p, dues in sorted(by_period.items(), reverse=True)],
            "missing_plans": [row["unit"] for row in compliance.plans_status(model) if not row["plans"]],
            "past": report.past_periods(model)}


def calendar_years(model: Model) -> list[int]:
    """Every year a deadline on the portal was counted in: from the first request to the last due
    date, and at least every confirmed year (the page lists all their days off and swaps)."""
    days = [model.as_of] + [dt.date(y, 1, 1) for y in model.settings.calendar.confirmed_years]
    for r in model.explanations:
        days += [d for d in (r["received_on"], r.get("accept_due_on"), r.get("answer_due_on")) if d]
    return list(range(min(days).year, max(days).year + 1))


def pages(model: Model) -> Iterator[object]:

    cal = model.settings.calendar
    years = [{"year": y, "rows": cal.year_rows(y), "confirmed": y in cal.confirmed_years} for y in calendar_years(model)]
    yield Page("thong-ke/lich/", "Lịch ngày làm việc dùng để tính thời hạn", "calendar.html",
               {"years": years}, description="Ngày nghỉ lễ, Tết và ngày làm bù đã dùng để tính thời hạn giải trình, mỗi ngày kèm căn cứ pháp lý.")
    for label, dims in stats.all_scorecards(model).items():
        period = stats.parse_period(label)
        yield Page(f"thong-ke/{label}/", f"Thống kê {period.title.lower()}", "statistics_period.html",
                   {"period": period, "dims": dims, "chart": received_chart(dims["unit"], "theo đơn vị")},
                   description=f"Số liệu trách nhiệm giải trình {period.title.lower()}, theo đơn vị, lĩnh vực, người yêu cầu.")
    for period in report.past_periods(model):
        header, rows = report.unit_table(model, period)
        fheader, frows = report.filing_table(model, period)
        stem = f"bao-cao-giai-trinh-{period.label}"
        yield Page(f"bao-cao/{period.label}/", f"Báo cáo tổng hợp {period.title.lower()}", "report_period.html",
                   {"period": period, "header": header, "rows": rows, "fheader": fheader, "frows": frows,
                    "downloads": [f"du-lieu-mo/bao-cao/{stem}.xlsx", f"du-lieu-mo/bao-cao/{stem}.csv"]},
                   description=f"Báo cáo tổng hợp kết quả thực hiện trách nhiệm giải trình {period.title.lower()}.")
    # Who sent which periodic report, on time or not: one list per period and one per unit (newest first).
    dues = compliance.reports_status(model)
    yield from paginate_by(dues, lambda d: d.period.label, "period", "bao-cao/tinh-hinh/{}/", "Tình hình gửi báo cáo {}",
                           "report_list.html", name=lambda label: stats.parse_period(label).title.lower())
    yield from paginate_by(dues[::-1], lambda d: d.unit, "unit", "don-vi/{}/bao-cao/", "Báo cáo định kỳ của {}",
                           "report_list.html", name=unit_name(model))


PACKAGE_RESOURCES = [  # (name, path, title, description, schema) added to datapackage.json
    ("scorecards", "thong-ke/scorecards.csv", "Thống kê trách nhiệm giải trình",
     "Số liệu theo kỳ (năm, 6 tháng) cho toàn cổng, từng đơn vị, lĩnh vực và loại người yêu cầu. " + stats.METHOD,
     stats.table_schema()),
    ("report_compliance", "thong-ke/reports.csv", "Tình hình gửi báo cáo định kỳ",
     "Mỗi báo cáo định kỳ phải gửi theo lịch báo cáo: đúng hạn, trễ hạn, chưa gửi hoặc chưa đến hạn.",
     compliance.REPORT_SCHEMA),
    ("plan_compliance", "thong-ke/plans.csv", "Tình hình ban hành kế hoạch và thực hiện nhiệm vụ",
     "Kế hoạch triển khai của từng đơn vị, ban hành đúng hạn hay chậm, và tiến độ các nhiệm vụ.",
     compliance.PLAN_SCHEMA),
]
