"""Overdue linkage tasks: an open task past its target with no outcome alerts its assigned
peer (or, unassigned or not on the roster, the peers on call) once, through the escalations'
peer-alert path.

The alert says only that a linkage task is overdue and where to look: no name, no reason, no
health detail (42 CFR Part 2; a text or a Telegram chat is not a secure channel).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from escalation.service import EscalationPolicy, on_call
from store.escalation_models import AlertKind, PeerAlert
from store.linkage_models import LinkageStatus, LinkageTask
from store.roster import OnCall


def alert_text(task_id: int, base_url: str) -> str:
    return (
        f"Warmline: linkage task #{task_id} is past its target. Review: {base_url}/console/linkage"
    )


def alert_overdue(session: Session, policy: EscalationPolicy, now: datetime) -> int:
    """Queues one alert per overdue task not yet alerted; returns how many tasks. Each task is
    claimed by a conditional update, so of two passes at once (two schedulers) only one
    alerts: on PostgreSQL the other waits on the row and then finds it already claimed."""
    due = session.scalars(
        select(LinkageTask.id).where(
            LinkageTask.status == LinkageStatus.OPEN,
            LinkageTask.due_by < now,
            LinkageTask.overdue_alerted_at.is_(None),
        )
    ).all()
    peers = on_call(session, policy, now) if due else []
    alerted = 0
    for task_id in due:
        claimed = _claim(session, task_id, now)
        if claimed is None:
            continue
        for recipient in _recipients(peers, claimed.peer):
            session.add(_alert(task_id, recipient, policy.base_url, now))
        alerted += 1
    session.flush()
    return alerted


def _claim(session: Session, task_id: int, now: datetime) -> Row[str | None] | None:
    """The task (its peer; None: unassigned) once this pass owns its alert; None when another
    pass alerted it, or it closed, in the meantime."""
    return session.execute(
        update(LinkageTask)
        .where(
            LinkageTask.id == task_id,
            LinkageTask.status == LinkageStatus.OPEN,
            LinkageTask.overdue_alerted_at.is_(None),
        )
        .values(overdue_alerted_at=now)
        .returning(LinkageTask.peer)
    ).first()


def _recipients(peers: Sequence[OnCall], assigned: str | None) -> list[OnCall]:
    """The assigned peer when the roster knows them; otherwise every peer on call (not the
    supervisors, as with an escalation's first alert)."""
    named = [p for p in peers if assigned is not None and p.name == assigned and p.alert_addresses]
    return named or [p for p in peers if not p.supervisor and p.alert_addresses]


def _alert(task_id: int, peer: OnCall, base_url: str, now: datetime) -> PeerAlert:
    # One address per peer, like a concern: it needs doing today, not this minute.
    return PeerAlert(linkage_task_id=task_id, recipient=peer.name, address=peer.alert_addresses[0],
                     kind=AlertKind.LINKAGE_OVERDUE, text=alert_text(task_id, base_url),
                     next_attempt_at=now)  # fmt: skip
