"""A program's enrollment CSV: every row checked first, each bad row named by line and column
with every reason, never by its values; good rows normalised (E.164, zone, window)."""

from __future__ import annotations

from datetime import date, time

import pytest

from checkins.enrollment_csv import CsvFileError, EnrollmentRow, Rules, read_enrollment_csv

TODAY = date(2026, 12, 4)
RULES = Rules(
    plans={"standard", "rmc_quarterly"},
    peers={"alex", "sam"},
    today=TODAY,
    default_timezone="America/Chicago",
)
HEADER = (
    "external_id,display_name,phone,telegram,discharge_date,timezone,contact_window,plan,site,peer,"
    "language"
)


def read(*rows: str, rules: Rules = RULES) -> tuple[list[EnrollmentRow], dict[int, str]]:
    checked = read_enrollment_csv("\n".join((HEADER, *rows)) + "\n", rules)
    return list(checked.rows), {bad.line: "; ".join(bad.problems) for bad in checked.bad}


def test_a_good_row_is_normalised() -> None:
    rows, bad = read("P-1,Dana,(312) 555-0142,yes,11/30/2026,,9:30-19:00,standard,North,alex")

    assert bad == {}
    [row] = rows
    assert (
        row
        == read_enrollment_csv(
            f"{HEADER}\nP-1,Dana,+1 312 555 0142,Y,2026-11-30,America/Chicago,09:30-19:00,"
            "standard,North,alex\n",
            RULES,
        ).rows[0]
    )
    assert (row.phone, row.telegram, row.discharge_date) == (
        "+13125550142",
        True,
        date(2026, 11, 30),
    )
    assert (row.timezone, row.window, row.line) == ("America/Chicago", (time(9, 30), time(19)), 2)


def test_empty_optional_cells_take_their_defaults() -> None:
    rows, bad = read("P-2,,+44 20 7946 0958,,2026-12-10,Europe/London,,rmc_quarterly,,")

    assert bad == {}
    [row] = rows
    assert (row.display_name, row.site, row.peer, row.telegram) == (None, None, None, False)
    assert row.window == (time(9), time(20))
    assert row.phone == "+442079460958"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (",Dana,312-555-0142,,2026-11-30,,,standard,,", "external_id: empty"),
        ("P,Dana,312-555-01,,2026-11-30,,,standard,,", "phone: not a valid number"),
        ("P,Dana,call me,,2026-11-30,,,standard,,", "phone: not a phone number"),
        ("P,Dana,,,2026-11-30,,,standard,,", "neither given"),
        ("P,Dana,,maybe,2026-11-30,,,standard,,", "telegram: expected yes or no"),
        ("P,Dana,312-555-0142,,30/11/2026,,,standard,,", "discharge_date: not a date"),
        ("P,Dana,312-555-0142,,,,,standard,,", "discharge_date: empty"),
        ("P,Dana,312-555-0142,,2025-11-30,,,standard,,", "more than a year ago"),
        ("P,Dana,312-555-0142,,2027-11-30,,,standard,,", "more than 90 days ahead"),
        ("P,Dana,312-555-0142,,2026-11-30,Mars/Olympus,,standard,,", "timezone: not a time zone"),
        ("P,Dana,312-555-0142,,2026-11-30,,9-5,standard,,", "contact_window: expected HH:MM-HH:MM"),
        ("P,Dana,312-555-0142,,2026-11-30,,25:00-26:00,standard,,", "contact_window: expected"),
        ("P,Dana,312-555-0142,,2026-11-30,,20:00-09:00,standard,,", "start before it ends"),
        ("P,Dana,312-555-0142,,2026-11-30,,09:00-10:00,standard,,", "2 hours or more"),
        ("P,Dana,312-555-0142,,2026-11-30,,,weekly,,", "plan: not one of rmc_quarterly, standard"),
        ("P,Dana,312-555-0142,,2026-11-30,,,standard,,casey", "peer: not on the roster"),
        ("P,Dana,312-555-0142,,2026-11-30,,,standard,,,fr", "language: expected en or es"),
        (
            "P," + "D" * 81 + ",312-555-0142,,2026-11-30,,,standard,,",
            "display_name: longer than 80",
        ),
        ("P,Dana,312-555-0142,,2026-11-30,,,standard,,,extra,x", "more cells than the header"),
    ],
)
def test_each_kind_of_bad_row_is_named_by_line_and_why(row: str, problem: str) -> None:
    rows, bad = read(row)

    assert rows == []
    assert list(bad) == [2]
    assert problem in bad[2]


def test_a_row_with_several_problems_names_them_all_and_never_its_values() -> None:
    _, bad = read("P-9,Dana Q,555-01,,31/31/2026,Mars/Olympus,late,weekly,,casey")

    assert bad[2].count(";") == 5  # phone, date, plan, peer, zone, window
    for value in ("Dana", "555-01", "31/31", "Mars", "late", "weekly", "casey"):
        assert value not in bad[2]


def test_without_a_default_zone_a_row_without_one_is_refused() -> None:
    rules = Rules(RULES.plans, RULES.peers, TODAY, default_timezone=None)

    _, bad = read("P-3,,312-555-0142,,2026-11-30,,,standard,,", rules=rules)

    assert "timezone: empty, and no default zone was given" in bad[2]


def test_a_person_named_twice_in_one_file_is_refused_on_the_later_line() -> None:
    rows, bad = read(
        "P-1,,312-555-0142,,2026-11-30,,,standard,,",
        "P-2,,+1 (312) 555-0142,,2026-11-30,,,standard,,",
        "P-1,,312-555-0199,,2026-11-30,,,standard,,",
    )

    assert [row.line for row in rows] == [2]
    assert bad == {3: "phone: the same as on line 2", 4: "external_id: the same as on line 2"}


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    rows, bad = read("", "P-1,,312-555-0142,,2026-11-30,,,standard,,", ",,,,,,,,,")

    assert [row.line for row in rows] == [3]
    assert bad == {}


def test_a_spreadsheet_byte_order_mark_is_ignored() -> None:
    text = f"\ufeff{HEADER}\nP-1,,312-555-0142,,2026-11-30,,,standard,,\n"

    assert len(read_enrollment_csv(text, RULES).rows) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "the file is empty"),
        ("external_id,phone,plan\n", "missing column(s): discharge_date"),
        (
            "external_id,phone,dischage_date,discharge_date,plan\n",
            "unknown column(s): dischage_date",
        ),
        ("external_id,discharge_date,plan\n", "a phone or a telegram column is needed"),
    ],
)
def test_a_file_whose_header_is_wrong_is_refused_whole(text: str, problem: str) -> None:
    with pytest.raises(CsvFileError) as raised:
        read_enrollment_csv(text, RULES)

    assert problem in str(raised.value)


def test_a_peer_is_found_on_the_roster_whatever_the_case_and_named_as_it_spells_them() -> None:
    rows, bad = read("P-1,Dana,312-555-0142,,2026-11-30,,,standard,, Alex ")

    assert bad == {}
    assert rows[0].peer == "alex"


def test_a_peer_not_on_the_roster_is_refused_naming_who_is() -> None:
    _, bad = read("P-1,Dana,312-555-0142,,2026-11-30,,,standard,,casey")

    assert "peer: not on the roster (on it: alex, sam)" in bad[2]
