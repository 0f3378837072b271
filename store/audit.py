"""The audit log: who did what and when, for staff review and disclosure records."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy.orm import Session

from store.models import AuditEntry

# From where: the console sets the client's address for the request it serves, so every row
# the request writes (its own, and casework's deeper down) says where the action came from.
client_address: ContextVar[str | None] = ContextVar("audit_client_address", default=None)


def record(
    session: Session,
    actor: str,
    action: str,
    participant_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor,
        action=action,
        participant_id=participant_id,
        detail=detail,
        client=client_address.get(),
    )
    session.add(entry)
    return entry
