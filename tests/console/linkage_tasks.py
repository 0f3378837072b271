"""Linkage tasks for the console's tests, as store/linkage.py leaves them."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utcnow
from store.db import Database
from store.linkage_models import LinkageStatus, LinkageTask
from store.models import Participant


def add_task(
    db: Database,
    name: str,
    peer: str | None,
    hours_left: float,
    reasons: tuple[str, ...] = ("weekly_use",),
    status: LinkageStatus = LinkageStatus.OPEN,
) -> int:
    now = utcnow()
    with db.transaction() as session:
        person = Participant(display_name=name)
        session.add(person)
        session.flush()
        task = LinkageTask(
            participant_id=person.id, peer=peer, reasons=list(reasons), status=status,
            opened_at=now - timedelta(days=1), accepted_at=now - timedelta(hours=20),
            due_by=now + timedelta(hours=hours_left),
        )  # fmt: skip
        session.add(task)
        session.flush()
        return task.id
