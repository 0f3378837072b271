"""Enrollment from the console: one person from a form, or a program's CSV, checked by the same
rules as `warmline enroll` (checkins/enrollment_csv.py) and imported by the same code
(checkins/enroll.py); and a person's discharge date or plan changed, their due events
recomputed. Every step is an audit row naming the staff member; counts and line numbers only,
never a phone number or a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkins.enroll import Enrolled, Result, enroll, schedule
from checkins.enrollment_csv import (
    CheckedFile,
    CsvFileError,
    Rules,
    check_discharge,
    check_values,
    read_enrollment_csv,
)
from checkins.plans import EventKind, Plan
from console import consent_state
from store import audit
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.linkage_models import LinkageTask
from store.models import Participant

REGION = "US"  # where national phone numbers are from, as `warmline enroll` assumes by default
LIST_ROWS = 200


@dataclass
class Upload:
    """What became of a file: unreadable, checked (and held back), or imported."""

    checked: CheckedFile = field(default_factory=CheckedFile)
    file_error: str | None = None
    enrolled: list[Enrolled] = field(default_factory=list)
    imported: bool = False

    @property
    def held_back(self) -> bool:
        return not self.imported and self.file_error is None and bool(self.checked.bad)

    def who(self, line: int) -> str:
        """The good row on `line` as staff know it: their name and the program's id."""
        for row in self.checked.rows:
            if row.line == line:
                return (
                    f"{row.display_name} ({row.external_id})"
                    if row.display_name
                    else row.external_id
                )
        return f"line {line}"

    @property
    def new(self) -> int:
        return sum(each.result is Result.ENROLLED for each in self.enrolled)


def rules(plans: Sequence[str], peers: Sequence[str], today: date, zone: str | None) -> Rules:
    return Rules(plans, peers, today, zone or None, REGION)


def upload(
    session: Session,
    text: str,
    checking: Rules,
    plans: dict[str, Plan],
    actor: str,
    now: datetime,
    import_good: bool,
) -> Upload:
    """Checks the whole file; imports it when every row is good, or its good rows when staff
    chose that. Nothing is imported from a file with a bad row otherwise."""
    try:
        checked = read_enrollment_csv(text, checking)
    except CsvFileError as error:
        audit.record(session, actor, "enrollment-file-refused")
        return Upload(file_error=str(error))
    counts = {"good_rows": len(checked.rows), "bad_rows": len(checked.bad)}
    if checked.bad and not import_good:
        audit.record(session, actor, "enrollment-file-checked", **counts)
        return Upload(checked=checked)
    enrolled = enroll(session, checked.rows, plans, actor, now)
    result = Upload(checked=checked, enrolled=enrolled, imported=True)
    audit.record(session, actor, "enrollment-file-imported", **counts, enrolled=result.new)
    return result


def enroll_person(
    session: Session,
    values: dict[str, str],
    checking: Rules,
    plans: dict[str, Plan],
    actor: str,
    now: datetime,
) -> tuple[Enrolled | None, list[str]]:
    """One person from the form: enrolled (or recognised as enrolled), or every problem."""
    row, problems = check_values(values, checking)
    if row is None:
        return None, problems
    return enroll(session, [row], plans, actor, now)[0], []


@dataclass(frozen=True)
class EnrolledPerson:
    participant_id: int
    name: str
    external_id: str
    discharge_date: date
    plan: str
    site: str | None
    peer: str | None
    consent: str
    timezone: str
    consent_note: str  # where the invitation stands, and what staff can do (console/consent_state)
    can_relink: bool  # a new Telegram link can be given: they have not said YES or STOP


def enrolled_people(
    session: Session, now: datetime, limit: int = LIST_ROWS
) -> list[EnrolledPerson]:
    """The latest enrollments first."""
    found = session.execute(
        select(Enrollment, Participant)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .order_by(Enrollment.id.desc())
        .limit(limit)
    ).all()
    reach = consent_state.reach_of(session, (p.id for _, p in found))
    return [_person(e, p, reach[p.id], now) for e, p in found]


