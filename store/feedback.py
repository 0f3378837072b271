"""Peers' word that the screener rated a message wrongly: labelled data for the screening work.

A false alarm (rated too high) comes from resolving an escalation as one; a missed risk (rated
too low) from a peer marking a message. Each row points at the message, whose text stays in
the messages table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.escalation_models import FeedbackKind, ScreeningFeedback
from store.models import Message


@dataclass(frozen=True, slots=True)
class Report:
    message_id: int
    kind: FeedbackKind
    screened_level: str | None  # what the screener said
    level: str  # what the peer says it should have been
    reported_by: str
    escalation_id: int | None = None


@dataclass(frozen=True, slots=True)
class Labelled:
    """One message as the screening work reads it: the text and the level a peer gave it."""

    text: str
    level: str
    kind: str
    screened_level: str | None
    reported_at: datetime


def add(session: Session, report: Report, now: datetime) -> ScreeningFeedback:
    row = ScreeningFeedback(
        message_id=report.message_id,
        kind=report.kind,
        screened_level=report.screened_level,
        level=report.level,
        reported_by=report.reported_by,
        escalation_id=report.escalation_id,
        created_at=now,
    )
    session.add(row)
    return row


def labelled(session: Session) -> list[Labelled]:
    """Every report, oldest first, with its message's text."""
    rows = session.execute(
        select(
            Message.text,
            ScreeningFeedback.level,
            ScreeningFeedback.kind,
            ScreeningFeedback.screened_level,
            ScreeningFeedback.created_at,
        )
        .join(Message, Message.id == ScreeningFeedback.message_id)
        .order_by(ScreeningFeedback.id)
    )
    return [Labelled(*row) for row in rows]
