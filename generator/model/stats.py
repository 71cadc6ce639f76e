"""Scorecards: the figures a reviewer and a journalist look at first, per unit, per field, per
requester type and for the whole portal, for any year or half-year.

Method (also shown on every statistics page, see METHOD):
- A request belongs to the period in which it was *received* (a cohort): its answer may come
  later, and "answered", "on time" and "overdue now" are judged as of the build date.
- Only published records count (the same rows as the open data), so anyone can recompute
  every figure from du-lieu-mo/explanations.csv, follow_ups.csv and meetings.csv.
- Rates, medians and 90th percentiles are shown only when at least SMALL answered requests
  stand behind them; below that the count is shown and the figure flagged, because "1 of 1
  on time = 100 %" says nothing.
- Median: the middle value (mean of the two middle values for an even count). 90th
  percentile: nearest rank, the value at position ceil(0.9 × n) in increasing order.
- Follow-ups belong to the period in which they are due; meetings to the period held.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .. import schema as std
from ..rules.periods import Period, parse_period
from ..rules.periods import PeriodError as PeriodError  # noqa: F401  (callers catch it as stats.PeriodError)
from .model import Model, Row
from .reuse import MakeAgain, Reuse

T = TypeVar("T")
SMALL = 5
DIMENSIONS = {"portal": "Toàn cổng", "unit": "Theo đơn vị", "field": "Theo lĩnh vực",
              "requester_type": "Theo người yêu cầu"}
# (name, Vietnamese title, type) of every figure, in the order of tables and CSV columns.
FIGURES = [
    ("received", "Số yêu cầu nhận", "integer"),
    ("accepted", "Đã tiếp nhận", "integer"),
    ("refused", "Từ chối giải trình", "integer"),
    ("answered", "Đã giải trình", "integer"),
    ("answered_on_time", "Giải trình đúng hạn", "integer"),
    ("on_time_rate", "Tỷ lệ giải trình đúng hạn (%)", "number"),
    ("median_days", "Một nửa số yêu cầu được giải trình trong (ngày)", "number"),
    ("p90_days", "9/10 yêu cầu được giải trình trong (ngày)", "integer"),
    ("overdue_now", "Đang quá hạn", "integer"),
    ("follow_ups_due", "Cam kết, kiến nghị đến hạn", "integer"),
    ("follow_ups_completed", "Đã hoàn thành", "integer"),
    ("follow_ups_overdue", "Quá hạn chưa hoàn thành", "integer"),
    ("meetings_held", "Buổi tiếp công dân, đối thoại", "integer"),
    ("regulations_in_force", "Quy chế, quy định nội bộ còn hiệu lực", "integer"),
    ("regulations_review_overdue", "Quy chế, quy định quá hạn rà soát", "integer"),
    ("small_count", "Ít số liệu (dưới 5 yêu cầu đã giải trình)", "boolean"),
]
METHOD = (
    "Yêu cầu được tính vào kỳ có ngày nhận yêu cầu; việc đã giải trình, đúng hạn hay đang quá hạn được "
    "đánh giá tại ngày tính số liệu. Chỉ tính các hồ sơ đã công khai (trùng với dữ liệu mở). Tỷ lệ "
    "giải trình đúng hạn = số giải trình đúng hạn / số đã giải trình; yêu cầu bị từ chối hoặc đình chỉ không "
    "tính vào tỷ lệ này mà được đếm riêng. Số ngày giải trình tính theo ngày lịch từ ngày nhận đến ngày "
    "giải trình; “một nửa số yêu cầu được giải trình trong” là số ngày mà một nửa số yêu cầu không vượt quá "
    "(trung vị), “9/10 yêu cầu được giải trình trong” là số ngày mà 9 trong 10 yêu cầu không vượt quá. Khi có "
    "dưới 5 yêu cầu đã giải trình, tỷ lệ và hai số ngày này không được tính (ghi “ít số liệu”) vì dễ gây "
    "hiểu nhầm. "
    "Cam kết, kiến nghị tính theo kỳ có thời hạn thực hiện; buổi tiếp công dân, đối thoại tính theo ngày tổ chức. "
    "Quy chế, quy định nội bộ được đếm tại ngày cuối kỳ (hoặc ngày tính số liệu nếu kỳ chưa kết thúc): còn hiệu "
    "lực nếu đã ban hành và chưa đến ngày sửa đổi, hết hiệu lực (hoặc ngày ban hành văn bản thay thế); quá hạn "
    "rà soát nếu còn hiệu lực và hạn rà soát tiếp theo đã ghi ở trước ngày đó."
)


def periods(model: Model) -> list[Period]:
    """Every year and half-year from the first record to the build date (started ones only)."""
    days = [r["received_on"] for r in model.explanations] + [m["held_on"] for m in model.meetings] \
        + [f["due_on"] for f in model.follow_ups if f.get("due_on")]
    first = min([d for d in days if d <= model.as_of], default=model.as_of)
    out = []
    for year in range(first.year, model.as_of.year + 1):
        for label in (str(year), f"{year}-H1", f"{year}-H2"):
            p = parse_period(label)
            if p.start <= model.as_of and p.end >= first:
                out.append(p)
    return out


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def percentile_90(values: list[int]) -> int | None:
    """Nearest rank: the value at position ceil(0.9 × n) of the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def card(explanations: list[Row], follow_ups: list[Row] | None, meetings: list[Row] | None,
         as_of: dt.date, regulations: tuple[int, int] | None = None) -> dict[str, object]:
    """The figures of one group in one period, from its rows of that period: the requests
    received, the follow-ups due and the meetings held in it, and its internal regulations in
    force and overdue for review at the period's end (None: not applicable)."""
    ex = explanations
    answered = [r for r in ex if r["status"] == "answered"]
    on_time = sum(r["timeliness"] == "on_time" for r in answered)
    days = [r["days_to_answer"] for r in answered if r.get("days_to_answer") is not None]
    small = len(answered) < SMALL
    out: dict[str, object] = {
        "received": len(ex),
        "accepted": sum(bool(r.get("accepted_on")) for r in ex),
        "refused": sum(r["status"] == "refused" for r in ex),
        "answered": len(answered),
        "answered_on_time": on_time,
        "on_time_rate": None if small else round(100 * on_time / len(answered), 1),
        "median_days": None if small else median(days),
        "p90_days": None if small else percentile_90(days),
        "overdue_now": sum(r["timeliness"] == "overdue" for r in ex),
        "follow_ups_due": None, "follow_ups_completed": None, "follow_ups_overdue": None,
        "meetings_held": None,
        "regulations_in_force": None, "regulations_review_overdue": None,
        "small_count": small,
    }
    if follow_ups is not None:
        out["follow_ups_due"] = len(follow_ups)
        out["follow_ups_completed"] = sum(f["status"] == "done" for f in follow_ups)
        out["follow_ups_overdue"] = sum(f["status"] not in ("done", "cancelled") and f["due_on"] < as_of
                                        for f in follow_ups)
    if meetings is not None:
        out["meetings_held"] = len(meetings)
    if regulations is not None:
        out["regulations_in_force"], out["regulations_review_overdue"] = regulations
    return out


