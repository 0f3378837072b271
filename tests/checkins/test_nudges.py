"""One gentle nudge when a scheduled check-up gets no answer: after the plan's
nudge_after_hours, once, inside the person's window, never stale, never over a STOP or a peer,
and never when they answered."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import and_, not_, select, update

from checkins.dispatch import Dispatcher
from checkins.enroll import enroll
from checkins.plans import Plan, load_plans, parse_plan
from store.db import Database
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.messages import Draft
from store.models import AuditEntry, Message, Participant, ParticipantAddress
from tests.checkins.test_enroll import row
from tests.store.helpers import receive

DISCHARGED = date(2026, 12, 1)
ENROLLED = datetime(2026, 12, 1, 16, tzinfo=UTC)
CHECKUP_SENT = datetime(2026, 12, 4, 16, tzinfo=UTC)  # day 3, 10:00 in Chicago
ADDRESS = "tel:+13125550142"
NUDGE = "Hi Dana, it's Northside Recovery again - just a gentle nudge"


class Starts:
    async def __call__(self, participant_id: int, intent: str, address: str) -> list[Draft]:
        return [Draft(f"starting {intent}")]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def person(db: Database) -> int:
    """Consented, with only the day-3 check-up left in the plan."""
    with db.transaction() as session:
        [done] = enroll(session, [row(discharge_date=DISCHARGED)], load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
        day_3 = and_(DueEvent.kind == "checkup", DueEvent.day == 3)
        session.execute(update(DueEvent).where(not_(day_3)).values(status=DueStatus.CANCELLED))
    return done.participant_id


@pytest.fixture
def clock() -> Clock:
    return Clock(CHECKUP_SENT)


def dispatcher(db: Database, clock: Clock, nudge_after_hours: int = 24) -> Dispatcher:
    plans = {
        name: plan.model_copy(update={"nudge_after_hours": nudge_after_hours})
        for name, plan in load_plans().items()
    }
    return Dispatcher(db, Starts(), "Northside Recovery", plans=plans, clock=clock)


def texts_at(db: Database, scheduler: Dispatcher, clock: Clock, now: datetime) -> list[str]:
    """The texts one pass at `now` queued."""
    clock.now = now
    ids = [item.message_id for item in asyncio.run(scheduler.dispatch_due())]
    with db.transaction() as session:
        return [session.get_one(Message, message_id).text or "" for message_id in ids]


def nudges_at(db: Database, scheduler: Dispatcher, clock: Clock, *times: datetime) -> list[int]:
    """How many nudges each pass queued, at each time."""
    return [sum(t.startswith(NUDGE) for t in texts_at(db, scheduler, clock, at)) for at in times]


def sent_check_up(db: Database, clock: Clock, scheduler: Dispatcher) -> None:
    assert texts_at(db, scheduler, clock, CHECKUP_SENT) == ["starting checkup_start"]


def test_an_unanswered_check_up_is_nudged_once_a_day_later(
    db: Database, person: int, clock: Clock
) -> None:
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)
    day = timedelta(days=1)

    found = nudges_at(
        db, scheduler, clock, CHECKUP_SENT + day - timedelta(minutes=1), CHECKUP_SENT + day,
        CHECKUP_SENT + day + timedelta(hours=1), CHECKUP_SENT + day + timedelta(hours=5),
    )  # fmt: skip

    assert found == [0, 1, 0, 0]
    with db.transaction() as session:
        event = session.scalars(select(DueEvent).where(DueEvent.status == DueStatus.SENT)).one()
        assert (event.nudged_at, event.nudge_due_at) == (CHECKUP_SENT + day, None)


def test_the_nudge_is_in_their_language_and_names_only_the_program(
    db: Database, person: int, clock: Clock
) -> None:
    with db.transaction() as session:
        session.get_one(Participant, person).language = "es"
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)

    [text] = texts_at(db, scheduler, clock, CHECKUP_SENT + timedelta(days=1))

    assert text.startswith("Hola Dana, somos Northside Recovery otra vez")


def test_an_answered_check_up_is_not_nudged(db: Database, person: int, clock: Clock) -> None:
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)
    receive(db, ADDRESS, "r1", "ok I guess", CHECKUP_SENT + timedelta(hours=2))

    assert nudges_at(db, scheduler, clock, CHECKUP_SENT + timedelta(days=1)) == [0]
    with db.transaction() as session:
        assert set(session.scalars(select(DueEvent.nudge_due_at))) == {None}


def test_a_nudge_due_at_night_waits_for_the_window_to_open(
    db: Database, person: int, clock: Clock
) -> None:
    scheduler = dispatcher(db, clock, nudge_after_hours=12)  # 22:00 in Chicago: after 20:00
    sent_check_up(db, clock, scheduler)
    night = CHECKUP_SENT + timedelta(hours=12)
    before_nine = datetime(2026, 12, 5, 14, 59, tzinfo=UTC)

    found = nudges_at(db, scheduler, clock, night, before_nine, before_nine + timedelta(minutes=1))

    assert found == [0, 0, 1]


def test_after_an_outage_a_stale_nudge_is_dropped_never_sent(
    db: Database, person: int, clock: Clock
) -> None:
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)
    back = CHECKUP_SENT + timedelta(days=2, minutes=5)  # a day past the nudge's time

    assert nudges_at(db, scheduler, clock, back, back + timedelta(hours=1)) == [0, 0]
    with db.transaction() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "scheduled checkup nudge dropped" in actions


@pytest.mark.parametrize("blocker", ["peer", "stop"])
def test_a_nudge_waits_while_a_peer_has_them_or_they_stopped(
    db: Database, person: int, clock: Clock, blocker: str
) -> None:
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)
    with db.transaction() as session:
        if blocker == "peer":
            session.get_one(Participant, person).taken_over_by = "alex"
        else:
            session.scalars(select(ParticipantAddress)).one().opted_out_at = CHECKUP_SENT
    day = timedelta(days=1)

    assert nudges_at(db, scheduler, clock, CHECKUP_SENT + day) == [0]
    with db.transaction() as session:
        session.get_one(Participant, person).taken_over_by = None
        session.scalars(select(ParticipantAddress)).one().opted_out_at = None
    assert nudges_at(db, scheduler, clock, CHECKUP_SENT + day + timedelta(minutes=15)) == [1]


def test_only_check_ups_are_nudged(db: Database, person: int, clock: Clock) -> None:
    with db.transaction() as session:
        session.execute(update(DueEvent).values(status=DueStatus.CANCELLED))
        session.execute(
            update(DueEvent)
            .where(DueEvent.kind == "barc10", DueEvent.day == 0)
            .values(status=DueStatus.PENDING, due_on=CHECKUP_SENT.date())
        )
    scheduler = dispatcher(db, clock)
    assert texts_at(db, scheduler, clock, CHECKUP_SENT) == ["starting barc10_start"]

    assert nudges_at(db, scheduler, clock, CHECKUP_SENT + timedelta(days=1)) == [0]


def test_a_plan_nudges_after_a_day_unless_it_says_otherwise() -> None:
    events = "events: [{kind: checkup, days: [3], expires_after_hours: 48}]"
    plain: Plan = parse_plan("p", f"description: d\n{events}")
    assert plain.nudge_after_hours == 24
    assert (
        parse_plan("p", f"description: d\nnudge_after_hours: 36\n{events}").nudge_after_hours == 36
    )
    assert {plan.nudge_after_hours for plan in load_plans().values()} == {24}


def test_messages_of_a_nudge_are_first_contact_on_the_bulk_lane(
    db: Database, person: int, clock: Clock
) -> None:
    scheduler = dispatcher(db, clock)
    sent_check_up(db, clock, scheduler)
    texts_at(db, scheduler, clock, CHECKUP_SENT + timedelta(days=1))

    with db.transaction() as session:
        last = session.scalars(select(Message).order_by(Message.id.desc())).first()
        assert last is not None
        assert (last.address, last.direction, last.author) == (ADDRESS, "outbound", "scheduler")
