"""What the report page shows, gathered from outcomes/ (which computes every figure; nothing is
counted again here): the month's report as render's lines by section, the months before it for
the trend, and the sites and plans a program can choose from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.report_charts import MonthFigures
from core.settings import Settings
from outcomes import render
from outcomes.reach import checkup_figures, enrollment_figures
from outcomes.report import ProgramReport, program_report, targets_of
from outcomes.scope import Scope, month_scope
from store.enrollment_models import Enrollment

TREND_MONTHS = 6  # the chosen month and the five before it


class BadChoice(ValueError):
    """A month, site or plan the page cannot report on; the message says which and why."""


@dataclass(frozen=True)
class Section:
    name: str
    lines: list[render.Line]


@dataclass(frozen=True)
class ReportView:
    report: ProgramReport
    sections: list[Section]
    trend: list[MonthFigures]


def sites(session: Session) -> list[str]:
    found = session.scalars(select(Enrollment.site).distinct().where(Enrollment.site.is_not(None)))
    return sorted(site for site in found if site)


def scope_of(
    month: str, site: str, plan: str, known: tuple[list[str], list[str]], now: datetime
) -> Scope:
    """The scope asked for, or BadChoice: a month as YYYY-MM (empty: everything so far), and a
    site and plan among the known ones (empty: all)."""
    known_sites, known_plans = known
    if site and site not in known_sites:
        raise BadChoice(f"no enrolled person is at site {site!r}")
    if plan and plan not in known_plans:
        raise BadChoice(f"no plan is called {plan!r}")
    try:
        scope = month_scope(month or None, now, site or None, plan or None)
    except ValueError as error:
        raise BadChoice(str(error)) from error
    if scope.start is not None and scope.start > now:
        raise BadChoice(f"{month} has not begun yet")
    return scope


def sections(report: ProgramReport) -> list[Section]:
    """render's lines grouped by section, in its order: the page shows what the CLI prints."""
    grouped: list[Section] = []
    for line in render.lines(report):
        if not grouped or grouped[-1].name != line.section:
            grouped.append(Section(line.section, []))
        grouped[-1].lines.append(line)
    return grouped


def previous_months(month: str, count: int) -> list[str]:
    year, number = int(month[:4]), int(month[5:7])
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{number:02d}")
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    return months[::-1]


def month_figures(session: Session, scope: Scope) -> MonthFigures:
    enrolled, checkups = enrollment_figures(session, scope), checkup_figures(session, scope)
    month = scope.start.strftime("%Y-%m") if scope.start else ""
    return MonthFigures(month, enrolled.enrolled, checkups.sent, checkups.answered)


def report_view(session: Session, scope: Scope, settings: Settings, now: datetime) -> ReportView:
    report = program_report(session, scope, targets_of(settings), now)
    last = scope.start if scope.start is not None else now
    trend = [
        month_figures(session, month_scope(month, now, scope.site, scope.plan))
        for month in previous_months(last.strftime("%Y-%m"), TREND_MONTHS)
    ]
    return ReportView(report, sections(report), trend)
