"""A craving told outside the check-up is heard as strong or quiet, and what was, or happens in
general, is no craving now."""

from __future__ import annotations

import pytest

from bot.actions.context_reply import reply_for
from bot.actions.cravings import CRAVING_LOW, CRAVING_STRONG, RESPONSES, craving_heard
from tests.bot.test_context_reply import RESPONSES as DOMAIN
from tests.bot.test_context_reply import said


@pytest.mark.parametrize(
    "text",
    [
        "Cravings about a eight maybe nine",  # e24 of the sealed 2027-07 set, read once
        "cravings 8",
        "want a drink so bad rn",
        "im craving so bad tonight",
        "my urges are through the roof",
        "cravings were bad this week",
    ],
)
def test_a_strong_craving_is_heard_as_strong(text: str) -> None:
    assert craving_heard(text) == CRAVING_STRONG


@pytest.mark.parametrize("text", ["no cravings this week", "cravings are low", "craving like 3"])
def test_a_quiet_spell_is_heard_as_quiet(text: str) -> None:
    assert craving_heard(text) == CRAVING_LOW


@pytest.mark.parametrize(
    "text",
    [
        "when i get cravings i call my sponsor",
        "i used to crave it every day",
        "i have 8 days",
        "craving 10 days ago",
        "how are you",
    ],
)
def test_no_craving_now_is_none(text: str) -> None:
    assert craving_heard(text) is None


def test_a_craving_is_answered_whatever_was_asked_before() -> None:
    asked = said("What's been helping?")
    assert reply_for("nlu_fallback", "Cravings about a eight maybe nine", asked) == CRAVING_STRONG


def test_every_craving_reply_has_words_in_the_domain() -> None:
    assert all(DOMAIN.get(name) for name in RESPONSES)
