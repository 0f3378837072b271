"""`warmline enroll FILE.csv`: a program's people leaving its care, enrolled for check-ups.

Every row is checked first and each bad row named with why (by line and column, never by its
values). A file with any bad row imports nothing, unless `--import-good-rows` says to import
the rest; `--check` only checks. People already enrolled are recognised and left as they are.
Exit status: 0 when every row was good, 1 when some were bad, 2 when the file could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from checkins.enroll import Enrolled, Result, enroll
from checkins.enrollment_csv import CheckedFile, CsvFileError, Rules, read_enrollment_csv
from checkins.plans import PlanError, load_plans
from core.clock import utcnow
from core.settings import Settings
from store import roster
from store.db import Database
from store.migrate import upgrade

ACTOR = "enroll-cli"  # the audit actor; the console will record the staff member instead


class EnrollError(Exception):
    """The file or the plans could not be used: nothing was imported."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    enroll_command = commands.add_parser(
        "enroll", help="enroll people from a program's CSV (checked first; see --help)"
    )
    enroll_command.add_argument("file", type=Path, help="the CSV, with a header row")
    enroll_command.add_argument(
        "--timezone", help="the program's IANA zone, for rows without one (America/Chicago)"
    )
    enroll_command.add_argument(
        "--region", default="US", help="where national phone numbers are from (default US)"
    )
    mode = enroll_command.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="check the file; import nothing")
    mode.add_argument(
        "--import-good-rows", action="store_true", help="import the good rows despite bad ones"
    )


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up when called: a test or a pipe may have replaced it
    try:
        text = args.file.read_text(encoding="utf-8")
        plans = load_plans()
    except (OSError, UnicodeDecodeError) as error:
        raise EnrollError(f"cannot read {args.file.name}: {type(error).__name__}") from error
    except PlanError as error:
        raise EnrollError(str(error)) from error
    # The roster as the console keeps it (a peer an admin took off it gets no new people).
    upgrade(settings.app_database_url)
    db = Database(settings.app_database_url)
    try:
        with db.transaction() as session:
            peers = roster.assignable(session, settings.roster, utcnow())
        rules = Rules(plans, peers, utcnow().date(), args.timezone, args.region.upper())
        try:
            checked = read_enrollment_csv(text, rules)
        except CsvFileError as error:
            raise EnrollError(f"{args.file.name}: {error}") from error
        _report_bad(checked, out)
        if args.check or (checked.bad and not args.import_good_rows):
            verb = "checked" if args.check else "nothing imported: fix the rows above, or pass"
            tail = "" if args.check else " --import-good-rows to import the good ones"
            print(f"{len(checked.rows)} good rows, {len(checked.bad)} bad; {verb}{tail}", file=out)
            return 1 if checked.bad else 0
        with db.transaction() as session:
            enrolled = enroll(session, checked.rows, plans, ACTOR, utcnow())
    finally:
        db.dispose()
    _report_enrolled(enrolled, out)
    return 1 if checked.bad else 0


def _report_bad(checked: CheckedFile, out: TextIO) -> None:
    for bad in checked.bad:
        print(f"line {bad.line}: {'; '.join(bad.problems)}", file=out)


def _report_enrolled(enrolled: list[Enrolled], out: TextIO) -> None:
    for each in enrolled:
        link = f"; Telegram start code {each.telegram_code}" if each.telegram_code else ""
        print(
            f"line {each.line}: {each.result} (participant {each.participant_id}){link}", file=out
        )
    new = sum(each.result is Result.ENROLLED for each in enrolled)
    print(f"{new} enrolled, {len(enrolled) - new} already enrolled", file=out)
