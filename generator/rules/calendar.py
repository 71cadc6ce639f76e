"""The Vietnamese working-day calendar: weekends and public holidays from the `holidays`
package (country VN, lunar dates included), adjusted by the province's data/calendar.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Calendar:
    days_off: dict[dt.date, str] = field(default_factory=dict)  # added by the province
    working_days: dict[dt.date, str] = field(default_factory=dict)  # e.g. a Saturday worked
    confirmed_years: frozenset[int] = frozenset()
    source: str = "holidays-vn"
    # Vietnamese names ("Tết Nguyên Đán"): the site lists the days off it counted with.
    # The package's lazily filled table: not part of the calendar's value (that is the package's
    # version and the province's lists), so it is left out of comparisons and build keys.
    _public: holidays.HolidayBase = field(default_factory=lambda: holidays.country_holidays("VN", language="vi"),
                                          compare=False, repr=False)

    # The years the holidays package can compute for Viet Nam (its lunar tables end in 2100).
    first_year: int = max(holidays.VN.start_year, 1990)
    last_year: int = min(holidays.VN.end_year, 2099)

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_confirmed(self, day: dt.date) -> bool:
        return day.year in self.confirmed_years

    def holiday_name(self, day: dt.date) -> str | None:
        if day in self.working_days:
            return None
        if day in self.days_off:
            return self.days_off[day]
        return self._public.get(day)

    def is_working(self, day: dt.date) -> bool:
        if day in self.working_days:
            return True
        return day.weekday() < 5 and self.holiday_name(day) is None

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

    def days_off_in(self, year: int) -> list[tuple[dt.date, str]]:
        """Every weekday off in a year, with its name: what the site shows as 'the calendar used'."""
        day, out = dt.date(year, 1, 1), []
        while day.year == year:
            name = self.holiday_name(day)
            if name and day.weekday() < 5:
                out.append((day, name))
            day += ONE_DAY
        return out

    def province_changes_in(self, year: int) -> list[tuple[dt.date, str, str]]:
        """The province's own additions ("off") and working weekend days ("working") in a year."""
        out = [(d, "off", why) for d, why in self.days_off.items() if d.year == year]
        out += [(d, "working", why) for d, why in self.working_days.items() if d.year == year]
        return sorted(out)
