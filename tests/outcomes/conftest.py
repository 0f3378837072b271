"""A small generated program in November 2026: three people at site North on the standard plan
(Avery P-1, Blake P-2, Casey P-3) and one at South (Dana P-4), with invitations, a check-up,
BARC-10 check-ins, messages, escalations and an opt-out, each made through the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from escalation.levels import Level
from store import escalations
from store.db import Database
from store.enrollment_models import Consent
from store.escalation_models import OutcomeKind
from store.linkage import accept, close, offer
from store.linkage_models import LinkageOutcome
from store.models import AuditEntry
from store.participants import opt_out
from tests.outcomes.programs import (
    answer_checkup,
    barc10_checkin,
    enroll_person,
    escalation,
    invite,
    participant,
    phone,
    scores_for,
    send_checkup,
    text_in,
)

NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)
NAMES = ("Avery", "Blake", "Casey", "Dana")


def nov(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def program(db: Database) -> Database:
    return build_november(db)


def build_november(db: Database) -> Database:
    with db.transaction() as session:
        people = [enroll_person(session, n, name) for n, name in enumerate(NAMES[:3], 1)]
        people.append(enroll_person(session, 4, "Dana", site="South", plan="rmc_quarterly"))
        avery, blake, casey, dana = people
        answers = (Consent.CONSENTED, Consent.DECLINED, Consent.INVITED)
        for person, consent in zip(people[:3], answers, strict=True):
            invite(session, person, consent, nov(2, 16))
        for person in (avery, blake, casey):
            send_checkup(session, person, 3, nov(5, 16))
        answer_checkup(session, avery, nov(5, 17), finish=True, wants_help=True)
        answer_checkup(session, blake, nov(8, 17), finish=True)  # after its 48 hours
        answer_checkup(session, casey, nov(5, 18), finish=False)
        text_in(session, 1, nov(5, 16, 30))  # day 3: within the first week
        text_in(session, 2, nov(12))  # day 10: too late
        text_in(session, 4, nov(3))
        for person, first, latest in ((avery, 30, 32), (blake, 43, 47), (casey, 42, 48),
                                      (dana, 20, 25)):  # fmt: skip
            barc10_checkin(session, person, scores_for(first), nov(3))
            barc10_checkin(session, person, scores_for(latest), nov(30))
        barc10_checkin(session, avery, [5, 5, None, 5, 5, 5, 5, 5, 5, 5], nov(15))
    _crises(db)
    _linkage(db)
    return db


def _crises(db: Database) -> None:
    with db.transaction() as session:
        first = escalation(session, 1, Level.CRISIS, nov(10))
        second = escalation(session, 2, Level.CRISIS, nov(11))
        escalation(session, 3, Level.EMERGENCY, nov(12))  # never claimed
        escalations.claim(session, first, "Dev Peer", nov(10, 12, 10))
        outcome = escalations.Outcome("TALKED IT THROUGH", OutcomeKind.SUPPORTED)
        escalations.resolve(
            session, first, "Dev Peer", outcome, nov(10, 12, 30), held_by="Dev Peer"
        )
        escalations.claim(session, second, "Dev Peer", nov(11) + timedelta(minutes=20))
        opt_out(session, f"tel:{phone(2)}", nov(20), why="STOP")
        # Audit rows take the wall clock's time; the report reads opt-outs from them.
        stopped = update(AuditEntry).where(AuditEntry.action == "opted_out").values(at=nov(20))
        session.execute(stopped)


def _linkage(db: Database) -> None:
    """Avery's check-up showed need and they said yes to a peer, who linked them to treatment;
    Blake was offered a peer and has not said yes."""
    with db.transaction() as session:
        avery, blake = (participant(session, n) for n in (1, 2))
        offer(session, avery, None, ["wants_help"], nov(5, 17))
        task = accept(session, avery, nov(5, 17, 5), timedelta(days=2))
        close(session, task.id, LinkageOutcome.LINKED, "Dev Peer", nov(6))
        offer(session, blake, None, ["weekly_use"], nov(8, 17))
