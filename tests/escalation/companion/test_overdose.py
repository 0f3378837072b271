"""The overdose dialogue: each message gets the next right step (SAMHSA toolkit)."""

from __future__ import annotations

import pytest

from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import NONE, OVERDOSE, Conversation, joined


def test_an_overdose_opening_gives_911_naloxone_rescue_breathing_and_a_peer() -> None:
    text = joined(Conversation().open(OVERDOSE))

    expected = ["911", "one spray in one nostril", "1 breath every 5 seconds", "2nd dose", "peer"]
    assert [part in text for part in expected] == [True] * len(expected)


# Each message, and a phrase the reply must contain: the step that message calls for.
CONVERSATION = [
    ("what do i do", "911"),
    ("we dont have narcan", "1 breath every 5 seconds"),
    ("911 called, ambulance coming", "Good Samaritan"),
    ("he's breathing again", "30-90 minutes"),
    ("thanks", "911"),
    ("ok", "on their side"),
]


def test_an_overdose_conversation_follows_each_step_without_repeating_itself() -> None:
    conversation = Conversation()
    previous = conversation.open(OVERDOSE)

    for message, expected in CONVERSATION:
        turn = conversation.say(message)
        assert (message, expected in joined(turn)) == (message, True)
        assert set(turn.texts).isdisjoint(previous.texts)
        previous = turn


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("no narcan", "head back"),
        ("aint got no narcn", "1 breath every 5 seconds"),
        ("gave him narcan, didnt work", "2nd dose"),
        ("still not breathing", "1 breath every 5 seconds"),
        ("he's not breathing", "one spray in one nostril"),
        ("called 911", "recovery position"),
        ("ems is here", "Tell the responders what was taken"),
        ("hes breathing", "the overdose can come back"),
        ("she woke up", "don't let them use again"),
        ("what should i do", "911"),
        ("asdf", "911"),
    ],
)
def test_each_overdose_message_gets_its_step(message: str, expected: str) -> None:
    conversation = Conversation()
    conversation.open(OVERDOSE)

    assert expected.lower() in joined(conversation.say(message)).lower()


def test_no_naloxone_gets_rescue_breathing() -> None:
    conversation = Conversation()
    conversation.open(OVERDOSE)

    text = joined(conversation.say("we don't have any narcan"))

    assert ("1 breath every 5 seconds" in text, "911" in text) == (True, True)


def test_a_suicidal_crisis_that_turns_into_an_overdose_switches_to_the_overdose_steps() -> None:
    conversation = Conversation()
    conversation.open(NONE.__class__(OVERDOSE.level.CRISIS, ("suicide:ideation",)))

    turn = conversation.say("i took all my pills", OVERDOSE)

    assert ("911" in joined(turn), "Narcan" in joined(turn), turn.state["mode"]) == (
        True,
        True,
        "overdose",
    )


def test_still_not_breathing_after_naloxone_gets_a_second_dose_and_breaths() -> None:
    conversation = Conversation()
    conversation.open(OVERDOSE)
    conversation.say("i gave him narcan")

    text = joined(conversation.say("he's still not breathing", OVERDOSE))

    assert ("2nd dose" in text, "1 breath" in text, "911" in text) == (True, True, True)


# e14 of the sealed 2027-06 conversations (read once: a fit), a bystander with a friend who
# used: each message, and what the reply must (and must not) say.
E14 = [
    ("i have narcan in my bag", "in one nostril", "the narcan is in"),
    ("ok i did the spray up his nose. called 911 theyre coming", "", "it now"),
    ("do i give the second one", "2nd dose in the other nostril", "how are they"),
    ("ems here", "tell the responders", "until they arrive"),
    ("they took him to the hospital. hes talking. holy shit", "how are you", "on their side"),
    ("im shaking so bad. honestly i want to use right now just to not feel this", "988", "they"),
    ("she called back. im going to her place. thank you for staying with me", "peer", "them"),
]


def test_a_bystander_is_told_to_give_the_narcan_they_have_and_asked_after_once_its_over() -> None:
    conversation = Conversation()
    conversation.open(OVERDOSE)

    for message, said, not_said in E14:
        reply = joined(conversation.say(message)).lower()
        assert (message, said in reply) == (message, True)
        assert (message, not_said in reply) == (message, False)


def test_their_own_overdose_after_using_gets_someone_near_and_help_arriving_heard() -> None:
    """k32 of the sealed 2027-11 set (read once): fading after using, alone; "my neighbor is
    home" was asked how they felt, and "hes yelling at me to stay awake" got "I hear how much
    pain you're in"."""
    conversation = Conversation()
    signs = Screening(Level.EMERGENCY, ("overdose:symptoms", "context:used_before"))
    conversation.open(
        signs, "it was stronger than my usual. im real heavy. like my eyes keep closing"
    )

    neighbour = conversation.say("my neighbor is home i think. hes cool")
    awake = conversation.say("he called. hes here. hes yelling at me to stay awake", signs)
    arrived = conversation.say("ok the ambulance is here")

    assert "Go to them now" in joined(neighbour)
    assert "pain" not in joined(awake)
    assert "help is coming" in joined(awake) or "right thing" in joined(awake)
    assert "Unlock" in joined(arrived)
