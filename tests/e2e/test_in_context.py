"""Turns the person leads, through the gateway with the real engine and action server: the
answer to the assistant's own "How are you doing today?", a milestone, a yes to the gateway's
offer of a peer, "what was my score?", Spanish, and misses that climb to the offer of a person
without repeating a word."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest
import yaml

from bot.actions.barc10_partial import OPENING
from bot.actions.barc10_results import NONE_YET
from core.settings import Settings
from escalation.companion.language import wait_phrase
from escalation.levels import Level
from escalation.responses import (
    GENERAL_REFLECTION_ES,
    REFLECTIONS_ES,
    asks_for_person,
    peer_offer,
)
from escalation.service import EscalationPolicy
from tests.support.system import chat
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = [pytest.mark.engine, pytest.mark.shared_system]


def texts(response: str, **values: str) -> list[str]:
    domain: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "everyday.yml").read_text())
    return [str(v["text"]).format(**values) for v in domain["responses"][response]]


def concern_wait(settings: Settings) -> timedelta:
    return EscalationPolicy.from_settings(settings).targets.within(Level.CONCERN)


def test_how_they_are_and_a_milestone_answer_the_greeting(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    (greeting,) = chat(base, "di", "hey")
    assert greeting.endswith("How are you doing today?")
    (rough,) = chat(base, "di", "pretty rough day")
    assert rough in texts("utter_feeling_low")
    (tired,) = chat(base, "di", "tired")
    assert tired in texts("utter_feeling_tired")

    chat(base, "ed", "hi")
    (milestone,) = chat(base, "ed", "90 days clean today")
    assert milestone in texts("utter_milestone", milestone="90 days")


def test_a_yes_to_the_gateways_offer_of_a_peer_says_when_to_expect_them(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    _, offer = chat(base, "fe", "i relapsed last night")
    assert offer.startswith("Would it help to talk with a peer recovery specialist?")
    (answer,) = chat(base, "fe", "yes please")
    assert answer == asks_for_person(concern_wait(system_settings))


def test_asking_for_their_score_before_any_check_in_says_how_to_do_one(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    chat(base, "gi", "hi")
    assert chat(base, "gi", "what was my score?") == [NONE_YET]


def test_asking_for_their_score_after_leaving_statements_out_is_told_what_is_true(
    system: Supervisor, system_settings: Settings
) -> None:
    """A full check-in, then one with two statements skipped: no "you haven't finished", no
    made-up total; what they answered, that a total needs all ten, and how it moved."""
    base = f"http://127.0.0.1:{system_settings.app_port}"

    for answers in (["4"] * 10, ["5", "4", "skip", "3", *["4"] * 3, "skip", "4", "4"]):
        chat(base, "jo", "can we do the barc")
        chat(base, "jo", "ya sure")
        for answer in answers:
            chat(base, "jo", answer)
    (said,) = chat(base, "jo", "what was my score?")

    assert said.startswith(OPENING)
    assert "you answered 8 of the ten statements, all but the ones about having the energy" in said
    assert "A total needs all ten" in said
    assert "you agreed more with the one about what matters to you more than using" in said
    assert "Your last full total, on" in said
    assert "was 40 out of 60." in said
    assert said != NONE_YET


def test_a_message_in_spanish_gets_an_honest_answer_in_spanish_and_a_peer_on_yes(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    chat(base, "an", "hola")
    (available,) = chat(base, "an", "quiero saber si hay grupos en espanol")
    assert available in texts("utter_spanish_available")
    (asked,) = chat(base, "an", "si por favor")
    wait = wait_phrase(concern_wait(system_settings), "es")
    assert asked in texts("utter_spanish_peer_asked", wait=wait)


def test_a_concern_said_in_spanish_is_answered_in_spanish_and_a_yes_asks_a_peer(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    wait = concern_wait(system_settings)

    reflection, offer = chat(base, "lu", "no se si puedo seguir asi")
    assert reflection in (*GENERAL_REFLECTION_ES, *REFLECTIONS_ES["mood:hopelessness"])
    assert offer == peer_offer(wait, language="es")
    (asked,) = chat(base, "lu", "si")
    assert asked in texts("utter_spanish_peer_asked", wait=wait_phrase(wait, "es"))


def test_misses_climb_to_the_offer_of_a_person_and_never_repeat(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    replies = [chat(base, "gu", "/nlu_fallback")[0] for _ in range(4)]

    assert replies[0] in texts("utter_fallback_clarify")
    assert replies[1] in texts("utter_fallback_offer_peer")
    assert replies[2] in texts("utter_fallback_redirect")
    assert replies[3] in texts("utter_fallback_clarify")
    assert all(a != b for a, b in pairwise(replies))
