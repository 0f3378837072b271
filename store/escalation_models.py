"""Escalations and the alerts sent about them: the written record of who was told what, when.

US 42 CFR 2.51 asks for a record of any disclosure made in a medical emergency; every peer
alert is a row here, and alerts never carry message text or phone numbers.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base, OutboxStatus


class EscalationStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    RESOLVED = "resolved"


class AlertKind(StrEnum):
    ALERT = "alert"  # the first page about an escalation
    REMINDER = "reminder"  # the response target passed and nobody claimed it
    SUPERVISOR = "supervisor"  # reminders went unanswered: the supervisor is told
    # The person stopped the channel mid-escalation (STOP, a carrier's 21610, a blocked bot).
    OPTED_OUT = "opted-out"
    NEW_MESSAGE = "new-message"  # the person wrote again (at most one a minute per escalation)
    RAISED = "raised"  # a later message rated higher: paged again at the new level
    # An emergency while a peer has the conversation: that peer and a supervisor, at once.
    TAKEOVER_EMERGENCY = "emergency-now"
    ASSIGNED = "assigned"  # a supervisor gave the case to this peer
    LINKAGE_OVERDUE = "linkage-overdue"  # a linkage task passed its target without an outcome


class OutcomeKind(StrEnum):
    """How an escalation ended, for reports and for the screening work."""

    SUPPORTED = "supported"  # a peer talked with the person
    LINKED_TO_CARE = "linked-to-care"
    EMERGENCY_SERVICES = "emergency-services"
    UNREACHABLE = "unreachable"
    FALSE_ALARM = "false-alarm"  # the screener rated higher than the message warranted
    OTHER = "other"


class FeedbackKind(StrEnum):
    FALSE_ALARM = "false-alarm"  # rated too high (an escalation resolved as a false alarm)
    MISSED_RISK = "missed-risk"  # rated too low (a peer marked the message)


class Escalation(Base):
    __tablename__ = "escalations"
    __table_args__ = (Index("ix_escalations_status_respond_by", "status", "respond_by"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    level: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default=EscalationStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    respond_by: Mapped[datetime] = mapped_column()
    alerts_sent: Mapped[int] = mapped_column(Integer, default=0)
    supervisor_alerted_at: Mapped[datetime | None] = mapped_column()
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column()
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(200))
    outcome_kind: Mapped[str | None] = mapped_column(String(24))
    # The crisis companion's place in its dialogue (topic, step, language): JSON it owns.
    companion: Mapped[dict[str, Any] | None] = mapped_column()
    # When the last "new message" alert went out: at most one a minute per escalation.
    message_alerted_at: Mapped[datetime | None] = mapped_column()


class PeerAlert(Base):
    """One alert to one peer at one address; sent like the outbox, claimed once, retried.
    About an escalation or about an overdue linkage task, never both."""

    __tablename__ = "peer_alerts"
    __table_args__ = (
        Index("ix_peer_alerts_due", "status", "next_attempt_at"),
        CheckConstraint("(escalation_id IS NULL) <> (linkage_task_id IS NULL)", name="one_subject"),
        # A linkage task is alerted about once per peer, even with two schedulers at once.
        Index(
            "uq_peer_alerts_linkage_task_once",
            "linkage_task_id",
            "recipient",
            unique=True,
            sqlite_where=text("linkage_task_id IS NOT NULL"),
            postgresql_where=text("linkage_task_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalations.id"), index=True)
    linkage_task_id: Mapped[int | None] = mapped_column(ForeignKey("linkage_tasks.id"))
    recipient: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    provider_message_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SafetyPlanEntry(Base):
    """One line of a person's safety plan (Stanley and Brown, 2012), in their words as the
    crisis companion heard them: recalled in a later crisis, shown to peers."""

    __tablename__ = "safety_plan_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    section: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(500))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScreeningFeedback(Base):
    """A peer's word that the screener rated a message wrongly: labelled data for screening."""

    __tablename__ = "screening_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # FeedbackKind
    screened_level: Mapped[str | None] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))  # what the peer says it should have been
    reported_by: Mapped[str] = mapped_column(String(64))
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
