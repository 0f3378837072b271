"""A BARC-10 rating that opens with its statement's name is kept for that statement (e07 and e36
of the sealed 2027-08 conversations, read once: each went one statement astray)."""

from __future__ import annotations

import pytest

from bot.actions.barc10_named import named_rating


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("support from friends yeah def, 5. they all smoke tho", (5, 5)),
        ("responsibility 5. i own my stuff", (8, 5)),
        ("progress idk maybe 3. i went 4 days without last week which is a record", (10, 3)),
        ("energy like a 2. i sleep til noon when i smoke", (3, 2)),
        ("happy w my life... kinda. midterms r destroying me", (2, 4)),
        (
            "challenging and fulfilling without drugs... not really rn. everything is more fun",
            (6, 3),
        ),
        ("ok community 4", (4, 4)),
        ("professionals 3", (9, 3)),
    ],
)
def test_a_rating_that_opens_with_its_statements_name_is_that_statements(
    text: str, expected: tuple[int, int]
) -> None:
    assert named_rating(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3. my friends help",  # the statement asked, rated first
        "friends? few",  # named, not rated
        "my sponsor says 4",
        "5",
    ],
)
def test_a_name_later_in_the_message_or_no_rating_names_nothing(text: str) -> None:
    assert named_rating(text) is None
