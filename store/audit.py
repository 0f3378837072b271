"""The audit log: who did what and when, for staff review and disclosure records."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from store.models import AuditEntry


def record(
    session: Session,
    actor: str,
    action: str,
    participant_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, participant_id=participant_id, detail=detail)
    session.add(entry)
    return entry
