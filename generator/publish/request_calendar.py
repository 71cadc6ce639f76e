"""The legal clock for the request form (yeu-cau-giai-trinh/lich-lam-viec.json): the working-day
calendar the build counts with and the dated rules, for the browser to compute from today the
deadlines a unit will have once it receives a request (site_templates/assets/yeu-cau.js).

Not a second calendar: every day from 1 January of the data's year to the end of the year after
next is asked of `Calendar.is_working`, and only the exceptions go out: the weekdays that are not
worked (with their name) and the weekend days that are. The script treats every other weekday as
worked and every other weekend day as off, which is the build's calendar, day for day, over the
range; it says so when today's count runs past the range or into a year not confirmed.
About 1 KB a year, one file for the whole portal."""

from __future__ import annotations

import datetime as dt
import json

from ..model.model import Model
from ..pages.ask import CALENDAR_PATH
from ..rules.calendar import ONE_DAY

PATH = CALENDAR_PATH
YEARS_AHEAD = 2


def calendar_data(model: Model) -> dict:
    cal = model.settings.calendar
    start = dt.date(model.as_of.year, 1, 1)
    end = dt.date(min(model.as_of.year + YEARS_AHEAD, cal.last_year), 12, 31)
    off, worked, day = {}, {}, start
    while day <= end:
        working = cal.is_working(day)
        if day.weekday() < 5 and not working:
            off[day.isoformat()] = cal.holiday_name(day) or ""
        elif day.weekday() >= 5 and working:
            worked[day.isoformat()] = cal.working_days[day].name
        day += ONE_DAY
    rules = [{"id": r.id, "title": r.title, "basis": r.basis, "effective_from": r.effective_from.isoformat(),
              "accept_working_days": r.accept_working_days, "answer_days": r.answer_days,
              "answer_day_kind": r.answer_day_kind, "extension_max_days": r.extension_max_days,
              "max_extensions": r.max_extensions, "verified": r.verified}
             for r in sorted(model.settings.rules, key=lambda r: r.effective_from)]
    return {"from": start.isoformat(), "to": end.isoformat(), "as_of": model.as_of.isoformat(),
            "confirmed_years": sorted(y for y in cal.confirmed_years if start.year <= y <= end.year),
            "off": off, "worked": worked, "rules": rules}


def files(model: Model) -> dict[str, bytes]:
    text = json.dumps(calendar_data(model), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {PATH: text.encode("utf-8")}
