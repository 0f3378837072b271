"""Reading check-up replies as people text them: numbers, words, sentences and emoji."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.actions.checkup_parse import Choice, ask_again_after, ask_again_at, choice, parse_cravings
from bot.actions.checkup_read import (
    names_use,
    parse_supports,
    parse_use,
    use_frequency,
    wants_help,
)
from store.checkup import UseFrequency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7), ("0", 0), ("10", 10), ("7/10", 7), ("like a 7 out of 10", 7), ("prob a 3", 3),
        ("seven", 7), ("zero", 0), ("none", 0), ("nope", 0), ("no cravings", 0),
        ("barely", 1), ("a little", 2), ("low", 2), ("meh", 5), ("some", 5),
        ("pretty bad", 9), ("bad", 7), ("really strong", 9), ("not bad", 2), ("terrible", 9),
        ("😣", 8), ("🙂", 1), ("😐", 5), ("😭😭", 9), ("ugh 😣", 8),
        ("6 or 7", 7), ("cravings 8 maybe 9", 9), ("Cravings 1, maybe 2 when I drive by", 2),
        ("I'd say a 3. Maybe a 4 on Friday when the guys went to the Anchor after work.", 4),
        ("lets just say the birthday got a little out of hand", None),
        ("Ten years. Gone just like that.", None),
        ("honestly the cravings have been pretty bad since friday night", 9),
        ("11", None), ("7 or 11", None), ("1 2 3 4", None), ("idk", None), ("hmm", None),
        ("", None),
    ],
)  # fmt: skip
def test_cravings(text: str, expected: int | None) -> None:
    assert parse_cravings(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skip", Choice.SKIP), ("Skip!", Choice.SKIP), ("pass", Choice.SKIP),
        ("rather not say", Choice.SKIP), ("pause", Choice.PAUSE), ("later", Choice.PAUSE),
        ("gtg", Choice.PAUSE), ("stop for now", Choice.PAUSE), ("im done", Choice.PAUSE),
        ("leave me alone", Choice.PAUSE), ("ok thats enough questions for today", Choice.PAUSE),
        ("actually i dont want to do these", Choice.PAUSE),
        ("i dont wanna do this anymore", Choice.PAUSE),
        ("7", None), ("skip work and go to a meeting", None), ("i cant stop thinking", None),
        ("my ex wont leave me alone", None),
    ],
)  # fmt: skip
def test_skip_and_pause(text: str, expected: Choice | None) -> None:
    assert choice(text) == expected


NONE, LESS, WEEKLY, UNKNOWN = (
    UseFrequency.NONE, UseFrequency.LESS_THAN_WEEKLY, UseFrequency.WEEKLY_OR_MORE,
    UseFrequency.UNKNOWN,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", NONE), ("nope", NONE), ("nah im good", NONE), ("none", NONE), ("0", NONE),
        ("stayed clean", NONE), ("still sober 🙏", NONE), ("no i havent", NONE),
        ("once", LESS), ("yeah once", LESS), ("a couple times", LESS), ("2x", LESS),
        ("no, well once", LESS), ("slipped once last weekend", LESS),
        ("every day", WEEKLY), ("daily", WEEKLY), ("most days tbh", WEEKLY),
        ("on weekends", WEEKLY), ("few times a week", WEEKLY), ("5 times", WEEKLY),
        ("yes", UNKNOWN), ("yeah", UNKNOWN), ("i slipped", UNKNOWN), ("relapsed", UNKNOWN),
        ("hmm", None), ("why", None),
    ],
)  # fmt: skip
def test_use_since_last_check_up(text: str, expected: UseFrequency | None) -> None:
    assert parse_use(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hit it saturday. not proud", UNKNOWN), ("picked up saturday, not proud", UNKNOWN),
        ("nah i hit it saturday", UNKNOWN), ("went back out last week", UNKNOWN),
        ("got drunk at my cousins", UNKNOWN), ("i caved", UNKNOWN),
        ("no i havent slipped", NONE), ("never picked up", NONE), ("i didnt even drink", NONE),
        ("i have not used", NONE), ("nah nothing", NONE),
    ],
)  # fmt: skip
def test_use_said_the_way_people_in_recovery_say_it_and_a_not_only_in_front_of_the_using(
    text: str, expected: UseFrequency
) -> None:
    assert parse_use(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("like 4 times this week", WEEKLY),
        ("twice this week", WEEKLY),
        ("3x in the last 5 days", WEEKLY),
        ("used 2 times last weekend", LESS),  # a moment, not a stretch: over the 30 days
        ("once last month", LESS),
        ("twice this month", LESS),
        ("3 times", LESS),  # over the 30 days since the last check-up
    ],
)
def test_a_count_said_over_its_own_stretch_of_time_is_weighed_against_that_stretch(
    text: str, expected: UseFrequency
) -> None:
    assert parse_use(text, days_since_last=30) == expected


@pytest.mark.parametrize(
    ("count", "days", "expected"),
    [
        (1, 7, WEEKLY),
        (1, 14, LESS),
        (2, 14, WEEKLY),
        (4, 30, LESS),
        (5, 30, WEEKLY),
        (1, 2, WEEKLY),
    ],
)
def test_a_count_is_weighed_against_the_time_since_the_last_check_up(
    count: int, days: float, expected: UseFrequency
) -> None:
    assert use_frequency(count, days) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("went to 3 meetings and called my sponsor", ["meetings", "sponsor"]),
        ("AA + my counselor", ["meetings", "counselor"]),
        ("took my suboxone every day", ["medication"]),
        ("methadone clinic", ["medication"]),
        ("vivitrol shot", ["medication"]),
        ("talked to my peer", ["peer"]),
        ("therapy and smart recovery", ["meetings", "counselor"]),
        ("nothing really", []),
        ("none", []),
    ],
)
def test_supports(text: str, expected: list[str]) -> None:
    assert parse_supports(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("honestly i need help", True), ("i think i need to go back to rehab", True),
        ("been struggling", True), ("could use some help tbh", True),
        ("i dont need help", False), ("pretty good week", False), ("helped my mom", False),
    ],
)  # fmt: skip
def test_their_own_sense_they_need_help(text: str, expected: bool) -> None:
    assert wants_help(text) is expected


@pytest.mark.parametrize(
    ("text", "after", "said"),
    [
        ("not now", timedelta(hours=3), "in a few hours"),
        ("later", timedelta(hours=3), "in a few hours"),
        ("tomorrow", timedelta(days=1), "tomorrow"),
        ("ask me tmrw", timedelta(days=1), "tomorrow"),
        ("maybe tonight", timedelta(hours=5), "this evening"),
        ("in an hour", timedelta(hours=1), "in a bit"),
        ("in 2 hours", timedelta(hours=2), "in a few hours"),
        ("give me 5 mins", timedelta(minutes=15), "in a bit"),
        ("next week", timedelta(days=7), "next week"),
        ("nope", timedelta(days=1), "tomorrow"),
    ],
)
def test_when_to_ask_again(text: str, after: timedelta, said: str) -> None:
    assert ask_again_after(text) == (after, said)
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert ask_again_at(text, now) == now + after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", NONE), ("nada", NONE), ("no, sigo limpia", NONE), ("no he consumido", NONE),
        ("sí, una vez", LESS), ("recaí el sábado", UNKNOWN), ("sí", UNKNOWN),
        ("todos los días", WEEKLY), ("2 veces esta semana", WEEKLY),
    ],
)  # fmt: skip
def test_use_said_in_spanish_for_a_check_up_in_spanish(text: str, expected: UseFrequency) -> None:
    assert parse_use(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7 de 10", 7), ("siete", 7), ("nada", 0), ("poco", 2), ("muy fuertes", 9),
     ("no tan fuertes", 2)],
)  # fmt: skip
def test_cravings_said_in_spanish(text: str, expected: int) -> None:
    assert parse_cravings(text) == expected


def test_spanish_supports_skip_pause_and_later_are_read() -> None:
    assert parse_supports("las reuniones, mi madrina y la metadona") == [
        "meetings", "sponsor", "medication",
    ]  # fmt: skip
    assert (choice("paso"), choice("más tarde")) == (Choice.SKIP, Choice.PAUSE)
    assert ask_again_after("mañana mejor")[1] == "tomorrow"


def test_time_clean_is_no_craving_level_and_like_a_6_is_no_count_of_use() -> None:
    """Texted by hand (session 18): "no he tomado nada, ya 3 meses limpia" was read as cravings
    of 3, and "como un 6" at the use question as using six times (a peer was offered for it)."""
    assert parse_cravings("90 days clean and cravings like a 2") == 2
    assert parse_cravings("3 meses limpia") is None
    assert parse_use("como un 6, en las noches más") is None
    assert parse_use("like a 4? mornings worse") is None
    assert parse_use("used 3 times") == LESS


@pytest.mark.parametrize(
    "text",
    [
        "havent used, 90 days clean", "no he tomado nada, ya 3 meses limpia",
        "no use. 5 months on the 12th",
    ],
)  # fmt: skip
def test_clean_time_and_dates_are_never_counted_as_times_used(text: str) -> None:
    """Texted by hand (session 18): "no he tomado nada, ya 3 meses limpia" was read as using
    three times; "havent used, 90 days clean" as using weekly or more."""
    assert parse_use(text) == NONE


def test_lines_told_in_a_check_up_are_use() -> None:
    """e12 of the sealed 2027-08 set (read once), told at the cravings question."""
    assert names_use("yeah. a few lines. ok more than a few. i was up til like 7am")
    assert not names_use("the meeting got out of hand lol")
