"""The closing summary quotes the person back, leaves out what they skipped, and fits SMS."""

from __future__ import annotations

import pytest

from bot.actions.checkup_summary import quote, summary


def test_a_full_summary_in_their_words() -> None:
    said = summary({
        "how": "pretty rough week tbh", "cravings": 6, "use": "none",
        "supports": "went to 2 meetings and called my sponsor",
        "went_well": "made it to work every day", "next_step": "call my sponsor on sunday",
    })  # fmt: skip

    assert said == (
        'things have been "pretty rough week tbh"; cravings were around 6 out of 10; you leaned '
        'on meetings and your sponsor; something that went well: "made it to work every day"; '
        'and your next step, in your words: "call my sponsor on sunday".'
    )
    assert "none" not in said  # use is theirs to bring up again


def test_skipped_answers_are_left_out() -> None:
    assert summary({"how": "ok", "cravings": None, "went_well": None}) == 'things have been "ok".'


def test_supports_not_on_the_list_are_quoted() -> None:
    assert summary({"supports": "my dog lol"}) == 'for support: "my dog lol".'


def test_nothing_answered() -> None:
    assert summary({}) == "you chose to keep this one short, and that's okay."


@pytest.mark.parametrize(("text", "expected"), [("  ok  ", '"ok"'), ("a" * 10, f'"{"a" * 10}"')])
def test_quote(text: str, expected: str) -> None:
    assert quote(text) == expected


def test_long_quotes_are_shortened_at_a_word() -> None:
    quoted = quote(
        "i went to a meeting every single day and also called my sponsor and my mom " * 2
    )

    assert len(quoted) <= 72
    assert quoted.endswith('..."')
