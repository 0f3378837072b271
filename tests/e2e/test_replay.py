"""`warmline replay-conversations` on two conversations of the sample set, through the real
engine, action server and app: a check-up the assistant opens as the scheduler does (delivered
by the outbox before the person answers) and a conversation the person starts; every turn
answered and recorded, and the report in its shape. The assistant's own trigger, the way the
replay opens a check-up on a system it did not start, is checked once too."""

from __future__ import annotations

import json

import pytest

from core.settings import Settings
from tests.support.system import conversation
from warmline.replay import catalog
from warmline.replay_conversations import SEALED_DIR, load
from warmline.replay_figures import Identifier, figures
from warmline.replay_render import as_json, table
from warmline.replay_run import Chat, ScheduledStart, TriggerText, replay
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

SAMPLE = SEALED_DIR.parent / "sample" / "sample_conversations.yml"
CATALOG = catalog()


def name(reply: str) -> str | None:
    """The text the reply was said from: a domain response's name, an action's, the gateway's."""
    known = CATALOG.identify(reply)
    return known.name if known else None


def test_two_sample_conversations_replayed_through_the_real_engine(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    checkup, person = load(SAMPLE)[:2]
    assert (checkup.opens_with, person.opens_with) == ("checkup", "person")
    with Chat(base) as chat:
        recorded = replay([checkup, person], chat, ScheduledStart(system_settings), "e2e")
        trigger = TriggerText()(chat, "replay-trigger", "barc10")

    opening = recorded[0].exchanges[0]
    assert (opening.kind, len(opening.replies)) == ("opening", 1)
    assert name(opening.replies[0]) == "utter_checkup_permission"
    # Sent by the outbox before the person's first answer, as a scheduled one is.
    assert conversation(base, "replay-e2e-1")[:2] == [
        ("outbound", opening.replies[0]),
        ("inbound", checkup.turns[0].text),
    ]
    for replayed, written in zip(recorded, (checkup, person), strict=True):
        assert [t.text for t in replayed.person_turns] == [t.text for t in written.turns]
        assert all(turn.replies for turn in replayed.person_turns), replayed.id
    assert name(trigger.replies[0]) == "utter_barc10_permission"

    found = figures(recorded, CATALOG)
    assert (found.conversations, found.person_turns) == (2, 16)
    assert "generic fallback share of turns" in table(found, "Replay", ScheduledStart.how)
    report = json.loads(json.dumps(as_json(found, recorded, Identifier(CATALOG), {})))
    assert [len(t["exchanges"]) for t in report["transcripts"]] == [9, 8]
    assert len(report["targets"]) == 5
