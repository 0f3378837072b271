"""The words after the last BARC-10 item: an affirmation and an open question, the change since
last time when there is one, and never a cut-off or a pass or fail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions.barc10_reflection import OPEN_QUESTION, THANKS, THANKS_SOME_SKIPPED, reflection

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MARCH = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
EARLIER_THIS_MONTH = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("total", "previous", "previous_at", "expected"),
    [
        (40, None, None, f"{THANKS} {OPEN_QUESTION}"),
        (None, 38, MARCH, f"{THANKS_SOME_SKIPPED} {OPEN_QUESTION}"),
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
    assert reflection(total, previous, previous_at, NOW) == expected


@pytest.mark.parametrize("total", [10, 46, 47, 60])
@pytest.mark.parametrize("previous", [None, 10, 47, 60])
def test_no_cut_off_score_or_verdict_is_ever_shown(total: int, previous: int | None) -> None:
    text = reflection(total, previous, MARCH if previous else None, NOW).lower()

    assert "47" not in text
    assert str(total) not in text
    assert not {"pass", "fail", "cut", "threshold", "score", "remission"} & set(text.split())
