"""The long-format answer files: one row per answer, the identified one with study ids and the
person's words, the de-identified one with none of those, its people as keyed pseudonyms and its
times as days after discharge."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import string
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from outcomes.answers import Answer, Kind, Person, Response, Status, responses
from outcomes.exports import (
    ANSWER_COLUMNS,
    DEIDENTIFIED_COLUMNS,
    answers_csv,
    day_after_discharge,
    deidentified_csv,
    pseudonym,
)
from store.db import Database
from tests.outcomes.conftest import NAMES

KEY = b"k" * 32


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def found(db: Database) -> list[Response]:
    with db.transaction() as session:
        return responses(session)


def test_the_answers_file_has_one_row_per_answer_with_the_study_id(program: Database) -> None:
    made = rows(answers_csv(found(program)))
    averys = [row for row in made if row["study_id"] == "P-1"]

    assert list(made[0]) == list(ANSWER_COLUMNS)
    # Three BARC-10 check-ins of ten items, and a check-up of five answers.
    assert len(averys) == 3 * 10 + 5
    assert averys[12] == {
        "study_id": "P-1", "event": "barc10", "event_number": "2", "item": "3",
        "status": "skipped", "value": "", "text": "", "answered_at": "2026-11-15T12:00:00+00:00",
    }  # fmt: skip


def test_the_answers_file_keeps_check_up_words_and_what_was_read_from_them(
    program: Database,
) -> None:
    checkup = [row for row in rows(answers_csv(found(program))) if row["event"] == "checkup"]
    averys = {row["item"]: row for row in checkup if row["study_id"] == "P-1"}

    assert averys["how"]["text"] == "ROUGH WEEK HONESTLY"
    assert (averys["cravings"]["value"], averys["cravings"]["status"]) == ("7", "answered")
    assert averys["use"]["status"] == "unclear"  # kept as they said it, never guessed
    assert averys["supports"]["value"] == "meetings;sponsor"
    assert (averys["went_well"]["status"], averys["went_well"]["text"]) == ("skipped", "")


def test_the_deidentified_file_has_pseudonyms_days_and_codes_only(program: Database) -> None:
    made = deidentified_csv(found(program), KEY)
    checkup = [row for row in rows(made) if row["event"] == "checkup"]

    assert list(rows(made)[0]) == list(DEIDENTIFIED_COLUMNS)
    assert {row["day"] for row in checkup} == {"3", "6"}  # Blake answered on day 6
    assert {row["item"]: row["value"] for row in checkup} == {
        "how": "", "cravings": "7", "use": "", "supports": "meetings;sponsor", "went_well": "",
    }  # fmt: skip
    for private in ("ROUGH", "SPONSOR AND NA", "P-1", "312555", *NAMES):
        assert private not in made


def test_pseudonyms_are_stable_under_one_key_and_differ_under_another() -> None:
    expected = hmac.new(KEY, b"17", hashlib.sha256).hexdigest()

    assert pseudonym(KEY, 17) == pseudonym(KEY, 17) == expected
    assert pseudonym(b"j" * 32, 17) != expected
    assert pseudonym(KEY, 18) != expected


def test_days_are_counted_from_discharge_by_the_calendar_of_the_persons_zone() -> None:
    person = Person(1, "P-1", date(2026, 11, 2), "America/Chicago")
    late_evening = datetime(2026, 11, 3, 3, tzinfo=UTC)  # 21:00 on 2 November in Chicago

    answer = Answer("1", 4, None, late_evening, Status.ANSWERED)

    assert day_after_discharge(person, answer) == 0


SHOUTED = st.text(alphabet=string.ascii_uppercase + " ", min_size=6, max_size=40).filter(
    lambda words: len(words.strip()) >= 6
)  # upper case: nothing else in the file is, so any trace of it would show
PHONES = st.integers(2_000_000_000, 9_999_999_999).map(lambda n: f"+1{n}")
ITEMS = st.sampled_from(["how", "cravings", "use", "use_often", "supports", "went_well"])
VALUES = st.one_of(
    st.none(), st.integers(-5, 15), SHOUTED, st.lists(SHOUTED, max_size=2),
    st.sampled_from(["none", "weekly_or_more"]), st.lists(st.sampled_from(["peer", "sponsor"])),
)  # fmt: skip
CELL = re.compile(r"^([0-9]+|[a-z_]+(;[a-z_]+)*|)$")


@st.composite
def generated(draw: st.DrawFn) -> tuple[Response, list[str]]:
    """A check-up of generated answers, and the private strings it carries."""
    study_id, words, number = draw(SHOUTED), draw(SHOUTED), draw(PHONES)
    person = Person(draw(st.integers(1, 10_000)), study_id, date(2026, 11, 2), "UTC")
    at = datetime(2026, 11, 2, tzinfo=UTC) + timedelta(hours=draw(st.integers(0, 2000)))
    answers = tuple(
        Answer(item, draw(VALUES), f"{words} {number}", at, draw(st.sampled_from(Status)))
        for item in draw(st.lists(ITEMS, min_size=1, max_size=6, unique=True))
    )
    response = Response(Kind.CHECKUP, 1, 1, person, at, at, None, answers)
    return response, [study_id.strip(), words.strip(), number, number[2:]]


@settings(max_examples=200, deadline=None)
@given(generated())
def test_the_deidentified_file_never_carries_names_numbers_or_free_text(
    made: tuple[Response, list[str]],
) -> None:
    response, private = made

    text = deidentified_csv([response], KEY)

    assert not any(each in text for each in private)
    for row in rows(text):
        assert CELL.match(row["value"]), row["value"]  # a score, a number, or codes
