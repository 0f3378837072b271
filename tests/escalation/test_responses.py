"""What a person is told at once when their message opens a concern."""

from __future__ import annotations

from datetime import timedelta

import pytest

from escalation.levels import Level, Screening
from escalation.responses import REFLECTIONS, REFLECTIONS_ES, concern_reply

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


def spanish_reply(*reasons: str, variant: int = 0) -> str:
    screening = Screening(Level.CONCERN, reasons)
    return " ".join(concern_reply(screening, WAIT, variant, language="es"))


def test_every_reflection_has_its_spanish_with_as_many_variations() -> None:
    assert {k: len(v) for k, v in REFLECTIONS_ES.items()} == {
        k: len(v) for k, v in REFLECTIONS.items()
    }


@pytest.mark.parametrize("reason", [*REFLECTIONS, "mood:unknown-to-the-reflections"])
def test_someone_writing_in_spanish_is_answered_in_spanish_with_988s_spanish_line(
    reason: str,
) -> None:
    text = spanish_reply(reason)

    assert "Would it help" not in text
    assert "It sounds like" not in text
    assert "¿Te ayudaría hablar con un compañero de recuperación?" in text
    assert "en 15 minutos" in text
    assert "llama al 988 y oprime 2, o envía AYUDA al 988" in text


def test_asking_for_a_person_in_spanish_is_told_in_spanish() -> None:
    text = spanish_reply("support:asks-for-person")

    assert text.startswith("Le pedí a un compañero de recuperación que te escriba aquí.")
    assert "en 15 minutos" in text
    assert "oprime 2" in text
