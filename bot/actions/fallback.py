"""The second miss in a row ends in an offer of a human; "yes" hands the person to a peer.

The handoff is the gateway's own: a `concern` escalation with the reason the gateway gives a
request for a person, so the peers are alerted and the person's later messages are routed as
for any open concern. It is opened here, from the action server, because the "yes" that accepts
the offer means nothing to the gateway's screener.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from bot.actions.barc10 import participant_of
from bot.actions.database import app_database
from bot.actions.miti import ActionsSay, tag
from core.clock import utcnow
from core.settings import get_settings
from escalation import service
from escalation.levels import Level, Screening
from escalation.responses import already_asked, asks_for_person
from store import audit
from store.models import Direction, Message

logger = logging.getLogger(__name__)

ASKS_FOR_PERSON = Screening(Level.CONCERN, ("support:asks-for-person",))
NO_HANDOFF = (
    'To reach a person, text "talk to a person" any time and a peer will text you back. '
    "If you're in crisis, call or text 988."
)
GIVE_INFORMATION = tag("give_information")
MITI: ActionsSay = {"action_request_peer": ((GIVE_INFORMATION,),)}


def request_peer(sender: str) -> timedelta | None:
    """Opens (or keeps) a concern escalation for the person; how long until a peer replies,
    or None when this conversation has no participant (not through the gateway)."""
    policy = service.EscalationPolicy.from_settings(get_settings())
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        if participant_id is None:
            return None
        message_id = session.scalar(
            select(Message.id)
            .where(Message.participant_id == participant_id, Message.direction == Direction.INBOUND)
            .order_by(Message.id.desc())
            .limit(1)
        )
        if message_id is None:
            return None
        service.escalate(session, policy, participant_id, message_id, ASKS_FOR_PERSON, utcnow())
        audit.record(session, "assistant", "peer-requested", participant_id)
    return policy.targets.within(Level.CONCERN)


class ActionRequestPeer(Action):
    def name(self) -> str:
        return "action_request_peer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        text = peer_requested(tracker.sender_id, _said_last(tracker))
        dispatcher.utter_message(text=text, metadata=GIVE_INFORMATION)
        return []


def peer_requested(sender: str, said_last: str | None) -> str:
    """A peer asked to text the person, and what they are told: when to expect them, or that
    they are on the list when that was just said (never the same words twice, c24 of
    2027-02)."""
    wait = request_peer(sender)
    if wait is None:
        logger.warning("no participant for this conversation; no peer asked")
        return NO_HANDOFF
    text = asks_for_person(wait)
    return already_asked(wait) if said_last == text else text


def _said_last(tracker: Tracker) -> str | None:
    bot = (event for event in reversed(tracker.events) if event.get("event") == "bot")
    return next((str(event.get("text") or "") for event in bot), None)
