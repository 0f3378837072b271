"""Linkage back to treatment (Recovery Management Checkups, Dennis, Scott and Funk, 2003): a
check-up that shows need opens a task for the person's assigned peer, with its own target, one
of four outcomes, and a check-in a week later.

Need found is first an offer: the task is "offered" and nobody contacts the person over it until
they say yes to a peer ("open", with its target from then). Both kinds are staff's record of
need; the person only ever hears the offer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from store import audit
from store.enrollment_models import DueEvent, DueStatus, Enrollment
from store.linkage_models import LinkageOutcome, LinkageStatus, LinkageTask
from store.queue import changed_one_row

FOLLOW_UP_AFTER = timedelta(days=7)
FOLLOW_UP_EXPIRY = timedelta(hours=48)  # as a plan's check-up: a day or two late, never stale
# The plan kind (checkins.plans.EventKind.CHECKUP), spelt here: store sits below checkins.
CHECKUP = "checkup"
ASKED = "asked_for_peer"  # yes to a peer with no need found first: their own sense of need


@dataclass(frozen=True)
class LinkagePolicy:
    target: timedelta = timedelta(days=2)
    cravings_at: int | None = None  # a program's extra: cravings at or above it; None is off


def offer(
    session: Session,
    participant_id: int,
    checkup_id: int | None,
    reasons: Sequence[str],
    now: datetime,
) -> LinkageTask:
    """Records need found, offered and not (yet) accepted, for the assigned peer, with the
    check-in a week later when the person is enrolled in a program."""
    enrollment = _enrollment(session, participant_id)
    task = LinkageTask(
        participant_id=participant_id,
        checkup_id=checkup_id,
        peer=enrollment.peer if enrollment else None,
        reasons=list(reasons),
        status=LinkageStatus.OFFERED,
        opened_at=now,
    )
    if enrollment is not None:
        task.follow_up_event_id = follow_up(session, enrollment, now)
    session.add(task)
    session.flush()
    audit.record(session, "assistant", "linkage_offered", participant_id, task=task.id)
    return task


def accept(session: Session, participant_id: int, now: datetime, target: timedelta) -> LinkageTask:
    """They said yes to a peer: their latest offered task opens, due within the target (a task
    of its own when none was offered)."""
    task = session.scalar(
        select(LinkageTask)
        .where(
            LinkageTask.participant_id == participant_id,
            LinkageTask.status == LinkageStatus.OFFERED,
        )
        .order_by(LinkageTask.id.desc())
        .limit(1)
    )
    if task is None:
        task = offer(session, participant_id, None, [ASKED], now)
    task.status, task.accepted_at, task.due_by = LinkageStatus.OPEN, now, now + target
    audit.record(session, "assistant", "linkage_accepted", participant_id, task=task.id)
    return task


def close(
    session: Session, task_id: int, outcome: LinkageOutcome, actor: str, now: datetime
) -> bool:
    """Records the outcome; False when the task was closed already (by someone else)."""
    closed = session.execute(
        update(LinkageTask)
        .where(LinkageTask.id == task_id, LinkageTask.status != LinkageStatus.CLOSED)
        .values(status=LinkageStatus.CLOSED, outcome=outcome, closed_at=now, closed_by=actor)
        .execution_options(synchronize_session=False)
    )
    if not changed_one_row(closed):
        return False
    task = session.get_one(LinkageTask, task_id)
    audit.record(session, actor, "linkage_closed", task.participant_id, outcome=str(outcome))
    return True


def for_peer(session: Session, peer: str) -> Sequence[LinkageTask]:
    """The open tasks a peer works: their own and the unassigned, the most pressing first."""
    return session.scalars(
        select(LinkageTask)
        .where(
            LinkageTask.status == LinkageStatus.OPEN,
            or_(LinkageTask.peer == peer, LinkageTask.peer.is_(None)),
        )
        .order_by(LinkageTask.due_by, LinkageTask.id)
    ).all()


def overdue(session: Session, now: datetime) -> Sequence[LinkageTask]:
    """Open tasks past their target: for a supervisor."""
    return session.scalars(
        select(LinkageTask)
        .where(LinkageTask.status == LinkageStatus.OPEN, LinkageTask.due_by < now)
        .order_by(LinkageTask.due_by)
    ).all()


def follow_up(session: Session, enrollment: Enrollment, now: datetime) -> int | None:
    """A check-up a week from today in the person's zone (a plan's check-up already due that
    day serves); None when that day's check-up already went out or was dropped."""
    today = now.astimezone(ZoneInfo(enrollment.timezone)).date()
    due_on = today + FOLLOW_UP_AFTER
    day = (due_on - enrollment.discharge_date).days
    existing = session.scalar(
        select(DueEvent).where(
            DueEvent.participant_id == enrollment.participant_id,
            DueEvent.kind == CHECKUP,
            DueEvent.day == day,
        )
    )
    if existing is not None:
        return existing.id if existing.status == DueStatus.PENDING else None
    return _add_check_up(session, enrollment.participant_id, day, due_on)


def _add_check_up(session: Session, participant_id: int, day: int, due_on: date) -> int:
    event = DueEvent(
        participant_id=participant_id,
        kind=CHECKUP,
        day=day,
        due_on=due_on,
        expires_after_seconds=int(FOLLOW_UP_EXPIRY.total_seconds()),
    )
    session.add(event)
    session.flush()
    return event.id


def _enrollment(session: Session, participant_id: int) -> Enrollment | None:
    return session.scalar(select(Enrollment).where(Enrollment.participant_id == participant_id))
