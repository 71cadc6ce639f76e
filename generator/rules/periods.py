"""Reporting periods (a year, or a half-year: 2026, 2026-H1, 2026-H2): what a periodic report
covers, what a scorecard counts, and what a report record names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..problems import Problem

PERIOD_RE = re.compile(r"^(\d{4})(?:-H([12]))?$")


class PeriodError(ValueError):
    """A period label that does not parse; the message names it, in Vietnamese."""

    def __init__(self, label: str):
        self.label = label
        super().__init__(Problem("", 0, "reporting-period", value=label).message())


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @property
    def kind(self) -> str:
        return "year" if "-" not in self.label else self.label[-2:]

    @property
    def title(self) -> str:
        year = self.start.year
        return {"year": f"Năm {year}", "H1": f"6 tháng đầu năm {year}", "H2": f"6 tháng cuối năm {year}"}[self.kind]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def parse_period(label: str) -> Period:
    m = PERIOD_RE.match(str(label).strip())
    if not m or not 1990 <= int(m.group(1)) <= 2099:
        raise PeriodError(str(label))
    year, half = int(m.group(1)), m.group(2)
    if half == "1":
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}-H1")
    if half == "2":
        return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}-H2")
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
