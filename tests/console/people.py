"""A made-up participant with a history (never a real one): an SMS address, a program's
enrollment with consent, check-ups, BARC-10 check-ins over four months, and a resolved case."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from store import barc10
from store.checkup_models import Checkup, CheckupAnswer
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.escalation_models import Escalation, EscalationStatus
from store.models import Participant, ParticipantAddress

START = datetime(2026, 8, 3, 15, 0, tzinfo=UTC)
PHONE = "tel:+15555550123"  # a 555-01xx number: reserved for fiction
# Four BARC-10 check-ins a month apart; the third skipped item 7, so it has no total.
BARC10_SCORES: list[dict[int, int | None]] = [
    {1: 3, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 3, 10: 3},  # 30
    {1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 4, 7: 4, 8: 5, 9: 4, 10: 4},  # 39
    {1: 5, 2: 4, 3: 4, 4: 4, 5: 5, 6: 5, 7: None, 8: 5, 9: 4, 10: 5},  # no total
    {1: 6, 2: 5, 3: 5, 4: 4, 5: 5, 6: 5, 7: 5, 8: 6, 9: 4, 10: 5},  # 50
]
TOTALS = [30, 39, None, 50]
CRAVINGS_WORDS = "about a 4 today, better than last week"


def _barc10s(db: Database, person: int) -> None:
    for month, scores in enumerate(BARC10_SCORES):
        at = START + timedelta(days=30 * month)
        with db.transaction() as session:
            for item, score in scores.items():
                barc10.record_answer(session, person, item, score, at)
            barc10.complete(session, person, at + timedelta(minutes=4))


def _checkup(db: Database, person: int) -> None:
    at = START + timedelta(days=7)
    with db.transaction() as session:
        checkup = Checkup(
            participant_id=person, started_at=at, completed_at=at + timedelta(minutes=6),
            needs_linkage=True,
        )  # fmt: skip
        session.add(checkup)
        session.flush()
        session.add_all([
            CheckupAnswer(checkup_id=checkup.id, question="cravings", text=CRAVINGS_WORDS,
                          value=4, answered_at=at),
            CheckupAnswer(checkup_id=checkup.id, question="supports", text=None, answered_at=at),
        ])  # fmt: skip


def _enrollment(person: int) -> Enrollment:
    return Enrollment(
        participant_id=person, external_id="demo-0001", discharge_date=date(2026, 8, 1),
        plan="standard", timezone="America/Chicago", window_start=time(9),
        window_end=time(20), site="Riverside", peer="Ana", consent=Consent.CONSENTED,
        consent_at=START, consent_wording="v1", enrolled_by="tests",
    )  # fmt: skip


def _resolved_case(person: int) -> Escalation:
    opened = START + timedelta(days=40)
    return Escalation(
        participant_id=person, level="crisis", reasons=["suicide:ideation"],
        status=EscalationStatus.RESOLVED, created_at=opened,
        respond_by=opened + timedelta(minutes=15), claimed_by="Ana", resolved_by="Ana",
        resolved_at=opened + timedelta(minutes=40), outcome="Connected to care",
        outcome_kind="linked-to-care",
    )  # fmt: skip


def add_person_with_history(db: Database, name: str = "Riley") -> int:
    with db.transaction() as session:
        person = Participant(display_name=name, created_at=START, stage_of_change="action")
        session.add(person)
        session.flush()
        session.add(ParticipantAddress(participant_id=person.id, address=PHONE, channel="sms"))
        session.add_all([_enrollment(person.id), _resolved_case(person.id)])
        person_id = person.id
    _barc10s(db, person_id)
    _checkup(db, person_id)
    return person_id
