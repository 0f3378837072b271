"""A crisis message in the simulator gets the crisis reply, an escalation and a peer alert, with
the engine up and with it down: screening never depends on the engine. And a peer takes a
conversation over and hands it back to the real assistant."""

from __future__ import annotations

import httpx
import pytest

from bot.actions.greet import FIRST_GREETING
from core.settings import Settings
from tests.support.crisis import opening_for
from tests.support.system import chat, conversation, wait_for
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

PEER = {"Authorization": "Bearer dev-only-peer-token"}
BOT_ANSWER = (
    "I'm an automated assistant, not a person. Real peer recovery specialists read "
    "conversations that need them, and you can ask for a person any time."
)


def escalations(base: str) -> list[tuple[str, list[str]]]:
    listed = httpx.get(f"{base}/api/escalations", headers=PEER, timeout=10).json()
    return [(e["level"], e["reasons"]) for e in listed]


def peer_alerts(base: str) -> list[str]:
    return [text for _, text in conversation(base, "peer")]


def test_crisis_with_the_engine_up_and_down(system: Supervisor, system_settings: Settings) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    assert chat(base, "ria", "hey") == [FIRST_GREETING]

    crisis = "i dont want to live anymore"
    assert chat(base, "ria", crisis) == opening_for(crisis, system_settings)
    wait_for(lambda: len(peer_alerts(base)) == 1, 30, "the peer alert")
    assert [level for level, _ in escalations(base)] == ["crisis"]
    assert peer_alerts(base)[0].startswith("Warmline: new CRISIS escalation #1.")
    assert "live" not in peer_alerts(base)[0]  # never the message text

    system.children["engine"].terminate()  # the engine goes down
    system.children["engine"].wait(timeout=30)

    overdose = "my friend is overdosing and not breathing"
    assert chat(base, "lee", overdose) == opening_for(overdose, system_settings)
    wait_for(lambda: len(peer_alerts(base)) == 2, 30, "the second peer alert")
    assert sorted(level for level, _ in escalations(base)) == ["crisis", "emergency"]


def test_a_peer_takes_over_and_hands_back_to_the_real_assistant(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    api = httpx.Client(base_url=f"{base}/api", headers=PEER, timeout=10)
    assert chat(base, "kai", "hey") == [FIRST_GREETING]

    assert api.post("/participants/1/takeover").status_code == 200
    assert chat(base, "kai", "r u a bot?") == []  # the assistant is paused
    assert (
        api.post("/participants/1/reply", json={"text": "Hi Kai, it's Dev Peer."}).status_code
        == 202
    )
    assert api.post("/participants/1/handback").status_code == 200

    # The assistant says a peer was there, then answers.
    back, answer = chat(base, "kai", "r u a bot?")
    assert ("Dev Peer" in back, answer) == (True, BOT_ANSWER)
    assert [text for _, text in conversation(base, "kai")] == [
        "hey",
        FIRST_GREETING,
        "r u a bot?",
        "Hi Kai, it's Dev Peer.",
        "r u a bot?",
        back,
        BOT_ANSWER,
    ]
