"""Staff notes on an escalation: for the colleagues who pick the case up next (what was
tried, who was called), never sent to the person. Adding one is audited; its words are not."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import audit
from store.console_models import CaseNote
from store.escalation_models import Escalation

MAX_NOTE_CHARS = 2000


def of(session: Session, escalation_id: int) -> list[CaseNote]:
    """Oldest first: a case's notes read as its story."""
    return list(
        session.scalars(
            select(CaseNote).where(CaseNote.escalation_id == escalation_id).order_by(CaseNote.id)
        )
    )


def add(session: Session, escalation_id: int, author: str, text: str, now: datetime) -> bool:
    """False when there is no such escalation."""
    case = session.get(Escalation, escalation_id)
    if case is None:
        return False
    note = CaseNote(escalation_id=escalation_id, author=author, text=text.strip(), created_at=now)
    session.add(note)
    session.flush()
    audit.record(
        session, f"peer:{author}", "added-note", case.participant_id,
        escalation_id=escalation_id, note_id=note.id,
    )  # fmt: skip
    return True
