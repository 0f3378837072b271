"""`warmline report [--month YYYY-MM] [--site S] [--plan P] [--csv]`: the program report for
funders and program staff, as a text table or CSV. Counts only, never a person's data."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from core.clock import utcnow
from core.settings import Settings
from outcomes.render import to_csv, to_text
from outcomes.report import program_report, targets_of
from outcomes.scope import month_scope
from store.db import Database
from store.migrate import upgrade


class ReportError(Exception):
    """The report could not be made as asked (a month that is not YYYY-MM)."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="the program report by month, site and plan (table, or --csv)"
    )
    report.add_argument("--month", help="a calendar month, YYYY-MM (UTC); default: all so far")
    report.add_argument("--site", help="only people enrolled at this site")
    report.add_argument("--plan", help="only people on this plan")
    report.add_argument("--csv", action="store_true", help="CSV (section, measure, value...)")


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up when called: a test or a pipe may have replaced it
    now = utcnow()
    try:
        scope = month_scope(args.month, now, args.site, args.plan)
    except ValueError as error:
        raise ReportError(str(error)) from error
    upgrade(settings.app_database_url)
    db = Database(settings.app_database_url)
    try:
        with db.transaction() as session:
            report = program_report(session, scope, targets_of(settings), now)
    finally:
        db.dispose()
    out.write(to_csv(report) if args.csv else to_text(report))
    return 0
