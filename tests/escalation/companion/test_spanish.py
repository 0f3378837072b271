"""A person who writes in Spanish is answered in Spanish, 988 en español included."""

from __future__ import annotations

import pytest

from escalation.companion import Turn, language_of
from tests.escalation.companion.conftest import OVERDOSE, SUICIDAL, Conversation, joined

ENGLISH_WORDS = (" the ", " you ", " your ", " call ", " peer ", " breathing ", " and ")


def in_spanish(turn: Turn) -> bool:
    text = f" {joined(turn).lower()} "
    return turn.language == "es" and not any(word in text for word in ENGLISH_WORDS)


def test_a_spanish_crisis_conversation_is_entirely_in_spanish() -> None:
    conversation = Conversation(language="es")
    turns = [conversation.open(SUICIDAL)]
    for message in ("cuando me encierro y no contesto", "no sé", "hablar con mi hermana Ana"):
        turns.append(conversation.say(message))

    assert [in_spanish(turn) for turn in turns] == [True] * len(turns)
    assert ("AYUDA" in joined(turns[0]), "oprimir 2" in joined(turns[0])) == (True, True)
    assert conversation.plan[-1].text == "hablar con tu hermana Ana"


def test_a_spanish_overdose_conversation_is_entirely_in_spanish() -> None:
    conversation = Conversation(language="es")
    turns = [conversation.open(OVERDOSE)]
    for message in ("qué hago", "no tengo narcan", "ya llamé al 911", "ya respira", "gracias"):
        turns.append(conversation.say(message))

    assert [in_spanish(turn) for turn in turns] == [True] * len(turns)
    markers = ("respiración", "Buen Samaritano", "30-90")
    assert [marker in joined(turn) for turn, marker in zip(turns[2:5], markers, strict=True)] == [
        True
    ] * 3


def test_spanish_follow_ups_name_988_in_spanish() -> None:
    conversation = Conversation(language="es")
    conversation.open(SUICIDAL)

    text = joined(conversation.say("¿puedo hablar con una persona real?"))

    assert ("988" in text, "oprime 2" in text, "15 minutos" in text) == (True, True, True)


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("no tengo narcan", "en", "es"),
        ("ya llamé al 911", "en", "es"),
        ("¿qué hago?", None, "es"),
        ("hola necesito ayuda", None, "es"),
        ("i want to die", None, "en"),
        ("my brother helps me", "es", "en"),
        ("ok", "es", "es"),
        ("911", "es", "es"),
        ("si", "en", "en"),
        ("si", "es", "es"),
        ("gracias", "en", "en"),
        ("gracias", None, "es"),
        ("help", "es", "es"),
        ("", None, "en"),
        ("ok", "fr", "en"),
    ],
)
def test_language_of(text: str, current: str | None, expected: str) -> None:
    assert language_of(text, current) == expected


def test_spanish_texted_without_accents_is_spanish() -> None:
    """Texted by hand (session 19): "hola, mi consejera me dio este numero" got English."""
    from escalation.companion.language import clearly_spanish

    assert clearly_spanish("hola, mi consejera me dio este numero")
    assert clearly_spanish("si, mas o menos. mi mama esta enferma")
    assert not clearly_spanish("i went to the casa after work")
