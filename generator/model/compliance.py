"""Plans and reports compliance: who filed an implementation plan and whether by its
deadline, how far the plans' tasks have come, and each unit's periodic report against the
reporting schedule in data/portal.yaml (`reporting_schedule`), as of the build date.

Who must report: every unit with a parent sends a unit report ("unit" level); every unit that
is the parent of another consolidates ("consolidated" level). The deadline is the schedule's
month-day in the period's year (or the next year when that month-day comes before the period
starts, e.g. an H2 report due 01-10). The schedule applies from the first period any unit has
reported on: a portal does not mark reports missing for periods before it existed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import schema as std
from .model import Model, Row
from .stats import Period, once, parse_period

REPORT_STATES = {"on_time": "Đúng hạn", "late": "Trễ hạn", "missing": "Chưa gửi, đã quá hạn",
                 "not_due": "Chưa đến hạn"}
LEVEL_TITLES = {"unit": "Báo cáo của đơn vị", "consolidated": "Báo cáo tổng hợp"}


@dataclass(frozen=True)
class ReportDue:
    unit: str
    level: str
    period: Period
    due_on: dt.date
    report: Row | None
    state: str  # on_time | late | missing | not_due

    @property
    def days_late(self) -> int | None:
        """Days after the deadline a late report was sent (None otherwise)."""
        if self.state == "late" and self.report:
            return (self.report["submitted_on"] - self.due_on).days
        return None

    def row(self) -> dict[str, object]:
        r = self.report or {}
        return {"unit": self.unit, "period": self.period.label, "level": self.level, "due_on": self.due_on,
                "report": r.get("id"), "submitted_on": r.get("submitted_on"), "state": self.state}


def due_date(period: Period, month_day: str) -> dt.date:
    month, day = (int(x) for x in month_day.split("-"))
    due = dt.date(period.start.year, month, day)
    return due if due >= period.start or period.kind == "year" else dt.date(period.start.year + 1, month, day)


def expected_levels(model: Model) -> dict[str, list[str]]:
    parents = {u.get("parent") for u in model.units.values() if u.get("parent")}
    return {uid: [lvl for lvl, needed in (("unit", bool(u.get("parent"))), ("consolidated", uid in parents)) if needed]
            for uid, u in model.units.items()}


def schedule(model: Model) -> list[tuple[Period, str, dt.date]]:
    """(period, level, due date) of every scheduled report from the first reported period to the build year."""
    items = model.settings.portal.reporting_schedule
    reported = {r["period"] for r in model.reports}
    first_year = min((int(p[:4]) for p in reported), default=model.as_of.year)
    out = []
    for year in range(first_year, model.as_of.year + 1):
        for item in items:
            label = str(year) if item["period"] == "year" else f"{year}-{item['period']}"
            period = parse_period(label)
            out.append((period, item["level"], due_date(period, str(item["due"]))))
    firsts = [due for period, _, due in out if period.label in reported]
    start = min(firsts, default=dt.date(model.as_of.year, 1, 1))
    return sorted((p, lvl, due) for p, lvl, due in out if due >= start)


def reports_status(model: Model) -> list[ReportDue]:
    """Every expected report of every unit, marked on time, late, missing or not yet due."""
    return once(model, "reports_status", _reports_status)


def _reports_status(model: Model) -> list[ReportDue]:
    by_key: dict[tuple[str, str, str], Row] = {}
    for r in sorted(model.reports, key=lambda r: (r.get("submitted_on") or dt.date.max, r["id"])):
        by_key.setdefault((r["unit"], str(r["period"]), r["level"]), r)
    levels = expected_levels(model)
    out = []
    for period, level, due in schedule(model):
        for uid in model.units:
            if level not in levels[uid]:
                continue
            report = by_key.get((uid, period.label, level))
            submitted = report.get("submitted_on") if report else None
            if submitted:
                state = "on_time" if submitted <= due else "late"
            else:
                state = "missing" if model.as_of > due else "not_due"
            out.append(ReportDue(uid, level, period, due, report if submitted else None, state))
    return out


def task_rollup(tasks: list[Row], as_of: dt.date) -> dict[str, object]:
    """Counts by status, overdue tasks and the mean progress (a done task without a figure counts 100 %)."""
    live = [t for t in tasks if t["status"] != "cancelled"]
    progress = [t["progress"] if t.get("progress") is not None else (100 if t["status"] == "done" else 0)
                for t in live]
    return {
        "tasks": len(tasks),
        "done": sum(t["status"] == "done" for t in tasks),
        "in_progress": sum(t["status"] == "in_progress" for t in tasks),
        "not_started": sum(t["status"] == "not_started" for t in tasks),
        "cancelled": len(tasks) - len(live),
        "overdue": sum(bool(t.get("due_on")) and t["due_on"] < as_of and t["status"] != "done" for t in live),
        "mean_progress": round(sum(progress) / len(progress)) if progress else None,
    }


def plan_filed(plan: Row) -> str:
    """on_time / late / no_deadline: whether the plan was issued by its own deadline."""
    if not plan.get("due_on"):
        return "no_deadline"
    return "on_time" if plan["issued_on"] <= plan["due_on"] else "late"


PLAN_STATES = {"on_time": "Ban hành đúng hạn", "late": "Ban hành chậm", "no_deadline": "Không ghi hạn",
               "missing": "Chưa công bố kế hoạch"}


def plans_status(model: Model) -> list[dict[str, object]]:
    """One row per unit: its plans (with filing state and task roll-up) and the tasks it leads."""
    return once(model, "plans_status", _plans_status)


def _plans_status(model: Model) -> list[dict[str, object]]:
    plans_by_unit: dict[str, list[Row]] = {}
    for p in model.plans:
        plans_by_unit.setdefault(p["unit"], []).append(p)
    tasks_led: dict[str, list[Row]] = {}
    for p in model.plans:
        for t in p["tasks"]:
            tasks_led.setdefault(t["lead_unit"], []).append({**t, "plan_number": p["number"]})
    rows = []
    for uid in model.units:
        plans = [{"plan": p, "state": plan_filed(p), **task_rollup(p["tasks"], model.as_of)}
                 for p in plans_by_unit.get(uid, [])]
        rows.append({"unit": uid, "plans": plans, "state": plans[0]["state"] if plans else "missing",
                     "led": task_rollup(tasks_led.get(uid, []), model.as_of), "led_tasks": tasks_led.get(uid, [])})
    return rows


def csv_plan_rows(model: Model) -> list[dict[str, object]]:
    out = []
    for row in plans_status(model):
        led = row["led"]
        base = {"unit": row["unit"], "led_tasks": led["tasks"], "led_done": led["done"], "led_overdue": led["overdue"],
                "led_mean_progress": led["mean_progress"]}
        if not row["plans"]:
            out.append({**base, "plan": None, "issued_on": None, "due_on": None, "state": "missing",
                        "tasks": None, "done": None, "overdue": None, "mean_progress": None})
        for p in row["plans"]:
            out.append({**base, "plan": p["plan"]["id"], "issued_on": p["plan"]["issued_on"],
                        "due_on": p["plan"].get("due_on"), "state": p["state"], "tasks": p["tasks"],
                        "done": p["done"], "overdue": p["overdue"], "mean_progress": p["mean_progress"]})
    return out


REPORT_SCHEMA = std.table("report_compliance")  # its enums are the keys of LEVEL_TITLES and REPORT_STATES
PLAN_SCHEMA = std.table("plan_compliance")  # its state enum: the keys of PLAN_STATES
