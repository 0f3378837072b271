"""RMC's adaptive variant: check-ups monthly twice, then a month further apart after each
without need, monthly again after one with need; the pending check-ups recomputed in one
transaction, leaving what was sent and a linkage follow-up as they are."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from checkins.adaptive import after_check_up
from checkins.enroll import enroll
from checkins.plans import EventKind, adaptive_interval, expand, load_plans, plan_named
from store import checkup, linkage
from store.db import Database
from store.enrollment_models import DueEvent, DueStatus
from tests.checkins.test_enroll import row

DISCHARGED = date(2026, 1, 5)
ENROLLED = datetime(2026, 1, 5, 16, tzinfo=UTC)


def on_day(day: int) -> datetime:
    """Noon in Chicago, `day` days after discharge."""
    return datetime.combine(DISCHARGED + timedelta(days=day), time(18), UTC)


@pytest.fixture
def person(db: Database) -> int:
    with db.transaction() as session:
        [done] = enroll(
            session,
            [row(plan="rmc_quarterly", discharge_date=DISCHARGED)],
            load_plans(),
            "staff",
            ENROLLED,
        )
    return done.participant_id


def check_up(db: Database, pid: int, day: int, need: bool) -> int | None:
    """A check-up completed on `day`, with or without need, as the assistant completes it."""
    now = on_day(day)
    use = "weekly_or_more" if need else "none"
    with db.transaction() as session:
        checkup.record_answer(session, pid, "use", ("", use), now)
        checkup.completed(session, pid, False, now)
        return after_check_up(session, pid, now)


def pending_check_ups(db: Database, pid: int) -> list[int]:
    with db.transaction() as session:
        found = session.scalars(
            select(DueEvent.day)
            .where(
                DueEvent.participant_id == pid,
                DueEvent.kind == EventKind.CHECKUP,
                DueEvent.status == DueStatus.PENDING,
            )
            .order_by(DueEvent.day)
        )
        return list(found)


@pytest.mark.parametrize(
    ("streak", "days"), [(0, 30), (1, 30), (2, 60), (3, 90), (5, 150)]
)  # fmt: skip
def test_the_interval_is_a_month_twice_then_a_month_more_after_each_without_need(
    streak: int, days: int
) -> None:
    assert adaptive_interval(streak) == days


def test_the_adaptive_rmc_plan_starts_monthly_twice_and_keeps_its_barc10s_quarterly() -> None:
    events = expand(plan_named("rmc_quarterly"))
    check_ups = [e.day for e in events if e.kind is EventKind.CHECKUP]
    barc10s = [e.day for e in events if e.kind is EventKind.BARC10]

    assert check_ups[:5] == [30, 60, 120, 210, 330]
    assert max(check_ups) <= 1456
    assert barc10s[:3] == [0, 91, 182]


def test_enrolling_on_the_adaptive_plan_schedules_its_no_need_series(
    db: Database, person: int
) -> None:
    assert pending_check_ups(db, person)[:3] == [30, 60, 120]


def test_each_check_up_without_need_puts_the_next_a_month_further_away(
    db: Database, person: int
) -> None:
    check_up(db, person, 30, need=False)
    check_up(db, person, 60, need=False)

    assert pending_check_ups(db, person)[:3] == [120, 210, 330]


def test_a_check_up_with_need_brings_the_next_a_month_away_and_monthly_twice(
    db: Database, person: int
) -> None:
    check_up(db, person, 30, need=False)
    check_up(db, person, 60, need=False)

    due = check_up(db, person, 120, need=True)

    assert pending_check_ups(db, person)[:4] == [150, 180, 240, 330]
    assert due == len(pending_check_ups(db, person))


def test_a_linkage_follow_up_and_a_sent_check_up_stay_as_they_are(
    db: Database, person: int
) -> None:
    with db.transaction() as session:
        sent = session.scalars(
            select(DueEvent).where(DueEvent.participant_id == person, DueEvent.day == 30)
        ).one()
        sent.status = DueStatus.SENT
        checkup.record_answer(session, person, "use", ("", "weekly_or_more"), on_day(31))
        done, reasons = checkup.completed(session, person, False, on_day(31))
        linkage.offer(session, person, done.id if done else None, reasons, on_day(31))
        after_check_up(session, person, on_day(31))

    assert pending_check_ups(db, person)[:3] == [38, 61, 91]  # the follow-up a week on
    with db.transaction() as session:
        status = session.scalars(select(DueEvent.status).where(DueEvent.day == 30)).one()
    assert status == DueStatus.SENT


def test_a_plan_that_is_not_adaptive_is_left_as_it_is(db: Database) -> None:
    with db.transaction() as session:
        [done] = enroll(
            session,
            [row(plan="standard", discharge_date=DISCHARGED)],
            load_plans(),
            "staff",
            ENROLLED,
        )
    before = pending_check_ups(db, done.participant_id)

    assert check_up(db, done.participant_id, 3, need=True) is None
    assert pending_check_ups(db, done.participant_id) == before
