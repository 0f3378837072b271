"""A break from check-ups the person asked for: what falls in it does not go out, and what is
due after it does (store/pauses.py, checkins/claiming.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from checkins.dispatch import Dispatcher
from checkins.enroll import enroll
from checkins.plans import load_plans
from store import pauses
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from tests.checkins.test_dispatch import (
    DISCHARGED,
    ENROLLED,
    Clock,
    Starts,
    run_pass,
    sent,
    status_of,
)
from tests.checkins.test_enroll import row


def enrolled(db: Database) -> tuple[int, Dispatcher, Clock]:
    """One person enrolled and consented, and the scheduler on a clock the test moves."""
    with db.transaction() as session:
        [done] = enroll(session, [row(discharge_date=DISCHARGED)], load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
    clock = Clock(ENROLLED)
    return done.participant_id, Dispatcher(db, Starts(), "Northside Recovery", clock=clock), clock


def test_a_check_up_due_in_a_pause_does_not_go_out(db: Database) -> None:
    person, dispatcher, _ = enrolled(db)
    with db.transaction() as session:
        assert pauses.pause_checkups(session, person, ENROLLED.date(), ENROLLED)

    assert run_pass(dispatcher) == []
    assert sent(db) == []


def test_after_the_pause_what_it_held_goes_out_while_fresh_and_never_stale(db: Database) -> None:
    person, dispatcher, clock = enrolled(db)
    with db.transaction() as session:
        pauses.pause_checkups(session, person, ENROLLED.date(), ENROLLED)
    clock.now = ENROLLED + timedelta(hours=24)  # the day after: the intake BARC-10 still fresh
    assert len(run_pass(dispatcher)) == 1
    with db.transaction() as session:
        pauses.pause_checkups(session, person, ENROLLED.date() + timedelta(days=20), ENROLLED)
    clock.now = ENROLLED + timedelta(days=21)  # a long pause over: what it held went stale

    run_pass(dispatcher)

    assert sent(db)[0] == ("barc10", 0)
    assert ("welcome", 1) not in sent(db)
    assert status_of(db, "welcome", 1) == "expired"


def test_resuming_sends_what_the_pause_held(db: Database) -> None:
    person, dispatcher, _ = enrolled(db)
    with db.transaction() as session:
        pauses.pause_checkups(session, person, ENROLLED.date() + timedelta(days=30), ENROLLED)
    assert run_pass(dispatcher) == []
    with db.transaction() as session:
        assert pauses.resume_checkups(session, person, ENROLLED)

    assert len(run_pass(dispatcher)) == 1
    assert sent(db) == [("barc10", 0)]


def test_someone_not_enrolled_has_no_check_ups_to_pause(db: Database) -> None:
    with db.transaction() as session:
        assert not pauses.pause_checkups(session, 12345, ENROLLED.date(), ENROLLED)
        assert not pauses.resume_checkups(session, 12345, ENROLLED)
