"""Linkage tasks: a check-up showed need (Recovery Management Checkups' need rule, or a
program's own extra), and a peer is to help the person back to treatment.

A task is "offered" while the person has not said yes to a peer (nobody contacts them over it:
it is a record for staff), "open" once they have (the assigned peer, or any peer when none is
assigned, is to reach out before `due_by`), and "closed" with one of the outcomes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base


class LinkageStatus(StrEnum):
    OFFERED = "offered"  # need found; the person has not said yes to a peer
    OPEN = "open"  # they said yes: a peer is to reach out
    CLOSED = "closed"


class LinkageOutcome(StrEnum):
    LINKED = "linked_to_treatment"
    APPOINTMENT = "appointment_made"
    DECLINED = "declined"
    UNREACHABLE = "unreachable"


class LinkageTask(Base):
    __tablename__ = "linkage_tasks"
    __table_args__ = (Index("ix_linkage_tasks_status_due_by", "status", "due_by"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    checkup_id: Mapped[int | None] = mapped_column(ForeignKey("checkups.id"))
    peer: Mapped[str | None] = mapped_column(String(64))  # roster name; None: unassigned
    # Which rules found need ("weekly_use", "wants_help", "cravings"), never the person's words.
    reasons: Mapped[Any] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default=LinkageStatus.OFFERED)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column()
    due_by: Mapped[datetime | None] = mapped_column()  # the target, from when they said yes
    outcome: Mapped[str | None] = mapped_column(String(24))
    closed_at: Mapped[datetime | None] = mapped_column()
    closed_by: Mapped[str | None] = mapped_column(String(64))
    # The check-in a week later (a due event of kind checkup), when the person is enrolled.
    follow_up_event_id: Mapped[int | None] = mapped_column(ForeignKey("due_events.id"))
    # When its peer (or, unassigned, the peers on call) was alerted that it passed its target.
    overdue_alerted_at: Mapped[datetime | None] = mapped_column()
