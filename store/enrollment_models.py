"""A program's enrollment of a person leaving its care, and the plan's events they are due.

The due rows are the scheduler's work list: one per participant, kind and day after discharge,
recomputed in one transaction when the discharge date or the plan changes (rows already sent
stay as they were: the record of what went out).
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base


class Consent(StrEnum):
    PENDING = "pending"  # enrolled; the invitation has not gone out
    INVITED = "invited"  # asked for YES or STOP
    CONSENTED = "consented"  # said YES (or pressed Start on Telegram and agreed)
    DECLINED = "declined"  # said STOP, or no
    EXPIRED = "expired"  # no answer to the invitation and its one reminder


class DueStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    EXPIRED = "expired"  # not sent before its expiry: dropped, never sent stale
    CANCELLED = "cancelled"  # the person stopped, or the plan changed


class Enrollment(Base):
    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), unique=True)
    # The program's own id for the person: how a later file naming them again is recognised.
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    discharge_date: Mapped[date] = mapped_column(Date)
    plan: Mapped[str] = mapped_column(String(40))
    timezone: Mapped[str] = mapped_column(String(64))
    window_start: Mapped[time] = mapped_column(Time)
    window_end: Mapped[time] = mapped_column(Time)
    site: Mapped[str | None] = mapped_column(String(80))
    peer: Mapped[str | None] = mapped_column(String(64))  # the assigned peer's roster name
    consent: Mapped[str] = mapped_column(String(16), default=Consent.PENDING)
    consent_at: Mapped[datetime | None] = mapped_column()
    # Which wording the person said YES (or STOP) to: the invitation's version in its YAML.
    consent_wording: Mapped[str | None] = mapped_column(String(40))
    invited_at: Mapped[datetime | None] = mapped_column()  # when the first invitation went
    invitations_sent: Mapped[int] = mapped_column(Integer, default=0)  # at most 2
    # The person asked for a break from check-ups: what is due on or before this day is held
    # while it lasts (sent if they resume while it is fresh, else it expires unsent); texting
    # the line is never paused (store/pauses.py, checkins/claiming.py).
    paused_until: Mapped[date | None] = mapped_column(Date)
    enrolled_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DueEvent(Base):
    __tablename__ = "due_events"
    __table_args__ = (
        UniqueConstraint(
            "participant_id", "kind", "day", name="uq_due_events_participant_kind_day"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[int] = mapped_column(Integer)  # days after discharge
    due_on: Mapped[date] = mapped_column(Date, index=True)
    expires_after_seconds: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=DueStatus.PENDING, index=True)
    # Taken by a scheduler pass; a claim older than its lease belongs to a process that died.
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    # A check-up with no answer gets one nudge (checkins/nudges.py): when it is next looked at
    # (cleared once it went, was answered, or went stale), and when it went.
    nudge_due_at: Mapped[datetime | None] = mapped_column(index=True)
    nudged_at: Mapped[datetime | None] = mapped_column()
