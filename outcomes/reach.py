"""Reach: who was enrolled and invited, which check-ups were sent and answered, and who texted
in within a week of discharge. Flows count what happened in the period; the 7-day response
follows the people discharged in it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from outcomes.scope import Scope, enrolled
from store.checkup_models import Checkup
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.models import Direction, Message

RESPONSE_DAYS = 7  # "responded within 7 days of discharge": discharge day to the end of day 7


@dataclass(frozen=True)
class Enrollments:
    enrolled: int  # enrollments made in the period
    invited: int  # first invited in the period; what became of those invitations:
    consented: int
    declined: int
    expired: int
    awaiting: int  # still invited, no answer yet


@dataclass(frozen=True)
class Checkups:
    sent: int  # scheduled check-ups sent in the period
    answered: int  # of those, started by the person before the event's expiry ran out
    completed: int  # of those answered, finished
    need_linkage: int  # completed check-ups in the period meeting the RMC need rule (staff)
    peer_requested: int  # completed check-ups in the period where the person asked for a peer


@dataclass(frozen=True)
class EarlyResponse:
    discharged: int  # discharged in the period, with their 7 days over
    responded: int  # of those, texted in within 7 days of discharge
    waiting: int  # discharged in the period, still within their 7 days: not yet counted


def enrollment_figures(session: Session, scope: Scope) -> Enrollments:
    rows = session.execute(
        select(Enrollment.created_at, Enrollment.invited_at, Enrollment.consent).where(
            Enrollment.participant_id.in_(enrolled(scope))
        )
    ).all()
    invited = Counter(consent for _, invited_at, consent in rows if scope.holds(invited_at))
    return Enrollments(
        enrolled=sum(scope.holds(created_at) for created_at, _, _ in rows),
        invited=invited.total(),
        consented=invited[Consent.CONSENTED],
        declined=invited[Consent.DECLINED],
        expired=invited[Consent.EXPIRED],
        awaiting=invited[Consent.INVITED],
    )


def checkup_figures(session: Session, scope: Scope) -> Checkups:
    sent = _sent_checkups(session, scope)
    started = _started_checkups(session, scope)
    answered = [_answered(started[person], at, expiry) for person, at, expiry in sent]
    finished = [c for each in started.values() for c in each if scope.holds(c.completed_at)]
    return Checkups(
        sent=len(sent),
        answered=sum(found is not None for found in answered),
        completed=sum(found is not None and found.completed_at is not None for found in answered),
        need_linkage=sum(bool(c.needs_linkage) for c in finished),
        peer_requested=sum(c.peer_requested_at is not None for c in finished),
    )


def _sent_checkups(session: Session, scope: Scope) -> list[tuple[int, datetime, timedelta]]:
    """(participant, when sent, its expiry) for each scheduled check-up sent in the period."""
    rows = session.execute(
        select(DueEvent.participant_id, DueEvent.sent_at, DueEvent.expires_after_seconds).where(
            DueEvent.participant_id.in_(enrolled(scope)),
            DueEvent.kind == "checkup",
            DueEvent.status == DueStatus.SENT,
        )
    ).all()
    return [
        (person, at, timedelta(seconds=expiry))
        for person, at, expiry in rows
        if at is not None and scope.holds(at)
    ]


def _started_checkups(session: Session, scope: Scope) -> defaultdict[int, list[Checkup]]:
    """Each person's check-ups with answers ("not now" rows only say when to ask again)."""
    started: defaultdict[int, list[Checkup]] = defaultdict(list)
    query = select(Checkup).where(
        Checkup.participant_id.in_(enrolled(scope)), Checkup.ask_again_at.is_(None)
    )
    for checkup in session.scalars(query.order_by(Checkup.started_at)):
        started[checkup.participant_id].append(checkup)
    return started


def _answered(checkups: list[Checkup], sent_at: datetime, expiry: timedelta) -> Checkup | None:
    """The check-up the person started in answer to one sent at `sent_at`, if before expiry."""
    return next((c for c in checkups if sent_at <= c.started_at < sent_at + expiry), None)


def early_response(session: Session, scope: Scope, now: datetime) -> EarlyResponse:
    rows = session.execute(
        select(Enrollment.participant_id, Enrollment.discharge_date, Enrollment.timezone).where(
            Enrollment.participant_id.in_(enrolled(scope))
        )
    ).all()
    cohort = [row for row in rows if scope.holds_day(row.discharge_date)]
    windows = {participant: _first_week(day, zone) for participant, day, zone in cohort}
    over = {person: span for person, span in windows.items() if span[1] <= now}
    return EarlyResponse(
        discharged=len(over),
        responded=sum(_texted_in(session, person, *span) for person, span in over.items()),
        waiting=len(windows) - len(over),
    )


def _first_week(discharged: date, zone: str) -> tuple[datetime, datetime]:
    """From the start of the discharge day, in the person's zone, to the end of day 7."""
    start = datetime.combine(discharged, time(0), ZoneInfo(zone))
    return start, start + timedelta(days=RESPONSE_DAYS + 1)


def _texted_in(session: Session, participant_id: int, start: datetime, end: datetime) -> bool:
    found = session.scalar(
        select(Message.id)
        .where(
            Message.participant_id == participant_id,
            Message.direction == Direction.INBOUND,
            Message.created_at >= start,
            Message.created_at < end,
        )
        .limit(1)
    )
    return found is not None
