"""Deadlines in calendars: an iCalendar feed (RFC 5545) of the open deadlines of each unit and of
the whole portal, for staff and reviewers to subscribe to in their phone's calendar.

  don-vi/<unit>/lich-han.ics    one unit
  nguon-tin/lich-han.ics        the whole portal

Open deadlines: accepting a request not yet accepted (accept_due_on), answering an accepted or
extended request (answer_due_on), carrying out a commitment not done or cancelled (due_on), and
sending a scheduled periodic report not yet sent (compliance.reports_status). An overdue one
stays until it is met: it is still to do. Each is an all-day event on its date in Vietnam
(Asia/Ho_Chi_Minh; records carry dates only).

A calendar application updates an event it already holds by its UID, so the UID is fixed per
record and kind of deadline. Nothing comes from the clock of the build (tests/test_reproducible.py):
- DTSTAMP: the build's as-of date (midnight in Vietnam, in UTC), the date the feed speaks for;
- SEQUENCE: how far the record has gone through its life, counted from its data: the steps of
  the legal clock it has passed (accepted, extended, suspended, resumed) plus its changes after
  publication (model/history.py). Both only grow as a record moves on, so an event that moves
  (an extension, a correction) comes with a higher SEQUENCE;
- LAST-MODIFIED: the record's last change after publication, else its latest step, else its
  first publication (left out when none is known); for a scheduled report, the start of its
  period (the schedule, not a record, sets it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from ..model import compliance
from ..model.model import Model, Row
from ..pages.page import label, vi_date

UNIT_CALENDAR = "don-vi/{}/lich-han.ics"
PORTAL_CALENDAR = "nguon-tin/lich-han.ics"
TZ = "Asia/Ho_Chi_Minh"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
STEPS = ("accepted_on", "extended_on", "suspended_on", "resumed_on")  # the clock's steps, in order
DAY = dt.timedelta(days=1)
OVERDUE_KEPT = 365


@dataclass(frozen=True)
class Deadline:
    uid: str  # stable per record and kind of deadline
    unit: str
    on: dt.date
    summary: str
    description: str
    page: str  # the page of the record on the portal ("" for none)
    sequence: int
    modified: dt.date | None


def calendar_path(unit: str | None) -> str:
    return UNIT_CALENDAR.format(unit) if unit else PORTAL_CALENDAR


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), VIETNAM).astimezone(dt.UTC)


def _history(model: Model, resource: str, rid: str) -> tuple[int, dt.date | None]:
    """How many times a record changed after publication, and its last change (or first publication)."""
    h = model.history.records.get((resource, rid))
    if h is None:
        return 0, None
    return len(h.changes), (h.changes[-1].on if h.changes else h.first)


def _explanation(model: Model, r: Row) -> Deadline | None:
    if r["status"] not in ("received", "accepted", "extended"):
        return None
    steps = [r[s] for s in STEPS if r.get(s)]
    changes, changed_on = _history(model, "explanations", r["id"])
    modified = max([d for d in (*steps, changed_on, r["received_on"]) if d and d <= model.as_of], default=None)
    unit = model.units[r["unit"]]["name"]
    what = f"{unit}. Mã tra cứu: {r['id']}. Trạng thái: {label('explanations', 'status', r['status'])}."
    if r["status"] == "received" and r.get("accept_due_on"):
        return Deadline(f"giai-trinh-{r['id']}-tiep-nhan", r["unit"], r["accept_due_on"],
                        f"Hạn tiếp nhận yêu cầu giải trình: {r['subject']}",
                        f"{what} Nhận ngày {vi_date(r['received_on'])}.", f"giai-trinh/{r['id']}/",
                        len(steps) + changes, modified)
    if r["status"] in ("accepted", "extended") and r.get("answer_due_on"):
        return Deadline(f"giai-trinh-{r['id']}-tra-loi", r["unit"], r["answer_due_on"],
                        f"Hạn giải trình: {r['subject']}",
                        f"{what} Tiếp nhận ngày {vi_date(r.get('accepted_on'))}.", f"giai-trinh/{r['id']}/",
                        len(steps) + changes, modified)
    return None


def _follow_up(model: Model, f: Row) -> Deadline | None:
    if f["status"] in ("done", "cancelled") or not f.get("due_on"):
        return None
    changes, changed_on = _history(model, "follow_ups", f["id"])
    unit = model.units[f["unit"]]["name"]
    return Deadline(f"theo-doi-{f['id']}-thuc-hien", f["unit"], f["due_on"],
                    f"Hạn thực hiện cam kết: {_short(f['commitment'])}",
                    f"{unit}. Mã: {f['id']}. Trạng thái: {label('follow_ups', 'status', f['status'])}.",
                    f"theo-doi/{f['id']}/", changes, changed_on if changed_on and changed_on <= model.as_of else None)


def _short(text: str, limit: int = 90) -> str:
    """A long text cut at a word before `limit` characters, marked with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _reports(model: Model) -> Iterable[Deadline]:
    for due in compliance.reports_status(model):
        if due.state not in ("not_due", "missing"):
            continue
        level = compliance.LEVEL_TITLES[due.level]
        yield Deadline(f"bao-cao-{due.unit}-{due.period.label}-{due.level}", due.unit, due.due_on,
                       f"Hạn gửi {level.lower()} kỳ {due.period.title}",
                       f"{model.units[due.unit]['name']}. Chưa gửi báo cáo.",
                       f"don-vi/{due.unit}/bao-cao/", 0, due.period.start)


