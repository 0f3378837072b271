"""Inbound and outbound messages: stored before acknowledging, claimed before processing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, joinedload

from store.models import (
    ADDRESSES,
    MESSAGES,
    OUTBOX,
    Direction,
    InboundStatus,
    Lane,
    Message,
    OutboxItem,
    OutboxStatus,
    ParticipantAddress,
)
from store.outbox import OPTED_OUT
from store.participants import participant_id_for
from store.queue import changed_one_row, renew_claims

# How long a worker may hold an inbound message before another may take it over (a crash).
# Short, so that a restarted app answers what a dead one had acknowledged within half a minute;
# the worker answering it renews the lease every quarter lease however slow the engine is
# (channels/leases.py), so a live answer is never taken over.
PROCESSING_LEASE = timedelta(seconds=20)


@dataclass(frozen=True, slots=True)
class Stored:
    message: Message
    duplicate: bool


@dataclass(frozen=True, slots=True)
class Draft:
    """A reply to store: its text as the channel sends it, and the engine's choices, if any."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()  # (title, payload)


@dataclass(frozen=True, slots=True)
class Sending:
    """How replies are queued: which lane, and whether a carrier notice beats an opt-out."""

    lane: Lane = Lane.NORMAL
    compliance: bool = False
    author: str | None = None


GATEWAY = Sending(Lane.URGENT, author="gateway")  # crisis lines, holding replies, notices
ASSISTANT = Sending(Lane.NORMAL)


# The hot path runs prebuilt Core statements on the table: SQLAlchemy then skips building the
# statement and its cache key on every message, which was most of the gateway's own latency.
_NEW_INBOUND = {
    name: insert(MESSAGES)
    .on_conflict_do_nothing(index_elements=["channel", "channel_message_id"])
    .returning(MESSAGES.c.id)
    for name, insert in (("postgresql", postgresql_insert), ("sqlite", sqlite_insert))
}
_SETTLE_INBOUND = update(MESSAGES).where(MESSAGES.c.id == bindparam("inbound_id"))


def store_inbound(
    session: Session,
    *,
    address: str,
    channel_message_id: str,
    text: str,
    now: datetime,
    media_urls: Sequence[str] = (),
) -> Stored:
    """Stores a message already claimed by its receiver; a repeat of a channel id is a duplicate.

    INSERT ... ON CONFLICT DO NOTHING: a channel's retry costs no savepoint and no exception.
    """
    message = Message(
        participant_id=participant_id_for(session, address),
        address=address,
        channel=address.partition(":")[0],
        direction=Direction.INBOUND,
        channel_message_id=channel_message_id,
        text=text,
        status=InboundStatus.PROCESSING,
        attempts=1,
        next_attempt_at=now + PROCESSING_LEASE,
        created_at=now,
        risk_level=None,
        reply_to_id=None,
        processed_at=None,
        media_urls=list(media_urls) or None,
        buttons=None,
    )
    values = {c.key: getattr(message, c.key) for c in MESSAGES.columns if c.key != "id"}
    statement = _NEW_INBOUND[session.get_bind().dialect.name]
    new_id = session.execute(statement, values).scalar()
    if new_id is None:
        existing = session.scalar(
            select(Message).where(
                Message.channel == message.channel,
                Message.channel_message_id == channel_message_id,
            )
        )
        assert existing is not None
        return Stored(existing, duplicate=True)
    message.id = new_id
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
    if not changed_one_row(claimed):
        return None
    return session.get(Message, message_id, populate_existing=True)


def renew_inbound(session: Session, held: Mapping[int, int], now: datetime) -> set[int]:
    """Extends the leases of messages a live worker is answering (id -> the claim's attempts);
    returns the ids still its own. A message answered, held for the engine's return, or
    claimed by another worker since is left alone."""
    # An inbound message's lease is its next_attempt_at, so it is renewed to a lease from now.
    return renew_claims(
        session,
        Message,
        held,
        now + PROCESSING_LEASE,
        status=InboundStatus.PROCESSING,
        lease_column="next_attempt_at",
    )


_OPTED_OUT_AT = select(ADDRESSES.c.opted_out_at).where(ADDRESSES.c.address == bindparam("address"))


def _opted_out(session: Session, address: str) -> bool:
    return session.execute(_OPTED_OUT_AT, {"address": address}).scalar() is not None


_NEW_OUTBOUND = insert(MESSAGES).returning(MESSAGES.c.id, sort_by_parameter_order=True)
_NEW_OUTBOX = insert(OUTBOX).returning(OUTBOX.c.id, sort_by_parameter_order=True)


