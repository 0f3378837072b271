"""Enrolling the checked rows of a program's file: a participant, their addresses, the
enrollment and the plan's due events, all in one transaction, each an audit row.

A person already enrolled (the same external id, or a phone number that already belongs to an
enrolled person) is recognised and left as they are: a file sent twice enrolls nobody twice. A
phone number that texted before without being enrolled joins its conversation to the
enrollment, so the history stays with the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from checkins.enrollment_csv import EnrollmentRow
from checkins.plans import Plan, expand
from store import audit, telegram_links
from store.enrollment_models import DueEvent, DueStatus, Enrollment
from store.models import Participant, ParticipantAddress


class Result(StrEnum):
    ENROLLED = "enrolled"
    ALREADY_ENROLLED = "already enrolled"


@dataclass(frozen=True)
class Enrolled:
    line: int
    result: Result
    participant_id: int
    telegram_code: str | None = None  # the deep link t.me/<bot>?start=<code>; good once


def enroll(
    session: Session, rows: list[EnrollmentRow], plans: dict[str, Plan], actor: str, now: datetime
) -> list[Enrolled]:
    """Enrolls each row not enrolled before; the caller's transaction holds them all."""
    return [_enroll_one(session, row, plans[row.plan], actor, now) for row in rows]


def _enroll_one(
    session: Session, row: EnrollmentRow, plan: Plan, actor: str, now: datetime
) -> Enrolled:
    known = _already_enrolled(session, row)
    if known is not None:
        return Enrolled(row.line, Result.ALREADY_ENROLLED, known)
    address = f"tel:{row.phone}" if row.phone else None
    participant = _participant_for(session, address, row.display_name, now)
    participant.language = participant.language or row.language
    # The deep link's token: shown once to hand over, stored only hashed (store/telegram_links).
    code = telegram_links.issue(session, participant.id, now) if row.telegram else None
    session.add(
        Enrollment(
            participant_id=participant.id,
            external_id=row.external_id,
            discharge_date=row.discharge_date,
            plan=plan.name,
            timezone=row.timezone,
            window_start=row.window[0],
            window_end=row.window[1],
            site=row.site,
            peer=row.peer,
            enrolled_by=actor,
            created_at=now,
            updated_at=now,
        )
    )
    due = schedule(session, participant.id, plan, row.discharge_date, now)
    audit.record(session, actor, "enrolled", participant.id, plan=plan.name, due_events=due)
    return Enrolled(row.line, Result.ENROLLED, participant.id, code)


def _already_enrolled(session: Session, row: EnrollmentRow) -> int | None:
    by_id = session.scalar(
        select(Enrollment.participant_id).where(Enrollment.external_id == row.external_id)
    )
    if by_id is not None or row.phone is None:
        return by_id
    return session.scalar(
        select(Enrollment.participant_id)
        .join(ParticipantAddress, ParticipantAddress.participant_id == Enrollment.participant_id)
        .where(ParticipantAddress.address == f"tel:{row.phone}")
    )


def _participant_for(
    session: Session, address: str | None, display_name: str | None, now: datetime
) -> Participant:
    """The participant who already texted from this number, or a new one."""
    link = None
    if address is not None:
        link = session.scalar(
            select(ParticipantAddress).where(ParticipantAddress.address == address)
        )
    if link is not None:
        participant = session.get_one(Participant, link.participant_id)
        participant.display_name = participant.display_name or display_name
        return participant
    participant = Participant(display_name=display_name, created_at=now)
    session.add(participant)
    session.flush()
    if address is not None:
        session.add(
            ParticipantAddress(
                participant_id=participant.id, address=address, channel="tel", created_at=now
            )
        )
    return participant


def schedule(
    session: Session, participant_id: int, plan: Plan, discharged: date, now: datetime
) -> int:
    """Replaces the person's pending due events with the plan's, from the discharge date; returns
    how many are due. Events whose time has passed with their expiry are not added: a plan
    started late begins where it stands, never with a burst of stale check-ups."""
    session.execute(
        delete(DueEvent).where(
            DueEvent.participant_id == participant_id, DueEvent.status == DueStatus.PENDING
        )
    )
    kept = select(DueEvent.kind, DueEvent.day).where(DueEvent.participant_id == participant_id)
    done = {(kind, day) for kind, day in session.execute(kept)}
    added = 0
    for event in expand(plan):
        due_on = event.due_on(discharged)
        # The end of its day plus its expiry: still possibly sendable, in any zone.
        last_chance = datetime.combine(due_on, datetime.min.time(), now.tzinfo) + timedelta(days=1)
        if (event.kind, event.day) in done or last_chance + event.expires_after < now:
            continue
        session.add(
            DueEvent(
                participant_id=participant_id,
                kind=event.kind,
                day=event.day,
                due_on=due_on,
                expires_after_seconds=int(event.expires_after.total_seconds()),
            )
        )
        added += 1
    return added
