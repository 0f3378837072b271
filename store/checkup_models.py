"""Recovery check-ups (Recovery Management Checkups, Dennis, Scott and Funk, 2003) and the
importance and confidence rulers: one row per check-up, one row per question answered.

A skipped question is a row with no text (the person saw it and chose to skip); a question never
reached has no row. `needs_linkage` is for staff only, never shown to the participant.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base


class Checkup(Base):
    __tablename__ = "checkups"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column()
    # "Not now": when to ask again. The scheduler sends it; a row with it set was never started.
    ask_again_at: Mapped[datetime | None] = mapped_column(index=True)
    # The scheduler's claim on asking again (a claim older than its lease was a crash), when it
    # was done, and how: "offered", or why it was not (store/checkup_reminders.py).
    reminder_claimed_at: Mapped[datetime | None] = mapped_column()
    reminded_at: Mapped[datetime | None] = mapped_column()
    reminder_outcome: Mapped[str | None] = mapped_column(String(24))
    # The need rule, for staff: weekly or more use since the last check-up, or the person's own
    # sense they need help. None until the check-up is completed.
    needs_linkage: Mapped[bool | None] = mapped_column(Boolean)
    # The person said yes to being connected with a peer.
    peer_requested_at: Mapped[datetime | None] = mapped_column()


class CheckupAnswer(Base):
    __tablename__ = "checkup_answers"
    __table_args__ = (
        UniqueConstraint("checkup_id", "question", name="uq_checkup_answers_checkup_question"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    checkup_id: Mapped[int] = mapped_column(ForeignKey("checkups.id"), index=True)
    question: Mapped[str] = mapped_column(String(24))
    text: Mapped[str | None] = mapped_column(Text)  # None: skipped, never filled in
    # What was read from the text: cravings 0-10, use frequency, the supports named.
    value: Mapped[Any | None] = mapped_column(JSON)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class RulerRating(Base):
    """An importance or confidence ruler (0-10) and the person's reason, in their words."""

    __tablename__ = "ruler_ratings"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    ruler: Mapped[str] = mapped_column(String(16))  # importance | confidence
    score: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    stage_of_change: Mapped[str | None] = mapped_column(String(24))
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)