def add_replies(
    session: Session,
    inbound: Message,
    texts: Sequence[str | Draft],
    now: datetime,
    *,
    send_now: bool,
    sending: Sending = ASSISTANT,
) -> list[Message]:
    """Stores replies and their outbox rows in the caller's transaction.

    With `send_now` the rows are claimed for the caller, who sends them next, saving the
    round trip of claiming them; should it die first, the claim runs out and the background
    sender takes them over. Otherwise they wait, due at once, for the background sender.
    """
    if not texts:
        return []
    status = OutboxStatus.SENDING if send_now else OutboxStatus.PENDING
    refused = not sending.compliance and _opted_out(session, inbound.address)
    if refused:  # kept as a record of what was not sent, and why
        status = OutboxStatus.FAILED
    drafts = [text if isinstance(text, Draft) else Draft(text) for text in texts]
    rows = [_reply_row(inbound, draft, now) | {"author": sending.author} for draft in drafts]
    reply_ids = session.execute(_NEW_OUTBOUND, rows).scalars().all()
    items = [
        _outbox_row(inbound, reply_id, status, now, send_now)
        | {"lane": sending.lane, "compliance": sending.compliance}
        | ({"last_error": OPTED_OUT, "claimed_at": None} if refused else {})
        for reply_id in reply_ids
    ]
    item_ids = session.execute(_NEW_OUTBOX, items).scalars().all()
    replies = [Message(id=reply_id, **row) for reply_id, row in zip(reply_ids, rows, strict=True)]
    for reply, item_id, item in zip(replies, item_ids, items, strict=True):
        reply.outbox = OutboxItem(id=item_id, **item)
    return replies


def add_first_contact(
    session: Session,
    participant_id: int,
    address: str,
    texts: Sequence[str | Draft],
    now: datetime,
    *,
    sending: Sending,
) -> list[Message]:
    """Messages the warmline starts, answering nothing (a program's invitation): queued like
    replies, for the background sender, and refused the same way to someone who opted out."""
    anchor = Message(
        participant_id=participant_id, address=address, channel=address.partition(":")[0]
    )
    return add_replies(session, anchor, texts, now, send_now=False, sending=sending)


def _reply_row(inbound: Message, draft: Draft, now: datetime) -> dict[str, object]:
    return {
        "participant_id": inbound.participant_id,
        "address": inbound.address,
        "channel": inbound.channel,
        "direction": Direction.OUTBOUND,
        "channel_message_id": None,
        "text": draft.text,
        "buttons": [{"title": t, "payload": p} for t, p in draft.buttons] or None,
        "media_urls": None,
        "status": None,  # a reply's status is its outbox row's
        "risk_level": None,
        "reply_to_id": inbound.id,
        "attempts": 0,
        "next_attempt_at": None,
        "created_at": now,
        "processed_at": None,
    }


def _outbox_row(
    inbound: Message, reply_id: int, status: str, now: datetime, send_now: bool
) -> dict[str, object]:
    return {
        "message_id": reply_id,
        "channel": inbound.channel,
        "address": inbound.address,
        "status": status,
        "attempts": 1 if send_now else 0,
        "next_attempt_at": now,
        "claimed_at": now if send_now else None,
        "sent_at": None,
        "provider_message_id": None,
        "last_error": None,
        "delivery_status": None,
        "delivery_error_code": None,
        "delivery_updated_at": None,
    }


def _settle_inbound(session: Session, inbound: Message, **values: object) -> None:
    session.execute(_SETTLE_INBOUND, {"inbound_id": inbound.id, **values})


def finish_inbound(
    session: Session,
    inbound: Message,
    texts: Sequence[str | Draft],
    risk_level: str,
    now: datetime,
    *,
    send_now: bool = False,
    sending: Sending = ASSISTANT,
) -> list[Message]:
    """Marks the message answered and queues its replies, in one transaction: all or nothing."""
    _settle_inbound(
        session,
        inbound,
        risk_level=risk_level,
        status=InboundStatus.PROCESSED,
        processed_at=now,
        next_attempt_at=None,
    )
    return add_replies(session, inbound, texts, now, send_now=send_now, sending=sending)


def defer_inbound(
    session: Session,
    inbound: Message,
    holding: list[str],
    risk_level: str,
    retry_at: datetime,
    now: datetime,
    *,
    send_now: bool = False,
) -> list[Message]:
    """The engine is down: keep the message for a retry and queue a holding reply."""
    _settle_inbound(
        session,
        inbound,
        risk_level=risk_level,
        status=InboundStatus.ENGINE_PENDING,
        next_attempt_at=retry_at,
    )
    return add_replies(session, inbound, holding, now, send_now=send_now, sending=GATEWAY)


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
            select(Message)
            .where(Message.reply_to_id == inbound_id)
            .options(joinedload(Message.outbox))  # whether each went out, read after the session
            .order_by(Message.id)
        )
    )


def reachable_inbound(session: Session, participant_id: int) -> Message | None:
    """The person's last message on an address that has not opted out: where a reply to them
    can still go (their other channel, after a STOP on one)."""
    return session.scalar(
        select(Message)
        .join(ParticipantAddress, ParticipantAddress.address == Message.address)
        .where(
            Message.participant_id == participant_id,
            Message.direction == Direction.INBOUND,
            ParticipantAddress.opted_out_at.is_(None),
        )
        .order_by(Message.id.desc())
        .limit(1)
    )


def latest_inbound(session: Session, participant_id: int) -> Message | None:
    """The person's last message: a peer's reply goes back over the channel it came in on."""
    return session.scalar(
        select(Message)
        .where(Message.participant_id == participant_id, Message.direction == Direction.INBOUND)
        .order_by(Message.id.desc())
        .limit(1)
    )


def last_reply_text(session: Session, participant_id: int) -> str | None:
    """The last thing sent (or queued) to the person: the crisis companion never says it twice."""
    return session.scalar(
        select(Message.text)
        .where(Message.participant_id == participant_id, Message.direction == Direction.OUTBOUND)
        .order_by(Message.id.desc())
        .limit(1)
    )
