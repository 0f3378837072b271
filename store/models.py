"""The app's tables. Every fact that must survive a crash is a row before it is an action."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from core.clock import utcnow

# Stable constraint names so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """DateTime(timezone=True) that reads back timezone-aware UTC on every backend.

    SQLite keeps no zone: it stores an aware value's wall-clock time and hands back a naive
    datetime, so values are made UTC on the way in and marked UTC on the way out. PostgreSQL
    hands back the session's zone, which is turned into UTC. The schema is the plain type.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self,
        value: datetime | None,
        dialect: Dialect,  # noqa: ARG002 - the TypeDecorator interface
    ) -> datetime | None:
        return value.astimezone(UTC) if value is not None and value.tzinfo else value

    def process_result_value(
        self,
        value: datetime | None,
        dialect: Dialect,  # noqa: ARG002 - the TypeDecorator interface
    ) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class InboundStatus(StrEnum):
    RECEIVED = "received"  # stored, not yet handled
    PROCESSING = "processing"  # claimed by a worker; reclaimed if its lease runs out
    ENGINE_PENDING = "engine_pending"  # the engine was down; a holding reply went out, retry later
    PROCESSED = "processed"


class Lane(StrEnum):
    """Which queue a send waits in. Crisis replies, peers' replies and carrier notices are never
    held behind scheduled or bulk sends (a provider queues per sender: a thousand check-ins on one
    long code would hold a crisis reply back for half an hour)."""

    URGENT = "urgent"
    NORMAL = "normal"
    BULK = "bulk"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A peer who took the conversation over; while set, the bot is paused for this person.
    taken_over_by: Mapped[str | None] = mapped_column(String(64))
    taken_over_at: Mapped[datetime | None] = mapped_column()
    # A program's enrolment code: a Telegram deep link (t.me/<bot>?start=<code>) links the chat.
    enrollment_code: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The stage of change the person last expressed (pre-contemplation ... maintenance), so the
    # assistant does not push someone who is not ready.
    stage_of_change: Mapped[str | None] = mapped_column(String(24))
    # The language the person writes in ("es" once they write in Spanish): crisis, STOP and
    # HELP texts follow it. None is English.
    language: Mapped[str | None] = mapped_column(String(8))
    # Who last handed the conversation back to the assistant, and when: the assistant's next
    # turn knows a peer was there (no cold greeting). Cleared once the assistant is told.
    handed_back_by: Mapped[str | None] = mapped_column(String(64))
    handed_back_at: Mapped[datetime | None] = mapped_column()
    addresses: Mapped[list[ParticipantAddress]] = relationship(back_populates="participant")


class ParticipantAddress(Base):
    """One channel identity (tel:+E164, telegram:<chat_id>, sim:<name>) of a participant."""

    __tablename__ = "participant_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    address: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by STOP (or a provider saying the person opted out); nothing is sent while it is set.
    opted_out_at: Mapped[datetime | None] = mapped_column()
    participant: Mapped[Participant] = relationship(back_populates="addresses")


class Message(Base):
    """A message in or out. Inbound rows carry the channel's own id, so a retried webhook is
    recognised; outbound rows carry the reply as rendered for the channel."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel", "channel_message_id", name="uq_messages_channel_message_id"),
        Index("ix_messages_participant_created", "participant_id", "id"),
        # The console's queue asks, per open case, when the person last wrote: one index probe.
        Index(
            "ix_messages_participant_direction_created", "participant_id", "direction", "created_at"
        ),
        Index("ix_messages_inbound_status", "direction", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    address: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[Direction] = mapped_column(String(8))
    channel_message_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # Inbound only (InboundStatus): a reply's sending status is its outbox row's, kept once.
    status: Mapped[str | None] = mapped_column(String(16))
    risk_level: Mapped[str | None] = mapped_column(String(16))
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column()
    # Who wrote an outbound message when it was not the assistant: "gateway" (crisis lines,
    # holding replies) or "peer:<name>".
    author: Mapped[str | None] = mapped_column(String(80))
    # Inbound media (MMS, photos) is kept as its URLs, never fetched: we only read text.
    media_urls: Mapped[list[str] | None] = mapped_column(JSON)
    # Outbound choices as the engine meant them ([{"title", "payload"}]): a Telegram keyboard,
    # or on SMS the meaning of a "1" or "2" sent back.
    buttons: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    outbox: Mapped[OutboxItem | None] = relationship(back_populates="message")


class OutboxItem(Base):
    """A reply waiting to be sent. Claimed atomically, retried with backoff, sent at most once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(64))
    status: Mapped[OutboxStatus] = mapped_column(String(16), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    provider_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    last_error: Mapped[str | None] = mapped_column(String(200))
    lane: Mapped[Lane] = mapped_column(String(8), default=Lane.NORMAL, server_default="normal")
    # A carrier-required notice (the STOP confirmation) goes out even to an opted-out address.
    compliance: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # What the provider's status callbacks last said (queued, sent, delivered, undelivered...).
    delivery_status: Mapped[str | None] = mapped_column(String(24))  # "partially_delivered"
    delivery_error_code: Mapped[int | None] = mapped_column(Integer)
    delivery_updated_at: Mapped[datetime | None] = mapped_column()
    message: Mapped[Message] = relationship(lazy="joined", back_populates="outbox")


class ChannelCursor(Base):
    """How far a channel has read (Telegram's getUpdates offset): advanced only after what it
    covers is stored, so a crash re-reads rather than loses."""

    __tablename__ = "channel_cursors"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AuditEntry(Base):
    """Who did what to whom and when. Never holds message text (that stays in messages)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # From where: the client address of a console request (None for the system's own steps).
    client: Mapped[str | None] = mapped_column(String(64))


# The tables themselves, for the prebuilt Core statements of the hot path.
MESSAGES = cast(Table, Message.__table__)
OUTBOX = cast(Table, OutboxItem.__table__)
ADDRESSES = cast(Table, ParticipantAddress.__table__)
