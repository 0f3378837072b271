"""After a peer hands a conversation back, the real engine and action server take it up knowing
a peer was there: the first message, sent with `{"handed_back_by": "Sam"}` straight through the
engine client as the gateway sends it, is answered with the peer's name and not the first-contact
introduction; without the metadata a greeting is the usual one. (The gateway's own hand-back is
tested with the gateway.)"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml

from bot.actions.greet import FIRST_GREETING
from channels.engine import HANDED_BACK_BY, EngineClient
from core.settings import Settings
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = [pytest.mark.engine, pytest.mark.shared_system]

SAM = {HANDED_BACK_BY: "Sam"}


def texts(file: str, response: str, **values: str) -> list[str]:
    domain: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / file).read_text())
    return [str(v["text"]).format(**values) for v in domain["responses"][response]]


def send(
    settings: Settings, sender: str, *turns: tuple[str, dict[str, str] | None]
) -> list[list[str]]:
    """Each message in turn, as the gateway sends it; the texts of each one's replies."""

    async def conversation() -> list[list[str]]:
        client = EngineClient(settings.engine_url, 60, token=settings.engine_token_value)
        try:
            answers = []
            for number, (text, metadata) in enumerate(turns, start=1):
                replies = await client.message(sender, text, number, metadata=metadata)
                answers.append([reply.text for reply in replies])
            return answers
        finally:
            await client.aclose()

    return asyncio.run(conversation())


def test_a_greeting_after_a_hand_back_welcomes_the_person_back_from_the_peer(
    system: Supervisor, system_settings: Settings
) -> None:
    (after_handback,) = send(system_settings, "sim:handed-back", ("hi", SAM))

    assert len(after_handback) == 1
    assert after_handback[0] in texts("handback.yml", "utter_greet_after_handback", peer="Sam")
    assert FIRST_GREETING not in after_handback


def test_without_the_metadata_a_greeting_is_the_usual_one(
    system: Supervisor, system_settings: Settings
) -> None:
    (greeted,) = send(system_settings, "sim:no-peer", ("hi", None))

    assert greeted == [FIRST_GREETING]


def test_any_first_message_after_a_hand_back_hears_from_the_assistant_then_its_answer(
    system: Supervisor, system_settings: Settings
) -> None:
    thanks, later = send(system_settings, "sim:thankful", ("thank you", SAM), ("thanks!", None))

    assert len(thanks) == 2
    assert thanks[0] in texts("handback.yml", "utter_resume_after_handback", peer="Sam")
    assert thanks[1] in texts("core.yml", "utter_you_are_welcome")
    assert later in ([text] for text in texts("core.yml", "utter_you_are_welcome"))  # once only
