"""BARC-10 check-ins: one row per check-in, one row per item answered or skipped.

A skipped item is a row with no score (the person saw it and chose to skip), and an item never
reached has no row: neither is ever filled in. The total exists only when all ten are scored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base


class Barc10Checkin(Base):
    __tablename__ = "barc10_checkins"
    __table_args__ = (CheckConstraint("total BETWEEN 10 AND 60", name="total_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column()
    total: Mapped[int | None] = mapped_column(Integer)
    # For staff only: 47 or more predicted sustained remission in the validation study. Never
    # shown to the participant, and never a pass or fail.
    strengths_signal: Mapped[bool | None] = mapped_column(Boolean)


class Barc10Answer(Base):
    __tablename__ = "barc10_answers"
    __table_args__ = (
        UniqueConstraint("checkin_id", "item", name="uq_barc10_answers_checkin_item"),
        CheckConstraint("item BETWEEN 1 AND 10", name="item_range"),
        CheckConstraint("score BETWEEN 1 AND 6", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("barc10_checkins.id"))
    item: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)  # None: skipped, never filled in
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
