"""The words after the last BARC-10 item: an affirmation, a reflection of the change since last
time when there is one (else of how many statements they agreed with) and an open question, and
never a score, a cut-off or a pass or fail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions.barc10_reflection import (
    FEW_AGREED,
    MOST_AGREED,
    OPEN_QUESTION,
    SOME_AGREED,
    THANKS,
    THANKS_SOME_SKIPPED,
    agreement_reflection,
    reflection,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MARCH = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
EARLIER_THIS_MONTH = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
AGREED = {n: 5 for n in range(1, 11)}
SKIPPED_ONE = {**AGREED, 4: None}


@pytest.mark.parametrize(
    ("total", "previous", "previous_at", "expected"),
    [
        (40, None, None, f"{THANKS} {MOST_AGREED} {OPEN_QUESTION}"),
        (None, 38, MARCH, f"{THANKS_SOME_SKIPPED} {MOST_AGREED} {OPEN_QUESTION}"),
        (44, 38, MARCH, f"{THANKS} That's up 6 points since March - what do you think helped?"),
        (39, 38, MARCH, f"{THANKS} That's up 1 point since March - what do you think helped?"),
        (
            41,
            40,
            EARLIER_THIS_MONTH,
            f"{THANKS} That's up 1 point since last time - what do you think helped?",
        ),
        (
            34,
            38,
            MARCH,
            f"{THANKS} That's 4 points lower than in March, so things may have felt harder "
            "lately. What's been weighing on you most?",
        ),
        (
            38,
            38,
            MARCH,
            f"{THANKS} That's about where you were in March. What's been helping you hold steady?",
        ),
    ],
)
def test_the_reflection(
    total: int | None, previous: int | None, previous_at: datetime | None, expected: str
) -> None:
    scores = AGREED if total is not None else SKIPPED_ONE
    assert reflection(total, previous, previous_at, NOW, scores) == expected


@pytest.mark.parametrize(
    ("scores", "said"),
    [
        ([5, 6, 4, 4, 5, 6, 4, 3, 2, 5], MOST_AGREED),  # 8 of 10 at "somewhat agree" or more
        ([4, 4, 4, 4, 4, 3, 3, 3, 3, 3], SOME_AGREED),
        ([1, 2, 3, 4, 3, 2, 1, 2, 3, 3], FEW_AGREED),
        ([6, None, None, None, None, None, None, None, None, 1], SOME_AGREED),  # of those answered
    ],
)
def test_the_reflection_says_back_how_many_they_agreed_with(
    scores: list[int | None], said: str
) -> None:
    assert agreement_reflection(dict(enumerate(scores, 1))) == said


def test_all_skipped_has_nothing_to_say_back() -> None:
    assert agreement_reflection(dict.fromkeys(range(1, 11))) == ""
    text = reflection(None, None, None, NOW, dict.fromkeys(range(1, 11)))
    assert text == f"{THANKS_SOME_SKIPPED} {OPEN_QUESTION}"


@pytest.mark.parametrize("total", [10, 46, 47, 60])
@pytest.mark.parametrize("previous", [None, 10, 47, 60])
def test_no_cut_off_score_or_verdict_is_ever_shown(total: int, previous: int | None) -> None:
    text = reflection(total, previous, MARCH if previous else None, NOW, AGREED).lower()

    assert "47" not in text
    assert str(total) not in text
    assert not {"pass", "fail", "cut", "threshold", "score", "remission"} & set(text.split())
