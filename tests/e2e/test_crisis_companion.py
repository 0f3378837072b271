"""Crisis conversations through the whole system (the real engine and action server running,
and with the engine stopped): the crisis companion follows what the person says, a safety plan
is built and recalled, a takeover keeps the gateway quiet while the peer hears of each message,
STOP mid-crisis reaches the peer, and a false alarm puts the person back with the assistant.

Every crisis conversation here adds to the figure the suite prints: replies equal to the one
before them (the target is none)."""

from __future__ import annotations

import httpx
import pytest

from core.settings import Settings
from tests.e2e.test_crisis_path import BOT_ANSWER
from tests.support.crisis import opening_for
from tests.support.crisis_log import CRISIS_LOG
from tests.support.system import chat, conversation, wait_for
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

PEER = {"Authorization": "Bearer dev-only-peer-token"}
SUPERVISOR = {"Authorization": "Bearer dev-only-supervisor-token"}

OVERDOSE = [
    # (what the person texts, a phrase from the step it should get)
    ("what do i do", "911"),
    ("we dont have any narcan", "1 breath every 5 seconds"),
    ("ok my roommate called 911", "Good Samaritan"),
    ("hes breathing again", "30-90 minutes"),
    ("thank you so much", "911"),
    ("ok", "911"),
]


def api(base: str, headers: dict[str, str] = PEER) -> httpx.Client:
    return httpx.Client(base_url=f"{base}/api", headers=headers, timeout=10)


def replies_to(base: str, name: str) -> list[str]:
    return [text for direction, text in conversation(base, name) if direction == "outbound"]


def logged(base: str, name: str) -> int:
    """Adds the conversation to the suite's figure; returns its replies equal to the one before."""
    return CRISIS_LOG.add(name, replies_to(base, name))


def case_of(base: str, participant_id: int) -> dict[str, object]:
    for status in ("open", "claimed"):
        for case in api(base).get("/escalations", params={"status": status}).json():
            if case["participant_id"] == participant_id:
                return dict(case)
    raise AssertionError(f"no unresolved escalation for participant {participant_id}")


def person_id(base: str, name: str) -> int:
    """The participant behind a simulator name: the newest escalation's person is theirs."""
    cases = api(base).get("/escalations").json()
    return int(max(cases, key=lambda case: case["id"])["participant_id"])


def peer_inbox(base: str, name: str = "peer") -> list[str]:
    return [text for _, text in conversation(base, name)]


def test_an_overdose_and_a_suicidal_crisis_each_follow_what_the_person_says(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    first = "my friend took something and hes not waking up"
    assert chat(base, "dee", first) == opening_for(first, system_settings)
    for text, step in OVERDOSE:
        reply = " ".join(chat(base, "dee", text))
        assert step in reply, (text, reply)
    assert logged(base, "dee") == 0

    crisis = "i want to kill myself tonight"
    assert chat(base, "max", crisis) == opening_for(crisis, system_settings)
    for answer in ("when i stop answering my phone", "going for a walk with my dog"):
        assert chat(base, "max", answer)  # each answer reflected, then the next step
    max_id = person_id(base, "max")
    plan = api(base).get(f"/participants/{max_id}/messages").json()["safety_plan"]
    assert plan == [
        {"section": "warning-signs", "text": "when you stop answering your phone"},
        {"section": "coping", "text": "going for a walk with your dog"},
    ]
    case = case_of(base, max_id)
    resolved = api(base).post(
        f"/escalations/{case['id']}/resolve", json={"outcome": "talked, safe", "kind": "supported"}
    )
    assert resolved.status_code == 200

    # A later crisis: the companion recalls what the person said last time.
    again = " ".join(chat(base, "max", "i cant do this anymore i want to die"))
    assert "your phone" in again or "your dog" in again, again
    assert logged(base, "max") == 0


def test_a_takeover_keeps_the_gateway_quiet_and_the_peer_hears_of_each_message(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    chat(base, "ivy", "i want to end it all")
    ivy = person_id(base, "ivy")
    wait_for(lambda: len(peer_inbox(base)) == 1, 30, "the first page")
    assert api(base).post(f"/participants/{ivy}/takeover").status_code == 200
    sent = api(base).post(f"/participants/{ivy}/reply", json={"text": "Hi Ivy, I'm Dev. I'm here."})
    assert sent.status_code == 202

    assert chat(base, "ivy", "im safe, thanks for texting") == []  # nothing automatic
    wait_for(lambda: len(peer_inbox(base)) == 2, 30, "the new-message alert")
    assert peer_inbox(base)[1].startswith("Warmline: new message in CRISIS escalation #")
    assert "safe" not in peer_inbox(base)[1]  # never the text

    # An emergency in the takeover: the 911 line at once, the peer and a supervisor paged.
    [line] = chat(base, "ivy", "i just took all my pills")
    assert "911" in line
    wait_for(lambda: len(peer_inbox(base, "supervisor")) >= 1, 30, "the supervisor's page")
    assert "EMERGENCY" in peer_inbox(base, "supervisor")[-1]

    # A supervisor takes the case over from the peer and hands it back to the assistant, which
    # picks up knowing a peer was there.
    boss = api(base, SUPERVISOR)
    assert boss.post(f"/participants/{ivy}/takeover").status_code == 200
    assert boss.post(f"/participants/{ivy}/handback").status_code == 200
    case = case_of(base, ivy)
    done = boss.post(
        f"/escalations/{case['id']}/resolve", json={"outcome": "ER", "kind": "emergency-services"}
    )
    assert done.status_code == 200
    back = " ".join(chat(base, "ivy", "hey"))
    assert "Dev Supervisor" in back, back  # the last to have the conversation
    assert logged(base, "ivy") == 0


def test_stop_mid_crisis_reaches_the_peer_and_a_false_alarm_frees_the_person(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    chat(base, "jo", "i dont want to be alive anymore")
    jo = person_id(base, "jo")
    assert chat(base, "jo", "STOP") != []  # the one confirmation
    wait_for(
        lambda: any("stopped texts" in alert for alert in peer_inbox(base)), 30, "the STOP alert"
    )
    api(base).post(f"/participants/{jo}/takeover")
    refused = api(base).post(f"/participants/{jo}/reply", json={"text": "Jo, are you ok?"})
    assert (refused.status_code, "opted out" in refused.json()["detail"]) == (409, True)
    logged(base, "jo")

    chat(base, "kim", "ugh this exam makes me want to die lol")
    kim = person_id(base, "kim")
    case = case_of(base, kim)
    false_alarm = api(base).post(
        f"/escalations/{case['id']}/resolve", json={"outcome": "joking", "kind": "false-alarm"}
    )
    assert false_alarm.status_code == 200
    # Back with the assistant: the real engine answers, not the companion.
    assert chat(base, "kim", "are you a bot?") == [BOT_ANSWER]
    assert logged(base, "kim") == 0


def test_the_companion_answers_with_the_engine_stopped(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    system.children["engine"].terminate()
    system.children["engine"].wait(timeout=30)

    first = "my boyfriend is overdosing"
    assert chat(base, "lee", first) == opening_for(first, system_settings)
    for text, step in OVERDOSE:
        reply = " ".join(chat(base, "lee", text))
        assert step in reply, (text, reply)
    assert logged(base, "lee") == 0
