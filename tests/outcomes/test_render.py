"""The report as staff and funders read it: a table with counts beside every share, and a CSV
with the numbers unformatted."""

from __future__ import annotations

import csv
import io

from outcomes.render import CSV_COLUMNS, to_csv, to_text
from outcomes.report import program_report
from outcomes.scope import month_scope
from store.db import Database
from tests.outcomes.conftest import NOW
from tests.outcomes.programs import TARGETS


def rendered(db: Database) -> tuple[str, str]:
    with db.transaction() as session:
        made = program_report(session, month_scope("2026-11", NOW, "North"), TARGETS, NOW)
    return to_text(made), to_csv(made)


def test_the_table_shows_each_share_with_its_count_and_denominator(program: Database) -> None:
    table, _ = rendered(program)

    assert table.startswith("Program report: 2026-11, site North\n")
    assert "invited -> consented" in table
    assert "1 of 3 (33%)" in table
    assert "47 or more at latest: a strengths signal for staff, not a pass mark" in table


def test_the_csv_keeps_numbers_unformatted(program: Database) -> None:
    _, made = rendered(program)
    rows = list(csv.reader(io.StringIO(made)))

    assert tuple(rows[0]) == CSV_COLUMNS
    assert ["Enrollment", "invited -> consented", "1", "3", "0.3333"] in rows
    assert ["BARC-10 (10-60)", "mean change, first to latest (points)", "4.0", "", ""] in rows


def test_nothing_in_the_report_names_a_person(program: Database) -> None:
    table, made = rendered(program)

    for name in ("Avery", "Blake", "Casey", "P-1", "312555"):
        assert name not in table + made
