"""Using alone or after mixing, not yet overdosing: Never Use Alone, naloxone within reach, and
someone to check on them; never a safety plan's warning signs."""

from __future__ import annotations

import pytest

from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import NONE, SUICIDAL, Conversation, joined

# As the screener reads "snorted a bump like 10 min ago, home alone. feel kinda weird".
USED_ALONE = Screening(Level.CRISIS, ("overdose:alone-with-substance", "context:substance"))
MIXING = Screening(Level.CRISIS, ("overdose:high-risk-use", "context:substance"))
MODEL_VOTE = Screening(Level.CRISIS, ("model:crisis-risk(0.51)",))


@pytest.mark.parametrize("screening", [USED_ALONE, MIXING])
def test_using_alone_opens_with_never_use_alone_naloxone_and_someone_to_check(
    screening: Screening,
) -> None:
    text = joined(Conversation().open(screening))

    expected = ["1-800-484-3731", "Narcan", "unlocked", "911", "Is anyone with you"]
    assert [part in text for part in expected] == [True] * len(expected)
    assert "warning sign" not in text.lower()


# Each answer, and a phrase its reply must contain (one conversation, in order).
ANSWERS = [
    ("i got narcan somewhere", "keep it right next to you"),
    ("im just gonna sleep it off", "lie on your side"),
    ("nah nobody", "call Never Use Alone now"),
    ("ok thanks", "You're welcome"),
]


def test_each_answer_while_using_alone_gets_its_own_step_and_911_not_988() -> None:
    conversation = Conversation()
    conversation.open(USED_ALONE)

    for message, expected in ANSWERS:
        # The model's vote alone rated "sleep it off" a crisis: still about using, not a plan.
        screening = MODEL_VOTE if "sleep" in message else NONE
        text = joined(conversation.say(message, screening))
        assert (message, expected in text, "911" in text) == (message, True, True)
        assert "988" not in text


def test_someone_there_is_asked_to_know_what_was_taken_and_check_on_them() -> None:
    conversation = Conversation()
    conversation.open(MIXING)

    assert "Tell them what you took" in joined(conversation.say("my girlfriend is here"))


def test_a_step_told_twice_gets_a_check_in_not_the_same_step_again() -> None:
    conversation = Conversation()
    conversation.open(USED_ALONE)
    first = conversation.say("i got narcan")

    again = conversation.say("yeah i have narcan")

    assert set(again.texts).isdisjoint(first.texts)
    assert "keep it right next to you" not in joined(again)
    assert "peer" in joined(again) or "check on you" in joined(again)


def test_a_wish_to_die_told_while_using_alone_turns_to_the_safety_plan() -> None:
    conversation = Conversation()
    conversation.open(USED_ALONE)

    turn = conversation.say("honestly i dont care if i wake up", SUICIDAL)

    assert "988" in joined(turn)
    assert "plan" in joined(turn)


def test_using_alone_is_answered_in_spanish() -> None:
    conversation = Conversation(language="es")

    text = joined(conversation.open(USED_ALONE))

    assert "Never Use Alone" in text
    assert "¿Hay alguien contigo" in text
