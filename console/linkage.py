"""Linkage tasks as the console shows them: the open ones, most pressing first, each with who it
is for, why in plain words and its target; and an outcome recorded by the assigned peer (any
peer for an unassigned task) or a supervisor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.queue import person_name
from store import linkage
from store.linkage_models import LinkageOutcome, LinkageStatus, LinkageTask
from store.models import Participant

# What store.checkup.need_reasons and store.linkage name, as a peer would say it.
REASONS = {
    "weekly_use": "using weekly or more since the last check-up",
    "wants_help": "said they want help",
    "cravings": "strong cravings",
    linkage.ASKED: "asked for a peer",
}
OUTCOMES = {
    LinkageOutcome.LINKED: "Linked to treatment",
    LinkageOutcome.APPOINTMENT: "Appointment made",
    LinkageOutcome.DECLINED: "Declined",
    LinkageOutcome.UNREACHABLE: "Unreachable",
}


class NotYours(Exception):
    """A peer recording an outcome on a task assigned to someone else."""


@dataclass(frozen=True)
class TaskRow:
    id: int
    participant_id: int
    person: str
    peer: str | None
    opened_at: datetime
    accepted_at: datetime | None
    reasons: list[str]
    due_by: datetime | None
    overdue: bool
    alerted_at: datetime | None  # when its peer (or those on call) was alerted it is overdue
    can_close: bool


def plain(reason: str) -> str:
    return REASONS.get(reason, reason.replace("_", " "))


def may_close(task_peer: str | None, viewer: str, supervisor: bool) -> bool:
    return supervisor or task_peer is None or task_peer == viewer


def open_tasks(
    session: Session, viewer: str, *, supervisor: bool, caseworker: bool, now: datetime
) -> list[TaskRow]:
    found = session.execute(
        select(LinkageTask, Participant)
        .join(Participant, Participant.id == LinkageTask.participant_id)
        .where(LinkageTask.status == LinkageStatus.OPEN)
        .order_by(LinkageTask.due_by, LinkageTask.id)
    )
    return [
        TaskRow(
            id=task.id,
            participant_id=person.id,
            person=person_name(person),
            peer=task.peer,
            opened_at=task.opened_at,
            accepted_at=task.accepted_at,
            reasons=[plain(reason) for reason in task.reasons or []],
            due_by=task.due_by,
            overdue=task.due_by is not None and task.due_by < now,
            alerted_at=task.overdue_alerted_at,
            can_close=caseworker and may_close(task.peer, viewer, supervisor),
        )
        for task, person in found
    ]


def record_outcome(
    session: Session,
    task_id: int,
    outcome: LinkageOutcome,
    viewer: str,
    *,
    supervisor: bool,
    now: datetime,
) -> bool | None:
    """True when recorded, False when someone closed it first, None for no such open task."""
    task = session.get(LinkageTask, task_id)
    if task is None or task.status == LinkageStatus.OFFERED:
        return None
    if not may_close(task.peer, viewer, supervisor):
        raise NotYours
    return linkage.close(session, task_id, outcome, f"peer:{viewer}", now)
