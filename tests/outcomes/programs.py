"""Generated program data for the outcomes tests, made through the store's own functions (never
real people): enrollments, invitations, check-ups, BARC-10 check-ins, messages, escalations."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from checkins.enroll import enroll
from checkins.enrollment_csv import EnrollmentRow
from checkins.plans import load_plans
from escalation.levels import Level, Screening
from escalation.policy import ResponseTargets
from escalation.service import EscalationPolicy, escalate
from store import barc10, checkup
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.escalation_models import Escalation
from store.messages import store_inbound

DISCHARGED = date(2026, 11, 2)
ENROLLED_AT = datetime(2026, 11, 2, 15, tzinfo=UTC)
ZONE = "America/Chicago"
TARGETS = {"emergency": 5.0, "crisis": 15.0, "concern": 1440.0}
POLICY = EscalationPolicy(
    roster=[],
    targets=ResponseTargets(*(timedelta(minutes=TARGETS[level]) for level in TARGETS)),
    base_url="http://127.0.0.1:8000",
    alerts_before_supervisor=2,
)


def phone(n: int) -> str:
    return f"+1312555{n:04d}"  # 555-01xx: numbers reserved for fiction


def enroll_person(
    session: Session, n: int, name: str, site: str = "North", plan: str = "standard"
) -> int:
    row = EnrollmentRow(
        line=n + 1,
        external_id=f"P-{n}",
        discharge_date=DISCHARGED,
        plan=plan,
        phone=phone(n),
        telegram=False,
        display_name=name,
        site=site,
        peer=None,
        timezone=ZONE,
        window=(time(9), time(20)),
    )
    [done] = enroll(session, [row], load_plans(), "staff", ENROLLED_AT)
    return done.participant_id


def invite(session: Session, participant_id: int, consent: Consent, at: datetime) -> None:
    """What the invitation steps leave on the enrollment (checkins/invitations.py)."""
    session.execute(
        update(Enrollment)
        .where(Enrollment.participant_id == participant_id)
        .values(invited_at=at, invitations_sent=1, consent=consent, consent_at=at)
    )


def send_checkup(session: Session, participant_id: int, day: int, at: datetime) -> None:
    """What the scheduler's pass leaves on a check-up it sent (checkins/dispatch.py)."""
    session.execute(
        update(DueEvent)
        .where(
            DueEvent.participant_id == participant_id,
            DueEvent.kind == "checkup",
            DueEvent.day == day,
        )
        .values(status=DueStatus.SENT, sent_at=at)
    )


def answer_checkup(
    session: Session, participant_id: int, at: datetime, *, finish: bool, wants_help: bool = False
) -> None:
    checkup.record_answer(session, participant_id, "how", ("ROUGH WEEK HONESTLY", None), at)
    checkup.record_answer(session, participant_id, "cravings", ("about a 7", 7), at)
    checkup.record_answer(session, participant_id, "use", ("NOT SURE WHAT TO SAY", None), at)
    checkup.record_answer(
        session, participant_id, "supports", ("MY SPONSOR AND NA", ["meetings", "sponsor"]), at
    )
    checkup.record_answer(session, participant_id, "went_well", (None, None), at)  # skipped
    if finish:
        checkup.complete(session, participant_id, wants_help, at)


def barc10_checkin(
    session: Session, participant_id: int, scores: list[int | None], at: datetime
) -> None:
    """One check-in, item by item, then completed (its total only if all ten were scored)."""
    for item, score in enumerate(scores, 1):
        barc10.record_answer(session, participant_id, item, score, at)
    barc10.complete(session, participant_id, at)


def scores_for(total: int) -> list[int | None]:
    """Ten scores adding up to `total` (10-60)."""
    base, extra = divmod(total, 10)
    return [base + (item < extra) for item in range(10)]


def text_in(session: Session, n: int, at: datetime, text: str = "hi") -> int:
    stored = store_inbound(
        session,
        address=f"tel:{phone(n)}",
        channel_message_id=f"m{n}-{at.timestamp():.0f}",
        text=text,
        now=at,
    )
    return stored.message.id


def participant(session: Session, n: int) -> int:
    return session.scalars(
        select(Enrollment.participant_id).where(Enrollment.external_id == f"P-{n}")
    ).one()


def escalation(session: Session, n: int, level: Level, at: datetime) -> int:
    message_id = text_in(session, n, at, "I CANNOT DO THIS ANYMORE")
    participant_id = participant(session, n)
    opened = escalate(session, POLICY, participant_id, message_id, Screening(level), at)
    # escalate() leaves created_at to the wall clock; the report measures from it.
    session.execute(update(Escalation).where(Escalation.id == opened.id).values(created_at=at))
    return opened.id
