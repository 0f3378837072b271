"""Inbound and outbound messages: stored before acknowledging, claimed before processing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import Direction, InboundStatus, Message, OutboxItem, OutboxStatus
from store.participants import get_or_create_participant

# How long a worker may hold an inbound message before another may take it over (a crash).
PROCESSING_LEASE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Stored:
    message: Message
    duplicate: bool


def store_inbound(
    session: Session,
    *,
    address: str,
    channel_message_id: str,
    text: str,
    now: datetime,
) -> Stored:
    """Stores a message already claimed by its receiver; a repeat of a channel id is a duplicate."""
    participant = get_or_create_participant(session, address)
    message = Message(
        participant_id=participant.id,
        address=address,
        channel=address.partition(":")[0],
        direction=Direction.INBOUND,
        channel_message_id=channel_message_id,
        text=text,
        status=InboundStatus.PROCESSING,
        attempts=1,
        next_attempt_at=now + PROCESSING_LEASE,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        existing = session.scalar(
            select(Message).where(
                Message.channel == message.channel,
                Message.channel_message_id == channel_message_id,
            )
        )
        assert existing is not None
        return Stored(existing, duplicate=True)
    return Stored(message, duplicate=False)


def due_inbound_ids(session: Session, now: datetime, limit: int = 20) -> list[int]:
    """Messages a crash or an engine outage left unanswered, oldest first."""
    rows = session.scalars(
        select(Message.id)
        .where(
            Message.direction == Direction.INBOUND,
            Message.status != InboundStatus.PROCESSED,
            or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now),
        )
        .order_by(Message.id)
        .limit(limit)
    )
    return list(rows)


def claim_inbound(session: Session, message_id: int, now: datetime) -> Message | None:
    """Takes a due message for this worker alone: exactly one conditional update wins."""
    claimed = session.execute(
        update(Message)
        .where(
            Message.id == message_id,
            Message.status != InboundStatus.PROCESSED,
            Message.next_attempt_at <= now,
        )
        .values(
            status=InboundStatus.PROCESSING,
            next_attempt_at=now + PROCESSING_LEASE,
            attempts=Message.attempts + 1,
        )
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(Message, message_id, populate_existing=True)


def add_replies(
    session: Session, inbound: Message, texts: list[str], now: datetime
) -> list[Message]:
    """Stores replies and their outbox rows in the caller's transaction."""
    replies = [
        Message(
            participant_id=inbound.participant_id,
            address=inbound.address,
            channel=inbound.channel,
            direction=Direction.OUTBOUND,
            text=text,
            status=OutboxStatus.PENDING,
            reply_to_id=inbound.id,
            created_at=now,
        )
        for text in texts
    ]
    session.add_all(replies)
    session.flush()
    session.add_all(
        OutboxItem(
            message_id=reply.id,
            channel=reply.channel,
            address=reply.address,
            next_attempt_at=now,
        )
        for reply in replies
    )
    return replies


def finish_inbound(
    session: Session, inbound: Message, texts: list[str], risk_level: str, now: datetime
) -> list[Message]:
    """Marks the message answered and queues its replies, in one transaction: all or nothing."""
    inbound = session.merge(inbound)
    inbound.risk_level = risk_level
    inbound.status = InboundStatus.PROCESSED
    inbound.processed_at = now
    inbound.next_attempt_at = None
    return add_replies(session, inbound, texts, now)


def defer_inbound(
    session: Session,
    inbound: Message,
    holding: list[str],
    risk_level: str,
    retry_at: datetime,
    now: datetime,
) -> list[Message]:
    """The engine is down: keep the message for a retry and queue a holding reply."""
    inbound = session.merge(inbound)
    inbound.risk_level = risk_level
    inbound.status = InboundStatus.ENGINE_PENDING
    inbound.next_attempt_at = retry_at
    return add_replies(session, inbound, holding, now)


def conversation(session: Session, participant_id: int, limit: int = 200) -> list[Message]:
    rows = session.scalars(
        select(Message)
        .where(Message.participant_id == participant_id)
        .order_by(Message.id.desc())
        .limit(limit)
    )
    return list(reversed(list(rows)))


def replies_to(session: Session, inbound_id: int) -> list[Message]:
    return list(
        session.scalars(
            select(Message).where(Message.reply_to_id == inbound_id).order_by(Message.id)
        )
    )
