"""Resources and the fallback through the simulator with the real engine and action server:
meetings in Ohio, offered with permission, at most three options a message, "more"; a question
about suboxone the assistant's intents do not cover, answered before places are offered; and two
misses in a row ending with a peer asked to text, recorded as the gateway's own escalation."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from sqlalchemy import select

from bot.actions.resources_select import MAX_MESSAGE, MORE_HINT
from core.settings import Settings
from store.db import Database
from store.escalation_models import Escalation
from tests.support.system import chat
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine


def responses(name: str) -> dict[str, Any]:
    found: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / name).read_text())["responses"]
    return found


def texts(file: str, response: str, **values: str) -> list[str]:
    return [str(v["text"]).format(**values) for v in responses(file)[response]]


def options(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:2] in {"1.", "2.", "3.", "4."}]


def test_meetings_in_ohio_with_permission_three_at_a_time(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    (offer,) = chat(base, "bo", "any meetings in ohio?")
    assert offer in texts("resources.yml", "utter_resources_permission",
                          what="meetings in Ohio", where_hint="")  # fmt: skip

    (first,) = chat(base, "bo", "ya please")
    assert first.startswith("A few options for meetings:")
    assert len(options(first)) == 3
    assert "AA meetings: aa.org" in first
    assert first.endswith(MORE_HINT)
    assert len(first) <= MAX_MESSAGE

    (second,) = chat(base, "bo", "more")
    assert second.startswith("More options for meetings:")
    assert 1 <= len(options(second)) <= 3
    assert "Recovery Dharma" in second
    assert len(second) <= MAX_MESSAGE


def test_a_question_about_suboxone_is_answered_then_places_in_the_state_are_offered(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    replies = chat(base, "mo", "whats suboxone and how do i get on it, im in ohio")

    assert len(replies) == 2, replies
    answer, offer = replies
    assert answer in texts("resources.yml", "utter_medication_buprenorphine")
    assert "1-800-662-4357" in answer
    assert offer in texts("resources.yml", "utter_resources_permission",
                          what="medication for recovery in Ohio", where_hint="")  # fmt: skip
    (shown,) = chat(base, "mo", "yes")
    assert "findtreatment.gov" in shown


def test_two_misses_then_a_peer_is_asked_to_text(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"

    # "/nlu_fallback" is Rasa's way to send an intent as it is: what this test checks is the
    # dialogue, the action and the handoff, not which odd words the classifier misreads.
    (clarify,) = chat(base, "cy", "/nlu_fallback")
    assert clarify in texts("everyday.yml", "utter_fallback_clarify")
    (offer,) = chat(base, "cy", "/nlu_fallback")
    assert offer in texts("everyday.yml", "utter_fallback_offer_peer")
    (handed,) = chat(base, "cy", "yes")
    assert "asked a peer recovery specialist to text you" in handed

    db = Database(system_settings.app_database_url)
    try:
        with db.transaction() as session:
            escalation = session.scalars(select(Escalation)).one()
            assert (escalation.level, escalation.reasons) == (
                "concern",
                ["support:asks-for-person"],
            )
    finally:
        db.dispose()
