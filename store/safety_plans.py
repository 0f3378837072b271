"""A person's safety plan: the lines the crisis companion heard, in the order they were given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.escalation_models import SafetyPlanEntry


def lines_of(session: Session, participant_id: int) -> list[tuple[str, str]]:
    """(section, text) pairs, oldest first: recalled in a later crisis, shown to peers."""
    rows = session.execute(
        select(SafetyPlanEntry.section, SafetyPlanEntry.text)
        .where(SafetyPlanEntry.participant_id == participant_id)
        .order_by(SafetyPlanEntry.id)
    )
    return [(section, text) for section, text in rows]


def add_line(
    session: Session,
    participant_id: int,
    section: str,
    text: str,
    message_id: int,
    now: datetime,
) -> None:
    session.add(
        SafetyPlanEntry(
            participant_id=participant_id,
            section=section,
            text=text[:500],
            message_id=message_id,
            created_at=now,
        )
    )
