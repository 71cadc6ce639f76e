"""The legal clock: deadlines, status and timeliness of an explanation request, by the rules
in force on the day it was received (data/rules.yaml) and the working-day calendar.

Counting follows the Civil Code, Art. 147-148: the day of the event is not counted, and a
period whose last day is a day off ends at the close of the next working day.

- accept_due_on: `accept_working_days` working days after the day received (a working-day
  count always ends on a working day, so it never rolls).
- original deadline: `answer_days` after the acceptance notice (calendar days under Decree
  59/2019; working days if the rule says so), rolled forward if it ends on a day off. An
  extension must be notified by then (`extension-too-late`).
- answer_due_on: the *period* is lengthened, not the rolled date: acceptance + answer_days
  + extension_days + suspended days, then rolled forward ONCE at the end. The extension
  makes the period longer ("gia hạn thời hạn giải trình"), and the day-off rule applies to
  the end of the whole period; rolling the original end first and extending from there
  would give the body a second roll (e.g. past Tết) that the law does not grant.
- suspended days = resumed_on − suspended_on: the days after the suspension notice up to and
  including the day of resumption do not count. While a suspension is open there is no
  deadline (answer_due_on is empty and the request is "pending").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import Calendar

DAY = dt.timedelta(days=1)
OPEN = ("received", "accepted", "extended", "suspended")


@dataclass(frozen=True)
class Rule:
    id: str
    effective_from: dt.date
    title: str
    basis: str
    accept_working_days: int
    answer_days: int
    answer_day_kind: str  # "calendar" or "working"
    extension_max_days: int
    max_extensions: int
    sources: tuple[tuple[str, str], ...] = ()  # (id in legal-sources.yaml, article)
    note: str = ""
    verified: bool = True  # False: kept while the law that changed it is being verified


def rule_for(rules: list[Rule], received_on: dt.date) -> Rule | None:
    """The rule in force on the day the request was received (rules sorted by effective_from)."""
    current = None
    for rule in rules:
        if rule.effective_from <= received_on:
            current = rule
    return current


def status(r: dict) -> str:
    if r.get("terminated_on"):
        return "terminated"
    if r.get("refused_on"):
        return "refused"
    if r.get("answered_on"):
        return "answered"
    if r.get("suspended_on") and not r.get("resumed_on"):
        return "suspended"
    if r.get("extended_on"):
        return "extended"
    if r.get("accepted_on"):
        return "accepted"
    return "received"


def _period_end(accepted: dt.date, rule: Rule, cal: Calendar) -> dt.date:
    """The last day of the answer period before any roll-forward."""
    if rule.answer_day_kind == "working":
        return cal.add_working_days(accepted, rule.answer_days)
    return accepted + rule.answer_days * DAY


def original_due(r: dict, rule: Rule, cal: Calendar) -> dt.date | None:
    """The deadline before any extension or suspension: the last day to notify an extension."""
    if not r.get("accepted_on"):
        return None
    return cal.roll_forward(_period_end(r["accepted_on"], rule, cal))


def due_before_suspension(r: dict, rule: Rule, cal: Calendar) -> dt.date | None:
    """The deadline with any extension but without suspended time: a suspension must start by then."""
    if not r.get("accepted_on"):
        return None
    end = _period_end(r["accepted_on"], rule, cal)
    if r.get("extended_on") and r.get("extension_days"):
        end += int(r["extension_days"]) * DAY
    return cal.roll_forward(end)


def answer_due(r: dict, rule: Rule, cal: Calendar) -> dt.date | None:
    """The explanation deadline: from acceptance, plus any extension and suspended time."""
    accepted = r.get("accepted_on")
    if not accepted:
        return None
    end = _period_end(accepted, rule, cal)
    if r.get("extended_on") and r.get("extension_days"):
        end += int(r["extension_days"]) * DAY
    if r.get("suspended_on"):
        if not r.get("resumed_on"):
            return None  # the clock is stopped: no deadline while suspended
        end += (r["resumed_on"] - r["suspended_on"]).days * DAY
    return cal.roll_forward(end)


def compute(r: dict, rule: Rule, cal: Calendar, as_of: dt.date) -> dict:
    """The computed fields of one explanation record (a dict of typed values)."""
    accept_due = cal.add_working_days(r["received_on"], rule.accept_working_days)
    due = answer_due(r, rule, cal)
    st = status(r)
    late_accept = bool(r.get("accepted_on") and r["accepted_on"] > accept_due)
    if st == "refused":
        timeliness = "on_time" if r["refused_on"] <= accept_due else "late"
    elif st == "answered":
        timeliness = "on_time" if due and r["answered_on"] <= due and not late_accept else "late"
    elif st == "terminated":
        if r.get("accepted_on") and due is None:  # terminated while suspended: the clock had stopped
            timeliness = "late" if late_accept else "on_time"
        else:
            limit = due or accept_due
            timeliness = "on_time" if r["terminated_on"] <= limit and not late_accept else "late"
    elif st == "suspended":
        timeliness = "pending"
    else:
        limit = due if r.get("accepted_on") else accept_due
        timeliness = "overdue" if as_of > limit else "pending"
    days = (r["answered_on"] - r["received_on"]).days if r.get("answered_on") else None
    return {"accept_due_on": accept_due, "answer_due_on": due, "status": st,
            "timeliness": timeliness, "days_to_answer": days, "rule": rule.id}


WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def _d(day: dt.date) -> str:
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


def _holidays_between(cal: Calendar, start: dt.date, end: dt.date) -> str:
    """The weekdays off strictly after start up to end, grouped by their basis (e.g. the five days
    of Tết and the notice that set them), and the weekend days worked, for the page that shows the
    count: a reader can check each skipped day against its source."""
    groups: dict[tuple[str, str], list[dt.date]] = {}
    worked, day = [], start + DAY
    while day <= end:
        off = cal.day_off(day)
        if off and day.weekday() < 5:
            groups.setdefault((off.name, off.basis()), []).append(day)
        elif day.weekday() >= 5 and cal.is_working(day):
            worked.append(f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m} ({cal.working_days[day].name}; "
                          f"căn cứ: {cal.working_days[day].basis()})")
        day += DAY
    skipped = [f"{', '.join(f'{d:%d/%m}' for d in days)} ({name}; căn cứ: {basis})"
               for (name, basis), days in groups.items()]
    text = "; ngày nghỉ không tính: " + "; ".join(skipped) if skipped else ""
    return text + ("; ngày làm việc bù được tính: " + "; ".join(worked) if worked else "")


def explain(r: dict, rule: Rule, cal: Calendar) -> list[str]:
    """The count behind each computed deadline, in Vietnamese, so a reader can check it by hand."""
    steps = []
    accept_due = cal.add_working_days(r["received_on"], rule.accept_working_days)
    steps.append(f"Hạn tiếp nhận: không tính ngày nhận ({_d(r['received_on'])}), đếm {rule.accept_working_days} "
                 f"ngày làm việc, trừ thứ Bảy, Chủ nhật và ngày nghỉ lễ → {_d(accept_due)}"
                 f"{_holidays_between(cal, r['received_on'], accept_due)}.")
    if not r.get("accepted_on"):
        return steps
    unit = "ngày làm việc" if rule.answer_day_kind == "working" else "ngày"
    end = _period_end(r["accepted_on"], rule, cal)
    parts = [f"ngày thông báo tiếp nhận {r['accepted_on']:%d/%m/%Y} + {rule.answer_days} {unit}"]
    if r.get("extended_on") and r.get("extension_days"):
        end += int(r["extension_days"]) * DAY
        parts.append(f"{r['extension_days']} ngày gia hạn")
    if r.get("suspended_on"):
        if not r.get("resumed_on"):
            steps.append(f"Hạn giải trình: tạm đình chỉ từ {_d(r['suspended_on'])}, thời hạn ngừng tính cho đến "
                         "khi tiếp tục giải trình.")
            return steps
        stopped = (r["resumed_on"] - r["suspended_on"]).days
        end += stopped * DAY
        parts.append(f"{stopped} ngày tạm đình chỉ ({r['suspended_on']:%d/%m} – {r['resumed_on']:%d/%m})")
    due = cal.roll_forward(end)
    text = f"Hạn giải trình: {' + '.join(parts)} = {_d(end)}"
    if due != end:
        text += (f", là ngày nghỉ nên hết hạn vào ngày làm việc tiếp theo, {_d(due)}"
                 f"{_holidays_between(cal, end - DAY, due - DAY)}")
    steps.append(text + ".")
    return steps