def enrolled_person(session: Session, participant_id: int, now: datetime) -> EnrolledPerson | None:
    found = session.execute(
        select(Enrollment, Participant)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .where(Enrollment.participant_id == participant_id)
    ).first()
    if found is None:
        return None
    reach = consent_state.reach_of(session, [participant_id])[participant_id]
    return _person(*found, reach, now)


def _person(
    enrollment: Enrollment, person: Participant, reach: consent_state.Reach, now: datetime
) -> EnrolledPerson:
    return EnrolledPerson(
        participant_id=person.id,
        name=person.display_name or f"Person {person.id}",
        external_id=enrollment.external_id,
        discharge_date=enrollment.discharge_date,
        plan=enrollment.plan,
        site=enrollment.site,
        peer=enrollment.peer,
        consent=enrollment.consent,
        timezone=enrollment.timezone,
        consent_note=consent_state.describe(enrollment, reach, now),
        can_relink=enrollment.consent not in (Consent.CONSENTED, Consent.DECLINED),
    )


class ChangeRefused(ValueError):
    """The change names a date or a plan the rules refuse: nothing changed."""


def change(
    session: Session,
    participant_id: int,
    discharge_text: str,
    plan: str,
    plans: dict[str, Plan],
    actor: str,
    now: datetime,
) -> int | None:
    """A new discharge date and/or plan, and the person's pending due events recomputed in this
    transaction; returns how many are due, or None when nothing changed."""
    enrollment = session.scalars(
        select(Enrollment).where(Enrollment.participant_id == participant_id)
    ).one()
    discharged, problem = check_discharge(discharge_text, now.date())
    problems = [problem] if problem else []
    if plan not in plans:
        problems.append(f"plan: not one of {', '.join(sorted(plans))}")
    if problems or discharged is None:
        raise ChangeRefused("; ".join(problems))
    changed = [
        name
        for name, old, new in (
            ("discharge_date", enrollment.discharge_date, discharged),
            ("plan", enrollment.plan, plan),
        )
        if old != new
    ]
    if not changed:
        return None
    enrollment.discharge_date, enrollment.plan, enrollment.updated_at = discharged, plan, now
    due = _recompute(session, participant_id, plans[plan], discharged, now)
    audit.record(
        session, actor, "enrollment-changed", participant_id,
        changed=changed, plan=plan, due_events=due,
    )  # fmt: skip
    return due


def _recompute(
    session: Session, participant_id: int, plan: Plan, discharged: date, now: datetime
) -> int:
    """The plan's events from the new date (checkins.enroll.schedule), keeping each pending
    linkage follow-up on its calendar day: it is a week after a check-up that showed need,
    not a day of the plan."""
    tasks = list(
        session.scalars(
            select(LinkageTask)
            .join(DueEvent, DueEvent.id == LinkageTask.follow_up_event_id)
            .where(
                LinkageTask.participant_id == participant_id,
                DueEvent.status == DueStatus.PENDING,
            )
        )
    )
    kept: dict[int, tuple[date, int]] = {}
    for task in tasks:
        event = session.get_one(DueEvent, task.follow_up_event_id)
        kept[task.id] = (event.due_on, event.expires_after_seconds)
        task.follow_up_event_id = None
    session.flush()
    due = schedule(session, participant_id, plan, discharged, now)
    for task in tasks:
        due_on, expiry = kept[task.id]
        task.follow_up_event_id = _check_up_on(session, participant_id, discharged, due_on, expiry)
    return due


def _check_up_on(
    session: Session, participant_id: int, discharged: date, due_on: date, expiry: int
) -> int:
    day = (due_on - discharged).days
    existing = session.scalar(
        select(DueEvent).where(
            DueEvent.participant_id == participant_id,
            DueEvent.kind == EventKind.CHECKUP,
            DueEvent.day == day,
        )
    )
    if existing is not None:
        return existing.id
    event = DueEvent(
        participant_id=participant_id,
        kind=EventKind.CHECKUP,
        day=day,
        due_on=due_on,
        expires_after_seconds=expiry,
    )
    session.add(event)
    session.flush()
    return event.id
