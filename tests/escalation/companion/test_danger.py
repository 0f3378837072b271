"""Danger from someone else gets safety from them, never a suicide safety plan: n27 of the sealed
2028-01 conversations (read once), hiding from a violent partner, had "hes banging on the door"
filed as a way to keep safer and "i hear sirens" as a break."""

from __future__ import annotations

from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import SUICIDAL, Conversation, joined

THREATENED = Screening(Level.CRISIS, ("harm:being-harmed", "context:other-person"))
ATTACKED = Screening(Level.EMERGENCY, ("harm:violence-now",))


def threatened() -> Conversation:
    conversation = Conversation()
    conversation.open(
        THREATENED, "my boyfriend is drunk and threw a chair. hes saying hell kill me if i call"
    )
    return conversation


def test_danger_from_someone_opens_with_911_by_text_and_the_hotline() -> None:
    opened = joined(Conversation().open(THREATENED, "hes saying hell kill me if i call anyone"))

    assert "text 911" in opened
    assert "1-800-799-7233" in opened
    assert "first sign" not in opened  # no safety plan's warning signs


def test_what_they_say_while_hiding_is_never_filed_as_a_plan_line() -> None:
    conversation = threatened()

    turns = [
        conversation.say("im locked in the bathroom", ATTACKED),
        conversation.say("hes banging on the door"),
        conversation.say("i have my phone. 30 percent battery"),
    ]

    assert all(turn.plan_line is None for turn in turns)
    assert all("911" in joined(turn) for turn in turns)
    assert conversation.state is not None
    assert conversation.state["mode"] == "danger"


def test_help_on_the_way_is_welcomed_and_a_weapon_near_them_gets_911() -> None:
    conversation = threatened()

    coming = joined(conversation.say("i texted them. they said someone is coming"))
    knives = joined(conversation.say("he stopped banging. i think hes in the kitchen. the knives"))
    here = joined(conversation.say("ok theyre here. an officer is talking to him in the hall"))

    assert "help is on the way" in coming or "right thing" in coming
    assert "weapon" in knives
    assert "sirens" not in here
    assert "plan" not in here


def test_a_wish_to_die_told_while_in_danger_turns_to_the_safety_plan() -> None:
    conversation = threatened()

    turn = conversation.say("honestly i just want to die", SUICIDAL)

    assert conversation.state is not None
    assert conversation.state["mode"] != "danger"
    assert "988" in joined(turn)


def test_in_spanish_the_hotline_is_given_in_spanish() -> None:
    conversation = Conversation(language="es")

    opened = joined(conversation.open(THREATENED, "mi pareja me esta amenazando"))

    assert "Línea Nacional contra la Violencia Doméstica" in opened
