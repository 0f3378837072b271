"""What a person is told at once when their message opens a concern."""

from __future__ import annotations

from datetime import timedelta

import pytest

from escalation.levels import Level, Screening
from escalation.responses import concern_reply

WAIT = timedelta(minutes=15)


def reply(level: Level, *reasons: str, variant: int = 0) -> str:
    return " ".join(concern_reply(Screening(level, reasons), WAIT, variant))


@pytest.mark.parametrize(
    ("reason", "reflection"),
    [
        ("relapse:return-to-use", "A slip doesn't erase the work you've done."),
        ("relapse:craving", "Cravings can be really strong."),
        ("mood:hopelessness", "things feel really heavy"),
        ("housing:unsafe", "safe place to stay"),
        ("medication:missed", "Missing your medication"),
    ],
)
def test_a_concern_gets_a_reflection_on_what_was_said_and_a_peer_offer(
    reason: str, reflection: str
) -> None:
    text = reply(Level.CONCERN, reason)

    assert reflection in text
    assert "Would it help to talk with a peer recovery specialist?" in text
    assert "within 15 minutes" in text


def test_reflections_vary_between_messages() -> None:
    first = reply(Level.CONCERN, "relapse:craving", variant=0)
    second = reply(Level.CONCERN, "relapse:craving", variant=1)

    assert first != second


def test_asking_for_a_person_is_told_what_to_expect_and_when() -> None:
    text = reply(Level.CONCERN, "support:asks-for-person")

    assert "I've asked a peer recovery specialist to text you here" in text
    assert "within 15 minutes" in text
    assert "988" in text
