"""The scheduler's pass over due events: only after consent, inside the person's window, once
each, never stale after an outage, and never over a peer, an open escalation, a conversation
under way, another event sent within hours, or a STOP (resuming after START)."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from checkins.dispatch import Dispatcher, NotStarted
from checkins.enroll import enroll
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, DueEvent, DueStatus, Enrollment
from store.escalation_models import Escalation
from store.messages import Draft
from store.models import Message, Participant, ParticipantAddress
from tests.checkins.test_enroll import row

DISCHARGED = date(2026, 12, 1)
# Enrolled the day of discharge; the intake BARC-10 (day 0) and the welcome (day 1) come first.
ENROLLED = datetime(2026, 12, 1, 16, tzinfo=UTC)  # 10:00 in Chicago


class Starts:
    """Stands in for the engine's trigger_intent (the end-to-end suite uses the real one)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str, str]] = []
        self.down = False

    async def __call__(self, participant_id: int, intent: str, address: str) -> list[Draft]:
        if self.down:
            raise NotStarted
        self.calls.append((participant_id, intent, address))
        return [Draft(f"starting {intent}")]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def person(db: Database) -> int:
    with db.transaction() as session:
        [done] = enroll(session, [row(discharge_date=DISCHARGED)], load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
    return done.participant_id


@pytest.fixture
def starts() -> Starts:
    return Starts()


@pytest.fixture
def clock() -> Clock:
    return Clock(ENROLLED)


@pytest.fixture
def dispatcher(db: Database, starts: Starts, clock: Clock) -> Dispatcher:
    return Dispatcher(db, starts, "Northside Recovery", clock=clock)


def run_pass(dispatcher: Dispatcher) -> list[str]:
    return [item.address for item in asyncio.run(dispatcher.dispatch_due())]


def sent(db: Database) -> list[tuple[str, int]]:
    with db.transaction() as session:
        found = session.execute(
            select(DueEvent.kind, DueEvent.day)
            .where(DueEvent.status == DueStatus.SENT)
            .order_by(DueEvent.sent_at)
        )
        return [(kind, day) for kind, day in found]


def status_of(db: Database, kind: str, day: int) -> str:
    with db.transaction() as session:
        query = select(DueEvent.status).where(DueEvent.kind == kind, DueEvent.day == day)
        return str(session.scalars(query).one())


def test_nothing_goes_out_before_consent(db: Database, dispatcher: Dispatcher, person: int) -> None:
    with db.transaction() as session:
        session.execute(update(Enrollment).values(consent=Consent.INVITED))

    assert run_pass(dispatcher) == []


def test_the_first_due_event_is_started_by_the_assistant_once(
    db: Database, dispatcher: Dispatcher, person: int, starts: Starts
) -> None:
    first = run_pass(dispatcher)
    again = run_pass(dispatcher)

    assert first == ["tel:+13125550142"]
    assert again == []
    assert starts.calls == [(person, "barc10_start", "tel:+13125550142")]
    assert sent(db) == [("barc10", 0)]


def test_events_are_spaced_and_each_waits_for_the_window(
    db: Database, dispatcher: Dispatcher, person: int, clock: Clock
) -> None:
    run_pass(dispatcher)  # the intake BARC-10 at 10:00
    clock.now = ENROLLED + timedelta(hours=6)  # 16:00: the welcome is due, but too soon after
    assert run_pass(dispatcher) == []
    clock.now = ENROLLED + timedelta(hours=13)  # 23:00: spaced, but outside the window
    assert run_pass(dispatcher) == []
    clock.now = ENROLLED + timedelta(hours=24)  # 10:00 the next day

    assert len(run_pass(dispatcher)) == 1
    assert sent(db) == [("barc10", 0), ("welcome", 1)]
    with db.transaction() as session:
        welcome = session.scalars(select(Message.text).order_by(Message.id.desc())).first()
    assert welcome is not None
    assert welcome.startswith("Hi Dana, it's Northside Recovery.")


def test_after_an_outage_late_events_go_within_their_expiry_and_stale_ones_never(
    db: Database, dispatcher: Dispatcher, person: int, clock: Clock
) -> None:
    clock.now = datetime(2026, 12, 3, 16, tzinfo=UTC)  # back on day 2, 10:00 in Chicago

    run_pass(dispatcher)

    # The intake BARC-10 (72 hours from day 0's window) is late but within its expiry; the
    # welcome (24 hours from day 1's) is stale and dropped, never sent.
    assert sent(db) == [("barc10", 0)]
    assert status_of(db, "welcome", 1) == DueStatus.EXPIRED
    assert status_of(db, "checkup", 3) == DueStatus.PENDING  # its day has not come


@pytest.mark.parametrize("blocker", ["peer", "escalation", "texting", "stop"])
def test_a_due_event_waits_while_the_person_is_busy_or_has_stopped(
    db: Database, dispatcher: Dispatcher, person: int, clock: Clock, blocker: str
) -> None:
    with db.transaction() as session:
        if blocker == "peer":
            session.get_one(Participant, person).taken_over_by = "alex"
        elif blocker == "stop":
            session.scalars(select(ParticipantAddress)).one().opted_out_at = ENROLLED
        else:
            texted = ENROLLED - timedelta(minutes=5)
            message = Message(
                participant_id=person, address="tel:+13125550142", channel="tel",
                direction="inbound", text="hey", status="processed", created_at=texted,
            )  # fmt: skip
            session.add(message)
            session.flush()
            if blocker == "escalation":
                message.created_at = ENROLLED - timedelta(hours=2)
                session.add(
                    Escalation(
                        participant_id=person, message_id=message.id, level="concern",
                        reasons=["test"], created_at=texted, respond_by=ENROLLED,
                    )
                )  # fmt: skip

    assert run_pass(dispatcher) == []
    assert status_of(db, "barc10", 0) == DueStatus.PENDING


def test_after_start_what_is_still_due_goes_out(
    db: Database, dispatcher: Dispatcher, person: int, clock: Clock
) -> None:
    with db.transaction() as session:
        session.scalars(select(ParticipantAddress)).one().opted_out_at = ENROLLED
    assert run_pass(dispatcher) == []
    with db.transaction() as session:
        session.scalars(select(ParticipantAddress)).one().opted_out_at = None
    clock.now = ENROLLED + timedelta(hours=1)

    assert run_pass(dispatcher) == ["tel:+13125550142"]


def test_with_the_engine_down_the_event_waits_and_goes_out_once_it_is_back(
    db: Database, dispatcher: Dispatcher, person: int, starts: Starts
) -> None:
    starts.down = True
    assert run_pass(dispatcher) == []
    assert status_of(db, "barc10", 0) == DueStatus.PENDING

    starts.down = False
    assert run_pass(dispatcher) == ["tel:+13125550142"]


def test_two_passes_at_once_send_each_event_once(
    db: Database, person: int, starts: Starts, clock: Clock
) -> None:
    with db.transaction() as session:  # ten people due at once
        rows = [row(external_id=f"P-{n}", phone=f"+1312555{n:04d}") for n in range(200, 210)]
        enroll(session, rows, load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
    passes = [Dispatcher(db, starts, "Northside", clock=clock) for _ in range(2)]
    results: list[list[str]] = [[], []]

    def one(index: int) -> None:
        results[index] = run_pass(passes[index])

    threads = [threading.Thread(target=one, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    addresses = results[0] + results[1]
    assert len(addresses) == len(set(addresses)) == 11
    assert len(starts.calls) == 11


def test_rows_that_wait_do_not_hide_the_people_behind_them(
    db: Database, person: int, starts: Starts, clock: Clock
) -> None:
    # Three people discharged a day earlier come first in the order, and each has a peer on
    # their case, so their rows wait. With pages of two rows, the person behind them is reached.
    with db.transaction() as session:
        rows = [
            row(external_id=f"W-{n}", phone=f"+1312555{n:04d}", discharge_date=date(2026, 11, 30))
            for n in range(300, 303)
        ]
        waiting = enroll(session, rows, load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
        for each in waiting:
            session.get_one(Participant, each.participant_id).taken_over_by = "alex"
    dispatcher = Dispatcher(db, starts, "Northside Recovery", clock=clock)

    queued = asyncio.run(dispatcher.dispatch_due(limit=2))

    assert [item.address for item in queued] == ["tel:+13125550142"]
