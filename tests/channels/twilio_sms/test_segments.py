"""Segments counted as a sender's rate counts them."""

from __future__ import annotations

import pytest

from channels.twilio_sms.segments import segments


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("{" * 80, 1),  # extension characters take two septets each
        ("{" * 81, 2),
        ("é" * 160, 1),  # é is in GSM-7
        ("ü" * 70 + "🙂", 2),  # one emoji: UCS-2, and the emoji counts twice
        ("ō" * 70, 1),
        ("ō" * 71, 2),
        ("ō" * 135, 3),
    ],
)
def test_segments(body: str, expected: int) -> None:
    assert segments(body) == expected
