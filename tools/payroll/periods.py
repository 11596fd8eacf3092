"""Payroll periods are half months (1–15, 16–end); each posts the day after it closes."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

BOGOTA = ZoneInfo("America/Bogota")


@dataclass(frozen=True)
class Period:
    """A closed payroll half-month."""

    start: date
    end: date

    @property
    def key(self) -> str:
        """'2025-03-1' for 1–15 March, '2025-03-2' for 16–31 March (unique per company)."""
        half = 1 if self.start.day == 1 else 2
        return f"{self.start.year}-{self.start.month:02d}-{half}"

    @property
    def posting_date(self) -> date:
        """The day after the period closes: the 16th or the 1st."""
        return self.end + timedelta(days=1)


def last_closed_period(today: date) -> Period:
    """The latest half-month that ended before `today`."""
    if today.day >= 16:
        return Period(today.replace(day=1), today.replace(day=15))
    prev_end = today.replace(day=1) - timedelta(days=1)
    return Period(prev_end.replace(day=16), prev_end)


def next_posting_date(today: date) -> date:
    """The next 1st or 16th on or after `today`."""
    if today.day == 1 or today.day == 16:
        return today
    if today.day < 16:
        return today.replace(day=16)
    days = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=days) + timedelta(days=1)


def bogota_today(now: datetime) -> date:
    """The calendar date in Colombia at the instant `now` (aware)."""
    return now.astimezone(BOGOTA).date()
