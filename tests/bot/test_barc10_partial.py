"""A person asking for their BARC-10 results after leaving statements out hears what is true:
which statements they answered, that a total needs all ten, and how their agreement moved on
the ones answered both times; never a filled-in item, a made-up total or a pass mark."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.actions.barc10_partial import ALL_SKIPPED, NO_TOTAL, item_labels, partial_text
from bot.actions.barc10_results import QUESTION
from store.barc10 import STRENGTHS_CUTOFF, Finished


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 15, tzinfo=UTC)


def checkin(month: int, day: int, *scores: int | None) -> Finished:
    answers = dict(enumerate(scores, 1))
    total = None if None in scores else sum(s or 0 for s in scores)
    return Finished(at(month, day), total, answers)


def test_every_statement_has_a_plain_label() -> None:
    assert sorted(item_labels()) == list(range(1, 11))
    assert item_labels()[5] == "support from friends"


def test_a_few_answered_are_named_with_no_total_and_no_trend_the_first_time() -> None:
    said = partial_text(checkin(11, 3, 5, None, None, None, 4, None, None, None, None, None), [])

    assert said == (
        "In your last check-in, on November 3, you answered 2 of the ten statements: the ones "
        f"about what matters to you more than using and support from friends. {NO_TOTAL} "
        f"{QUESTION}"
    )


def test_most_answered_are_named_by_what_was_left_out() -> None:
    said = partial_text(checkin(11, 3, 5, 4, 4, 4, 4, 4, None, 4, 4, 4), [])

    assert "you answered 9 of the ten statements, all but the one about your living space." in said


def test_the_trend_is_on_the_statements_answered_both_times_only() -> None:
    before = checkin(9, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, None)
    latest = checkin(11, 3, 6, 3, None, 4, 4, 4, 4, 4, 4, 5)

    said = partial_text(latest, [before])

    assert (
        "Compared with September 2, you agreed more with the one about what matters to you "
        "more than using, less with the one about being happy with your life, and about the "
        "same with the other 6."
    ) in said
    assert "progress" not in said.split("Compared")[1]  # not answered in September
    assert "full total" not in said  # September left one out too


def test_the_last_full_total_is_said_as_that_days_total_without_a_pass_mark() -> None:
    full = checkin(9, 2, *[STRENGTHS_CUTOFF // 10 + 1] * 9, STRENGTHS_CUTOFF % 10 + 4)
    latest = checkin(11, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, None)

    said = partial_text(latest, [full])

    assert f"Your last full total, on September 2, was {full.total} out of 60." in said
    assert "there's no pass or fail" in said
    for staff_words in ("47", "cut", "strengths", "pass mark", "remission"):
        assert staff_words not in said.replace(f"{full.total} out of", "")


def test_all_ten_left_out_says_so_plainly() -> None:
    said = partial_text(checkin(11, 3, *[None] * 10), [])

    assert said == f"In your last check-in, on November 3, {ALL_SKIPPED} {QUESTION}"
