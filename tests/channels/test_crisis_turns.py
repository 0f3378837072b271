"""The gateway's own reply to a message that opens a concern: a person asked for again right
after being told one is coming is told they are on the list, never the same words twice."""

from __future__ import annotations

import json

import pytest

from channels.crisis import CrisisTurns
from core.clock import utcnow
from core.settings import get_settings
from escalation.levels import Level, Screening
from escalation.responses import already_asked, asks_for_person
from escalation.service import EscalationPolicy
from store import messages
from store.db import Database

ROSTER = json.dumps([{"name": "Ana", "token": "ana-token-0123456789", "phone": "+15551230001"}])
PERSON = Screening(Level.CONCERN, ("support:asks-for-person",))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_person_asked_for_twice_running_gets_other_words_the_second_time(
    db: Database, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """c24 of the 2027-02 conversations: "Then I'd like to talk to a real person" got the same
    reply as the question before it."""
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", ROSTER)
    get_settings.cache_clear()
    policy = EscalationPolicy.from_settings(get_settings())
    turns = CrisisTurns(policy)
    wait = policy.targets.within(Level.CONCERN)
    replies = []
    with db.transaction() as session:
        for number, text in enumerate(("am i talking to a real person", "i want a real person")):
            now = utcnow()
            message = messages.store_inbound(
                session, address="sim:ro", channel_message_id=str(number), text=text, now=now
            ).message
            said = turns.opening(session, message, PERSON, language, now)
            messages.finish_inbound(session, message, said, "concern", now, send_now=False)
            replies.append(said)
    get_settings.cache_clear()

    assert replies == [[asks_for_person(wait, language)], [already_asked(wait, language)]]
