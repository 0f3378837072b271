"""SMS text shaping: GSM-7 look-alikes and word-boundary splitting."""

from __future__ import annotations

import pytest

from channels.twilio_sms.text import MAX_BODY_CHARS, gsm7_friendly, split_on_words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I\u2019m doing ok", "I'm doing ok"),
        ("\u2018one day\u2019 at a time", "'one day' at a time"),
        ("she said \u201chi\u201d", 'she said "hi"'),
        ("call\u00a0988", "call 988"),
        ("9\u20135 today", "9-5 today"),
        ("wait\u2014really", "wait-really"),
        ("hmm\u2026", "hmm..."),
        ("zero\u200bwidth", "zerowidth"),
        ("proud of you \U0001f4aa", "proud of you \U0001f4aa"),  # no look-alike: left alone
        ("plain text stays", "plain text stays"),
    ],
)
def test_typographic_characters_become_gsm7_lookalikes(raw: str, expected: str) -> None:
    assert gsm7_friendly(raw) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, ["short"]),
        ("one two three", 7, ["one two", "three"]),
        ("one two three", 8, ["one two", "three"]),
        ("one\ntwo three", 5, ["one", "two", "three"]),
        ("abcdefghij klm", 4, ["abcd", "efgh", "ij", "klm"]),  # an overlong word is cut
        ("  padded  ", 10, ["padded"]),
    ],
)
def test_text_splits_on_word_boundaries(text: str, limit: int, expected: list[str]) -> None:
    assert split_on_words(text, limit) == expected


def test_long_text_parts_fit_twilio_and_keep_every_word() -> None:
    text = " ".join(f"word{n}" for n in range(1000))

    parts = split_on_words(text)

    assert [len(p) <= MAX_BODY_CHARS for p in parts] == [True] * len(parts)
    assert " ".join(parts) == text
