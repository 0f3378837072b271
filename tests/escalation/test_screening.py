"""Screening fails towards a human, and the crisis lines always carry 988."""

from __future__ import annotations

from collections.abc import Sequence

from escalation.levels import Level, Screening
from escalation.responses import HOLDING_REPLY
from escalation.screening import screen_safely


def test_a_screener_that_raises_rates_the_message_a_concern() -> None:
    def broken(text: str, recent: Sequence[str] = ()) -> Screening:
        raise ValueError("bad pattern")

    assert screen_safely(broken, "hi") == Screening(Level.CONCERN, ("screening-failed",))


def test_a_working_screener_is_passed_through() -> None:
    flagged = Screening(Level.CRISIS, ("suicidal-ideation",))

    assert screen_safely(lambda text, recent=(): flagged, "hi") == flagged


def test_holding_reply_gives_988_and_911() -> None:
    assert ("988" in HOLDING_REPLY, "911" in HOLDING_REPLY) == (True, True)


def test_levels_are_ordered_by_danger() -> None:
    assert sorted(Level, reverse=True) == [Level.EMERGENCY, Level.CRISIS, Level.CONCERN, Level.NONE]
    assert Level.EMERGENCY.label == "emergency"