def regulation_counts(regulations: list[Row], on: dt.date, as_of: dt.date) -> dict[str, tuple[int, int]]:
    """{unit: (in force, overdue for review)} on a day: a regulation is in force from its issue
    until it ended (ended_on, else the issue of the version that replaced it; one marked amended
    or repealed without either has ended by the build date), and overdue when in force with its
    next review due before that day."""
    issued = {r["id"]: r["issued_on"] for r in regulations}
    successor = {r["replaces"]: r["id"] for r in regulations if r.get("replaces")}
    out: dict[str, tuple[int, int]] = {}
    for r in regulations:
        nxt = r.get("replaced_by") or successor.get(r["id"])
        ended = r.get("ended_on") or issued.get(nxt) or (None if r["status"] == "in_force" else as_of)
        if r["issued_on"] <= on and (ended is None or on < ended):
            due = r.get("next_review_due")
            count, overdue = out.get(r["unit"], (0, 0))
            out[r["unit"]] = (count + 1, overdue + (due is not None and due < on))
    return out


@dataclass(frozen=True)
class Line:
    """One row of a scorecard table: a group (dimension, key, label) and its figures."""
    period: str
    dimension: str
    key: str
    label: str
    figures: dict[str, object]

    def row(self) -> dict[str, object]:
        return {"period": self.period, "dimension": self.dimension, "key": self.key, "label": self.label,
                **self.figures}


