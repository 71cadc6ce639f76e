"""The Vietnamese working-day calendar: weekends, and the days off that data/calendar.yaml gives a
legal basis for.

The `holidays` package (country VN) knows the lunar dates and many swaps, but it is not a legal
source: a day it lists counts as a day off only when calendar.yaml confirms it with a source (or
when it is one of the fixed dates of `standing`, which the Labour Code sets for every year). A
package day without a basis is shown on the calendar page as "chưa xác nhận" and not counted; a
package day that calendar.yaml removes is shown with the reason and not counted either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Day:
    """One entry of calendar.yaml: what the day is and on what basis."""

    name: str
    source: str = ""  # id in data/legal-sources.yaml
    article: str = ""
    cite: str = ""  # the citation as the pages show it ("Điều 112 Bộ luật 45/2019/QH14 …"), set by settings
    line: int = 0  # where calendar.yaml says so, for messages

    def basis(self) -> str:
        return self.cite or "chưa có căn cứ"


@dataclass
class Calendar:
    days_off: dict[dt.date, Day] = field(default_factory=dict)  # confirmed or added days off
    working_days: dict[dt.date, Day] = field(default_factory=dict)  # e.g. a Saturday worked
    removed: dict[dt.date, Day] = field(default_factory=dict)  # package days that do not count
    standing: dict[tuple[int, int], Day] = field(default_factory=dict)  # (month, day) off every year by law
    confirmed_years: frozenset[int] = frozenset()
    source: str = "holidays-vn"
    # The package's lazily filled table (names and dates to be confirmed): not part of the
    # calendar's value, so it is left out of comparisons and build keys.
    _public: holidays.HolidayBase = field(default_factory=lambda: holidays.country_holidays("VN", language="vi"),
                                          compare=False, repr=False)

    # The years the holidays package can compute for Viet Nam (its lunar tables end in 2100).
    first_year: int = max(holidays.VN.start_year, 1990)
    last_year: int = min(holidays.VN.end_year, 2099)

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_confirmed(self, day: dt.date) -> bool:
        return day.year in self.confirmed_years

    def package_name(self, day: dt.date) -> str | None:
        return self._public.get(day)

    def day_off(self, day: dt.date) -> Day | None:
        """The basis on which `day` is off, or None when it is not a counted day off."""
        if day in self.working_days:
            return None
        if day in self.days_off:
            return self.days_off[day]
        if day in self.removed:
            return None
        return self.standing.get((day.month, day.day))

    def holiday_name(self, day: dt.date) -> str | None:
        off = self.day_off(day)
        return off.name if off else None

    def is_working(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and self.day_off(day) is None

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The day `count` working days after `start` (the day of the event is not counted)."""
        day = start
        while count > 0:
            day += ONE_DAY
            if self.is_working(day):
                count -= 1
        return day

    def roll_forward(self, day: dt.date) -> dt.date:
        """A period that ends on a day off ends at the close of the next working day."""
        while not self.is_working(day):
            day += ONE_DAY
        return day

    def year_rows(self, year: int) -> list[tuple[dt.date, str, str, Day | None]]:
        """What the calendar page lists for a year: every weekday off or proposed off and every
        weekend day worked, as (day, status, name, basis). Status: "off" (counted), "working"
        (a weekend day worked), "removed" (a package day calendar.yaml does not count) or
        "unconfirmed" (a package day without a basis: not counted)."""
        rows = []
        day = dt.date(year, 1, 1)
        while day.year == year:
            package = self.package_name(day)
            if day in self.working_days:
                rows.append((day, "working", self.working_days[day].name, self.working_days[day]))
            elif day.weekday() < 5:
                off = self.day_off(day)
                if off:
                    rows.append((day, "off", off.name or package or "", off))
                elif day in self.removed:
                    rows.append((day, "removed", package or self.removed[day].name, self.removed[day]))
                elif package:
                    rows.append((day, "unconfirmed", package, None))
            day += ONE_DAY
        return rows

    def unsourced(self, year: int) -> list[tuple[dt.date, str, int]]:
        """The days of a year that have no legal basis: entries without a source, and package
        weekdays that calendar.yaml neither confirms nor removes. A year can be confirmed only
        when this is empty. Each as (day, name, line in calendar.yaml or 0)."""
        out = [(d, e.name, e.line) for table in (self.days_off, self.working_days)
               for d, e in table.items() if d.year == year and not e.source]
        out += [(d, name, 0) for d, status, name, _ in self.year_rows(year) if status == "unconfirmed"]
        return sorted(out)
