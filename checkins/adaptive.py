"""RMC's adaptive variant after each completed check-up: the person's pending check-ups are
recomputed in one transaction, monthly again after one that showed need, and a month further
apart after each without (checkins/plans.py's `adaptive_interval`).

The series is counted from the day of the check-up just completed in the person's zone, and
runs to the plan's last check-up day as if none from here shows need; the next check-up
recomputes it again. A check-up already sent, a linkage follow-up (store/linkage.py) and one a
pass has in hand stay as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from checkins.dispatch import CLAIM_LEASE
from checkins.plans import EventKind, Plan, PlannedEvent, adaptive_check_ups, load_plans
from store import audit
from store.checkup_models import Checkup
from store.enrollment_models import DueEvent, DueStatus, Enrollment
from store.linkage_models import LinkageTask


def after_check_up(
    session: Session, participant_id: int, now: datetime, plans: dict[str, Plan] | None = None
) -> int | None:
    """Recomputes an adaptive plan's pending check-ups; returns how many are due, or None when
    the person is not on an adaptive plan."""
    enrollment = session.scalar(
        select(Enrollment).where(Enrollment.participant_id == participant_id)
    )
    plan = (plans or load_plans()).get(enrollment.plan) if enrollment else None
    if enrollment is None or plan is None or not plan.adaptive:
        return None
    today = now.astimezone(ZoneInfo(enrollment.timezone)).date()
    from_day = (today - enrollment.discharge_date).days
    streak = _streak(session, participant_id, enrollment.created_at)
    events = adaptive_check_ups(plan, from_day, streak)
    _replace_pending(session, participant_id, enrollment.discharge_date, events, now)
    audit.record(
        session, "scheduler", "adaptive plan recomputed", participant_id, due_events=len(events)
    )
    return len(events)


def _streak(session: Session, participant_id: int, since: datetime) -> int:
    """Completed check-ups in a row without need, latest first, since enrollment."""
    needs = session.scalars(
        select(Checkup.needs_linkage)
        .where(
            Checkup.participant_id == participant_id,
            Checkup.completed_at.is_not(None),
            Checkup.completed_at >= since,
        )
        .order_by(Checkup.completed_at.desc(), Checkup.id.desc())
    )
    streak = 0
    for need in needs:
        if need:
            break
        streak += 1
    return streak


def _replace_pending(
    session: Session,
    participant_id: int,
    discharged: date,
    events: list[PlannedEvent],
    now: datetime,
) -> None:
    follow_ups = select(LinkageTask.follow_up_event_id).where(
        LinkageTask.participant_id == participant_id, LinkageTask.follow_up_event_id.is_not(None)
    )
    session.execute(
        delete(DueEvent)
        .where(
            DueEvent.participant_id == participant_id,
            DueEvent.kind == EventKind.CHECKUP,
            DueEvent.status == DueStatus.PENDING,
            DueEvent.id.not_in(follow_ups),
            or_(DueEvent.claimed_at.is_(None), DueEvent.claimed_at <= now - CLAIM_LEASE),
        )
        .execution_options(synchronize_session=False)
    )
    taken = set(
        session.scalars(
            select(DueEvent.day).where(
                DueEvent.participant_id == participant_id, DueEvent.kind == EventKind.CHECKUP
            )
        )
    )
    for event in events:
        if event.day in taken:
            continue
        session.add(
            DueEvent(
                participant_id=participant_id,
                kind=event.kind,
                day=event.day,
                due_on=event.due_on(discharged),
                expires_after_seconds=int(event.expires_after.total_seconds()),
            )
        )
