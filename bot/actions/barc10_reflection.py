"""What the assistant says after the last BARC-10 item, in MI style: pure, no I/O.

An affirmation, a reflection and an open question: the reflection is of the change, when there
is an earlier total to compare with, else of how many statements they agreed with. Never a
score, a score band, a cut-off or a pass or fail: those are for staff.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.actions.miti import Tag, tag

THANKS = "Thank you for going through all ten - taking stock like this takes honesty."
THANKS_SOME_SKIPPED = "Thank you for going through these - it's fine to leave some out."
OPEN_QUESTION = "Which of those statements feels most true for you right now?"
PAUSED = (
    "Sounds like that's enough for now - let's stop here. I've kept your answers so far - text "
    '"barc" whenever you\'d like to pick up where we left off.'
)

AGREE = 4  # 4 somewhat agree, 5 agree, 6 strongly agree
MOST_AGREED = "You agreed with most of them."
FEW_AGREED = "A lot of them don't feel true for you right now."
SOME_AGREED = "Some of them fit where you are right now, and some don't."

# MITI 4.2 codes of each reflection, in the order its parts are said. Feeding back the person's
# own ratings (how many they agreed with, or the change) is a simple reflection; "may have felt
# harder" guesses at meaning, so the drop is a complex one. Thanking them is an affirmation.
PAUSED_TAG = tag("simple_reflection", "give_information")  # "pause", said back
SOME_SKIPPED_TAG = tag("affirm", "emphasize_autonomy", "simple_reflection", "open_question")
ALL_SKIPPED_TAG = tag("affirm", "emphasize_autonomy", "open_question")  # nothing to say back
FIRST_TIME_TAG = tag("affirm", "simple_reflection", "open_question")
UP_OR_SAME_TAG = tag("affirm", "simple_reflection", "open_question")
DOWN_TAG = tag("affirm", "complex_reflection", "open_question")
REFLECTION_TAGS = (ALL_SKIPPED_TAG, SOME_SKIPPED_TAG, FIRST_TIME_TAG, UP_OR_SAME_TAG, DOWN_TAG)


def _when(previous_at: datetime, now: datetime) -> tuple[str, str]:
    """("March", "in March"), or ("last time", "last time") within the same month."""
    if (previous_at.year, previous_at.month) == (now.year, now.month):
        return "last time", "last time"
    month = previous_at.strftime("%B")
    return month, f"in {month}"


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def change_reflection(total: int, previous_total: int, previous_at: datetime, now: datetime) -> str:
    since, then = _when(previous_at, now)
    change = total - previous_total
    if change > 0:
        return f"That's up {_points(change)} since {since} - what do you think helped?"
    if change < 0:
        return (
            f"That's {_points(-change)} lower than {then}, so things may have felt harder "
            "lately. What's been weighing on you most?"
        )
    return f"That's about where you were {then}. What's been helping you hold steady?"


def agreement_reflection(scores: Mapping[int, int | None]) -> str:
    """How many of the statements they agreed with, in words: most, some, or few of those they
    answered (skipped ones are not counted either way); "" when they answered none."""
    answered = [score for score in scores.values() if score is not None]
    if not answered:
        return ""
    agreed = sum(score >= AGREE for score in answered)
    if agreed * 10 >= len(answered) * 7:
        return MOST_AGREED
    return FEW_AGREED if agreed * 10 <= len(answered) * 3 else SOME_AGREED


def reflection(
    total: int | None,
    previous_total: int | None,
    previous_at: datetime | None,
    now: datetime,
    scores: Mapping[int, int | None],
) -> str:
    if total is None:
        said_back = agreement_reflection(scores)
        return " ".join(part for part in (THANKS_SOME_SKIPPED, said_back, OPEN_QUESTION) if part)
    if previous_total is None or previous_at is None:
        return f"{THANKS} {agreement_reflection(scores)} {OPEN_QUESTION}"
    return f"{THANKS} {change_reflection(total, previous_total, previous_at, now)}"


def reflection_tag(
    total: int | None,
    previous_total: int | None,
    previous_at: datetime | None,
    scores: Mapping[int, int | None],
) -> Tag:
    """The MITI codes of what `reflection` says for the same answers."""
    if total is None:
        return SOME_SKIPPED_TAG if agreement_reflection(scores) else ALL_SKIPPED_TAG
    if previous_total is None or previous_at is None:
        return FIRST_TIME_TAG
    return DOWN_TAG if total < previous_total else UP_OR_SAME_TAG
