"""What a report covers: a calendar month (UTC) or everything so far, and a site and a plan.

The report counts a program's enrolled people only: the study ids, discharge dates, sites and
plans are theirs. Someone who texts the warmline without being enrolled is not in any program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, select

from store.enrollment_models import Enrollment

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Scope:
    start: datetime | None  # None: from the first enrollment
    end: datetime  # exclusive: the month's end, or now
    site: str | None = None
    plan: str | None = None

    @property
    def label(self) -> str:
        when = self.start.strftime("%Y-%m") if self.start else f"to {self.end:%Y-%m-%d %H:%M} UTC"
        where = [f"site {self.site}"] * bool(self.site) + [f"plan {self.plan}"] * bool(self.plan)
        return ", ".join([when, *where]) if where else when

    def holds(self, moment: datetime | None) -> bool:
        """Whether a moment falls in the period."""
        if moment is None:
            return False
        return (self.start is None or moment >= self.start) and moment < self.end

    def holds_day(self, day: date) -> bool:
        """Whether a calendar day (a discharge date) falls in the period."""
        if self.start is None:
            return day <= self.end.date()
        return self.start.date() <= day < self.end.date()


def month_scope(
    month: str | None, now: datetime, site: str | None = None, plan: str | None = None
) -> Scope:
    """The scope of `warmline report --month YYYY-MM`; without a month, everything to now."""
    if month is None:
        return Scope(None, now, site, plan)
    found = _MONTH.match(month)
    if found is None or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"not a month: {month!r} (give YYYY-MM, like 2026-11)")
    year, number = int(found[1]), int(found[2])
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    return Scope(start, end, site, plan)


def enrolled(scope: Scope) -> Select[int]:
    """The participant ids of the people the report is about (enrolled, at the site and plan)."""
    query = select(Enrollment.participant_id)
    if scope.site is not None:
        query = query.where(Enrollment.site == scope.site)
    if scope.plan is not None:
        query = query.where(Enrollment.plan == scope.plan)
    return query
