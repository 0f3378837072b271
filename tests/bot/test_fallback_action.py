"""Accepting the fallback's offer of a person opens the same concern escalation the gateway
opens for "talk to a person": the peers on call are alerted and the person is told when."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.database import app_database
from bot.actions.fallback import NO_HANDOFF, ActionRequestPeer
from core.clock import utcnow
from core.settings import get_settings
from escalation.levels import Level
from escalation.responses import asks_for_person
from escalation.service import EscalationPolicy
from store import messages
from store.db import Database
from store.escalation_models import Escalation, PeerAlert
from store.models import AuditEntry
from store.participants import engine_sender, participant_for

ROSTER = json.dumps(
    [
        {"name": "Ana", "token": "ana-token-0123456789", "phone": "+15551230001"},
        {"name": "Sam", "token": "sam-token-0123456789", "supervisor": True},
    ]
)


@pytest.fixture
def action_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The action server opens the app database and the roster from settings, as in production."""
    monkeypatch.setenv("WARMLINE_DATABASE_URL", db.url)
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", ROSTER)
    get_settings.cache_clear()
    app_database.cache_clear()
    yield db
    app_database().dispose()
    get_settings.cache_clear()
    app_database.cache_clear()


def texted(db: Database, address: str, text: str) -> str:
    with db.transaction() as session:
        messages.store_inbound(
            session, address=address, channel_message_id=text, text=text, now=utcnow()
        )
        participant = participant_for(session, address)
        assert participant is not None
        return engine_sender(participant.id)


def request_peer(sender: str, said_last: str | None = None) -> list[str]:
    events = [] if said_last is None else [{"event": "bot", "text": said_last}]
    tracker = Tracker(sender, {}, {"intent": {"name": "affirm"}}, events, False, None, {}, "")
    dispatcher = CollectingDispatcher()
    assert ActionRequestPeer().run(dispatcher, tracker, {}) == []
    assert all(m["metadata"] == {"miti": "give_information"} for m in dispatcher.messages)
    return [m["text"] for m in dispatcher.messages]


def test_yes_to_the_offer_opens_a_concern_and_alerts_a_peer(action_db: Database) -> None:
    sender = texted(action_db, "sim:jo", "yes")

    replies = request_peer(sender)

    wait = EscalationPolicy.from_settings(get_settings()).targets.within(Level.CONCERN)
    assert replies == [asks_for_person(wait)]
    with action_db.transaction() as session:
        escalation = session.scalars(select(Escalation)).one()
        assert (escalation.level, escalation.reasons) == ("concern", ["support:asks-for-person"])
        assert escalation.message_id is not None
        alerts = session.scalars(select(PeerAlert)).all()
        assert [a.recipient for a in alerts] == ["Ana"]
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "peer-requested" in actions


def test_asking_twice_keeps_one_escalation(action_db: Database) -> None:
    sender = texted(action_db, "sim:jo", "yes")
    request_peer(sender)
    texted(action_db, "sim:jo", "yes please")

    request_peer(sender)

    with action_db.transaction() as session:
        assert len(session.scalars(select(Escalation)).all()) == 1


def test_asking_again_right_after_is_told_in_other_words(action_db: Database) -> None:
    """c24 of the 2027-02 conversations: "Then I'd like to talk to a real person" got the same
    words as the turn before."""
    sender = texted(action_db, "sim:jo", "am I talking to a real person?")
    [first] = request_peer(sender)
    texted(action_db, "sim:jo", "Then I'd like to talk to a real person. No offense.")

    [again] = request_peer(sender, said_last=first)

    assert again != first
    assert again.startswith("You're on the list")
    assert "988" in again


def test_without_a_participant_it_says_how_to_reach_a_person(action_db: Database) -> None:
    assert request_peer("sim:nobody") == [NO_HANDOFF]
    assert request_peer("participant-999") == [NO_HANDOFF]
