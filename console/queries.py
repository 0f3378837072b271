"""Reads behind the peer API, and a peer's reply, each in its own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NoReturn

from fastapi import HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import utcnow
from store import audit, messages, safety_plans
from store.db import Database
from store.escalation_models import Escalation
from store.models import Direction, Lane, Message, OutboxItem, OutboxStatus, Participant


class EscalationOut(BaseModel):
    id: int
    participant_id: int
    level: str
    reasons: list[str]
    status: str
    created_at: datetime
    respond_by: datetime
    claimed_by: str | None
    resolved_by: str | None
    outcome: str | None
    outcome_kind: str | None


Delivery = Literal["queued", "sent", "delivered", "failed"]


class MessageOut(BaseModel):
    id: int  # a peer marks a message the screener rated too low by it
    direction: str
    text: str
    author: str | None
    risk_level: str | None
    at: datetime
    # Outbound only: what became of the message, and why it failed (a reply after a STOP).
    delivery: Delivery | None = None
    delivery_error: str | None = None


class PlanLineOut(BaseModel):
    section: str  # a Stanley-Brown step: warning-signs, coping, ... reasons-for-living
    text: str  # the person's words as the crisis companion heard them, in second person


class ConversationOut(BaseModel):
    participant_id: int
    taken_over_by: str | None
    messages: list[MessageOut]
    safety_plan: list[PlanLineOut] = []


def _participant(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise HTTPException(status_code=404, detail="no such participant")
    return participant


def escalations(db: Database, status: str) -> list[EscalationOut]:
    with db.transaction() as session:
        rows = session.scalars(
            select(Escalation).where(Escalation.status == status).order_by(Escalation.id)
        )
        return [EscalationOut.model_validate(row, from_attributes=True) for row in rows]


# A provider's word on a sent message, in the four states a peer needs. "undelivered" and the
# rest of the carrier's failures are failures; a status not listed is still just "sent".
_PROVIDER_SAYS: dict[str, Delivery] = {
    "delivered": "delivered",
    "read": "delivered",
    "partially_delivered": "delivered",
    "undelivered": "failed",
    "failed": "failed",
    "canceled": "failed",
}


def delivery_of(item: OutboxItem) -> tuple[Delivery, str | None]:
    """What became of a reply, and why it failed, from its outbox row."""
    carrier = f"carrier error {item.delivery_error_code}" if item.delivery_error_code else None
    why = item.last_error or carrier
    if item.status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
        return "queued", why  # a retry keeps the reason of the last attempt
    if item.status == OutboxStatus.FAILED:
        return "failed", why
    return _PROVIDER_SAYS.get(item.delivery_status or "", "sent"), carrier


def _message_out(message: Message, item: OutboxItem | None) -> MessageOut:
    delivery, why = delivery_of(item) if item is not None else (None, None)
    return MessageOut(
        id=message.id, direction=message.direction, text=message.text, author=message.author,
        risk_level=message.risk_level, at=message.created_at, delivery=delivery,
        delivery_error=why,
    )  # fmt: skip


def conversation_of(db: Database, participant_id: int, viewer: str) -> ConversationOut:
    """The person's messages, each reply's delivery state, and their safety plan; the view
    is audited (who read whose conversation, when)."""
    with db.transaction() as session:
        participant = _participant(session, participant_id)
        audit.record(session, f"peer:{viewer}", "viewed-conversation", participant_id)
        plan = [
            PlanLineOut(section=s, text=t)
            for s, t in safety_plans.lines_of(session, participant_id)
        ]
        shown = messages.conversation(session, participant_id)
        ids = [m.id for m in shown if m.direction == Direction.OUTBOUND]
        # One read for every reply's outbox row, not one per message.
        items = session.scalars(select(OutboxItem).where(OutboxItem.message_id.in_(ids)))
        by_message = {item.message_id: item for item in items}
        return ConversationOut(
            participant_id=participant_id,
            taken_over_by=participant.taken_over_by,
            messages=[_message_out(m, by_message.get(m.id)) for m in shown],
            safety_plan=plan,
        )


def _unreachable(latest: Message) -> NoReturn:
    raise HTTPException(
        status_code=409,
        detail=f"this person opted out on {latest.channel} (STOP, or blocked the bot) and has "
        "no other channel: nothing can reach them until they write again",
    )


def peer_reply(db: Database, participant_id: int, peer: str, text: str) -> list[OutboxItem]:
    """A peer writes only in a conversation they have taken over, so the bot is not talking too."""
    with db.transaction() as session:
        participant = _participant(session, participant_id)
        if participant.taken_over_by != peer:
            raise HTTPException(status_code=409, detail="take the conversation over first")
        latest = messages.latest_inbound(session, participant_id)
        if latest is None:
            raise HTTPException(status_code=409, detail="this person has not texted yet")
        # After a STOP (or a blocked bot) the reply goes on another channel of theirs, if any;
        # if none, it is refused now rather than accepted and failed out of sight.
        latest = messages.reachable_inbound(session, participant_id) or _unreachable(latest)
        # A person's words to a person: the urgent lane, never behind scheduled sends.
        sending = messages.Sending(Lane.URGENT, author=f"peer:{peer}")
        sent = messages.add_replies(
            session, latest, [text], utcnow(), send_now=True, sending=sending
        )
        items = [reply.outbox for reply in sent if reply.outbox]
        # Every action is on the audit log; the words stay in the messages table.
        audit.record(
            session, f"peer:{peer}", "replied", participant_id, message_id=items[0].message_id
        )
        return items