def _groups(rows: list[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        out.setdefault(str(r.get(key)), []).append(r)
    return out


def _in_periods(rows: list[Row], day: str, labels: set[str]) -> dict[str, list[Row]]:
    """The rows of each period, by the date in field `day` (a row is in its year and its half)."""
    out: dict[str, list[Row]] = {label: [] for label in labels}
    for r in rows:
        d = r.get(day)
        if isinstance(d, dt.date):
            for label in (str(d.year), f"{d.year}-H{1 if d.month <= 6 else 2}"):
                if label in out:
                    out[label].append(r)
    return out


def scorecards(model: Model, period: Period, rows: tuple[list[Row], list[Row], list[Row]] | None = None
               ) -> dict[str, list[Line]]:
    """Every group of every dimension for one period: {dimension: [Line, …]}. `rows`: the
    requests received, follow-ups due and meetings held in the period, if already sorted out."""
    if rows is None:
        ex, fu, mt = (_in_periods(getattr(model, name), day, {period.label})[period.label]
                      for name, day in DAYS)
    else:
        ex, fu, mt = rows
    regs = regulation_counts(model.regulations, min(period.end, model.as_of), model.as_of)
    total = (sum(n for n, _ in regs.values()), sum(n for _, n in regs.values()))
    out: dict[str, list[Line]] = {"portal": [Line(period.label, "portal", "all", model.settings.portal.name,
                                                  card(ex, fu, mt, model.as_of, total))]}
    ex_by_unit, fu_by_unit, mt_by_unit = _groups(ex, "unit"), _groups(fu, "unit"), _groups(mt, "unit")
    out["unit"] = [Line(period.label, "unit", uid, u["name"],
                        card(ex_by_unit.get(uid, []), fu_by_unit.get(uid, []), mt_by_unit.get(uid, []), model.as_of,
                             regs.get(uid, (0, 0))))
                   for uid, u in model.units.items()]
    for dim in ("field", "requester_type"):
        f = std.load("explanations").by_name[dim]
        groups = _groups(ex, dim)
        out[dim] = [Line(period.label, dim, v, f.label(v), card(groups.get(v, []), None, None, model.as_of))
                    for v in f.enum]
    return out


# Which date puts a row in a period: requests by the day received, follow-ups by their due date,
# meetings by the day held.
DAYS = (("explanations", "received_on"), ("follow_ups", "due_on"), ("meetings", "held_on"))


def once(model: Model, name: str, compute: Callable[[Model], T]) -> T:
    """compute(model), computed once per model: every unit page reads the same tables."""
    whole = getattr(model, "whole_model", None)  # a page's view of the model in incremental builds
    if whole is not None:
        model = whole()
    if name not in model.derived:
        model.derived[name] = compute(model)
    return model.derived[name]  # type: ignore[return-value]


def all_scorecards(model: Model, pieces: Reuse | None = None) -> dict[str, dict[str, list[Line]]]:
    """{period label: {dimension: [Line]}} for every period, computed once per model; with
    `pieces`, a period whose rows and units are unchanged since the last build is not computed
    again (a change touches its year and half-year only)."""
    def compute(m: Model) -> dict[str, dict[str, list[Line]]]:
        ps = periods(m)
        labels = {p.label for p in ps}
        ex, fu, mt = (_in_periods(getattr(m, name), day, labels) for name, day in DAYS)
        kept = pieces or MakeAgain()
        return {p.label: kept.get(("scorecards", p, ex[p.label], fu[p.label], mt[p.label], m.regulations, m.units,
                                   m.settings.portal.name, m.as_of),
                                  lambda p=p: scorecards(m, p, (ex[p.label], fu[p.label], mt[p.label])))
                for p in ps}

    return once(model, "scorecards", compute)


def csv_rows(model: Model) -> list[dict[str, object]]:
    """Every scorecard line of every period, as the rows of du-lieu-mo/thong-ke/scorecards.csv."""
    return [line.row() for dims in all_scorecards(model).values() for lines in dims.values() for line in lines]


CSV_FIELDS = [("period", "Kỳ", "string"), ("dimension", "Nhóm", "string"), ("key", "Mã", "string"),
              ("label", "Tên", "string")] + FIGURES


def table_schema() -> dict:
    """The Frictionless Table Schema of scorecards.csv."""
    return {"fields": [{"name": n, "title": t, "type": ty} for n, t, ty in CSV_FIELDS],
            "primaryKey": ["period", "dimension", "key"]}


def fmt(value: object) -> str:
    """A figure as Vietnamese text: decimal comma, empty for not applicable."""
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return std.cell(value, "có", "")
