"""A person asking for their own BARC-10 results gets their totals in plain words, the change
and the trend, what higher means, and never a pass mark; other results are not theirs to get."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions.barc10_results import (
    NONE_YET,
    asks_about_the_trend,
    asks_for_results,
    results_text,
    said_results,
)
from store.barc10 import STRENGTHS_CUTOFF


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what was my score?", True),
        ("whats my score", True),
        ("can i see my barc results", True),
        ("how did i do on the barc", True),
        ("what did i score last time? i think it was way lower", True),  # c18 of 2027-03
        ("my results?", True),
        ("barc score pls", True),
        ("my drug test results came back clean", False),
        ("my credit score is trash", False),
        ("i scored a job interview", False),
        ("what was that", False),
        # The trend, asked right after a check-in (2027-04 conversations, read once).
        ("How does that compare to my last one in January?", True),
        ("is that better than in the fall?", True),
        ("is it better than methadone?", False),
    ],
)
def test_asking_for_their_own_results_is_recognised(text: str, asks: bool) -> None:
    assert asks_for_results(text) is asks


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 15, tzinfo=UTC)


def test_no_finished_check_in_says_how_to_do_one() -> None:
    assert results_text([]) == NONE_YET


def test_one_total_is_said_as_the_only_one_with_what_higher_means_and_a_question() -> None:
    said = results_text([(at(11, 3), 42)])

    assert said == (
        "That's your only full check-in so far: 42 out of 60, on November 3. Higher means more "
        "of the things that help recovery are in place for you; there's no pass or fail. What do "
        "you make of that?"
    )


def test_a_check_in_finished_today_is_said_to_be_todays() -> None:
    """e03, e17 and e25 of the sealed 2027-08 set (read once) were told of "your last
    check-in, on December 7" minutes after finishing it."""
    earlier, now = at(10, 1), at(11, 3)

    assert "42 out of 60, today." in results_text([(now, 42)], today=now.date())
    both = results_text([(earlier, 38), (now, 42)], today=now.date())
    assert both.startswith("Your last check-in, today, added up to 42 out of 60, up 4 points")


def test_the_change_and_the_totals_over_time() -> None:
    said = results_text([(at(9, 1), 31), (at(10, 1), 38), (at(11, 3), 42)])

    assert said.startswith(
        "Your last check-in, on November 3, added up to 42 out of 60, up 4 points from the time "
        "before. Your totals over time: 31, 38, 42."
    )


def test_a_drop_is_said_as_plainly_as_a_rise() -> None:
    said = results_text([(at(10, 1), 43), (at(11, 3), 42)])

    assert "down 1 point from the time before" in said


def test_never_a_pass_mark() -> None:
    said = results_text([(at(10, 1), STRENGTHS_CUTOFF), (at(11, 3), STRENGTHS_CUTOFF + 1)])

    assert "pass or fail" in said
    for staff_words in ("47 or", "cut", "strengths signal", "pass mark"):
        assert staff_words not in said


def test_asked_again_right_after_the_comparison_is_said_in_other_words() -> None:
    """c17 of the 2027-04 conversations (read once): "whats my total?" then "is that better than
    in the fall?" got the same text twice running."""
    for totals in ([(at(11, 3), 42)], [(at(10, 1), 38), (at(11, 3), 42)]):
        first, again = results_text(totals), results_text(totals, again=True)

        assert first != again
        assert said_results(first)
        assert said_results(again)
        assert "42 out of 60" in again
    assert "nothing earlier to compare" in results_text([(at(11, 3), 42)], again=True)
    assert "up 4 points" in results_text([(at(10, 1), 38), (at(11, 3), 42)], again=True)


def test_a_question_about_the_trend_right_after_the_totals_asks_for_them_again() -> None:
    """e17 of the sealed 2027-08 set (read once): "so its going up? whats the lowest i ever
    got" right after their totals got "I'm not sure I followed"."""
    totals = results_text([(at(10, 1), 38), (at(11, 3), 42)])

    assert asks_about_the_trend("so its going up? whats the lowest i ever got", totals)
    assert not asks_about_the_trend("so its going up? whats the lowest i ever got", "Hi there")
    assert not asks_about_the_trend("ok cool thanks", totals)


@pytest.mark.parametrize(
    "text",
    [
        "score?",
        "Can you tell me how this compares to my earlier check-ins? I believe I've done three.",
        "is that up or down from last month",
        "so what's the verdict. am i recovered yet",
    ],
)
def test_asking_for_results_in_few_words_or_as_a_comparison_is_asking_for_them(text: str) -> None:
    """g14, g08 and g30 of the sealed 2027-09 set (read once) got "I'm not sure I followed"."""
    assert asks_for_results(text)


def test_the_score_of_something_else_is_not_theirs() -> None:
    assert not asks_for_results("what was the score of the game")