def deadlines(model: Model) -> list[Deadline]:
    """Every open deadline of the portal (overdue ones of the last OVERDUE_KEPT days), by date, then UID."""
    out = [d for r in model.explanations if (d := _explanation(model, r))]
    out += [d for f in model.follow_ups if (d := _follow_up(model, f))]
    out += _reports(model)
    since = model.as_of - OVERDUE_KEPT * DAY
    return sorted((d for d in out if d.on >= since), key=lambda d: (d.on, d.uid))


def _event(model: Model, d: Deadline, stamp: dt.datetime, domain: str) -> bytes:
    """One VEVENT, made by the icalendar library once, then put in the unit's and the portal's calendar."""
    e = Event()
    e.add("uid", f"{d.uid}@{domain}")
    e.add("dtstamp", stamp)
    e.add("dtstart", d.on)
    e.add("dtend", d.on + DAY)
    e.add("summary", d.summary)
    e.add("description", d.description + ("" if d.on >= model.as_of else " Đã quá hạn."))
    e.add("sequence", d.sequence)
    if d.modified:
        e.add("last-modified", _utc(d.modified))
    if model.settings.portal.base_url and d.page:
        e.add("url", model.settings.portal.base_url + d.page)
    e.add("transp", "TRANSPARENT")
    return e.to_ical()


def ical(title: str, events: list[bytes]) -> bytes:
    """One iCalendar document of the given events."""
    cal = Calendar()
    cal.add("prodid", "-//Giai trinh mo//Lich han//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", TZ)
    cal.add("x-published-ttl", "PT12H")
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return b"".join([head, *events, b"END:VCALENDAR", end])


def files(model: Model) -> dict[str, bytes]:
    """The portal's calendar and one per unit (every unit, even without open deadlines)."""
    portal = model.settings.portal
    domain = portal.base_url.split("//", 1)[-1].split("/", 1)[0] or "giai-trinh-mo"
    stamp = _utc(model.as_of)
    every: list[bytes] = []
    by_unit: dict[str, list[bytes]] = {uid: [] for uid in model.units}
    for d in deadlines(model):
        event = _event(model, d, stamp, domain)
        every.append(event)
        by_unit[d.unit].append(event)
    out = {PORTAL_CALENDAR: ical(f"{portal.name}: hạn xử lý", every)}
    for uid, u in model.units.items():
        out[calendar_path(uid)] = ical(f"{u['name']}: hạn xử lý", by_unit[uid])
    return out

