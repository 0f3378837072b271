"""Reads and writes behind the peer API, each in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NoReturn, TypeVar

from fastapi import HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import utcnow
from store import messages
from store.db import Database
from store.escalation_models import Escalation
from store.models import Lane, Message, OutboxItem, Participant

T = TypeVar("T")


class EscalationOut(BaseModel):
    id: int
    participant_id: int
    level: str
    reasons: list[str]
    status: str
    created_at: datetime
    respond_by: datetime
    claimed_by: str | None
    outcome: str | None


class MessageOut(BaseModel):
    direction: str
    text: str
    author: str | None
    risk_level: str | None
    at: datetime


class ConversationOut(BaseModel):
    participant_id: int
    taken_over_by: str | None
    messages: list[MessageOut]


def in_transaction(db: Database, action: Callable[..., T], *args: Any) -> T:
    with db.transaction() as session:
        return action(session, *args)


def require_escalation(db: Database, escalation_id: int) -> None:
    with db.transaction() as session:
        if session.get(Escalation, escalation_id) is None:
            raise HTTPException(status_code=404, detail="no such escalation")


def require_participant(db: Database, participant_id: int) -> Participant:
    with db.transaction() as session:
        return _participant(session, participant_id)


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


def conversation_of(db: Database, participant_id: int) -> ConversationOut:
    with db.transaction() as session:
        participant = _participant(session, participant_id)
        return ConversationOut(
            participant_id=participant_id,
            taken_over_by=participant.taken_over_by,
            messages=[
                MessageOut(direction=m.direction, text=m.text, author=m.author,
                           risk_level=m.risk_level, at=m.created_at)
                for m in messages.conversation(session, participant_id)
            ],
        )  # fmt: skip


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
        return [reply.outbox for reply in sent if reply.outbox]
