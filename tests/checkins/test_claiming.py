"""Two schedulers at once take each due event once: a page claimed by one (waiting on the engine,
or still holding its rows locked on PostgreSQL) is never taken by the other, and the other goes
on with the people behind it instead of waiting."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from checkins.claiming import claim_page
from checkins.dispatch import Dispatcher
from checkins.enroll import enroll
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, DueEvent, Enrollment
from store.messages import Draft
from store.migrate import upgrade
from tests.checkins.test_dispatch import ENROLLED, Clock, Starts
from tests.checkins.test_enroll import row
from tests.conftest import POSTGRES_URL, _fresh_postgres_database

PEOPLE = 11


def enroll_people(db: Database) -> None:
    with db.transaction() as session:
        rows = [row(external_id=f"P-{n}", phone=f"+1312555{n:04d}") for n in range(PEOPLE)]
        enroll(session, rows, load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))


def addresses(dispatcher: Dispatcher) -> list[str]:
    return [item.address for item in asyncio.run(dispatcher.dispatch_due())]


class HeldStarts(Starts):
    """The engine answering the first pass only once the second pass has finished."""

    def __init__(self) -> None:
        super().__init__()
        self.go_on = threading.Event()

    async def __call__(self, participant_id: int, intent: str, address: str) -> list[Draft]:
        await asyncio.to_thread(self.go_on.wait, 30)
        return await super().__call__(participant_id, intent, address)


def test_a_page_waiting_on_the_engine_is_not_taken_by_another_pass(db: Database) -> None:
    enroll_people(db)
    clock = Clock(ENROLLED)
    held, other = HeldStarts(), Starts()
    first = Dispatcher(db, held, "Northside", clock=clock)
    second = Dispatcher(db, other, "Northside", clock=clock)
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.extend(addresses(first)))
    worker.start()
    for _ in range(600):  # until the first pass has claimed its page (at most 30 s)
        if _claimed_any(db):
            break
        threading.Event().wait(0.05)

    assert addresses(second) == []  # every person's event is the first pass's
    held.go_on.set()
    worker.join(60)

    assert len(result) == len(set(result)) == PEOPLE
    assert other.calls == []


def _claimed_any(db: Database) -> bool:
    with db.transaction() as session:
        return (
            session.scalar(select(DueEvent.id).where(DueEvent.claimed_at.is_not(None))) is not None
        )


@pytest.fixture
def postgres_db() -> Iterator[Database]:
    """PostgreSQL only: SKIP LOCKED is what is tested (TEST_DATABASE_URL names the server)."""
    if not POSTGRES_URL:
        pytest.fail("set TEST_DATABASE_URL: this test is of PostgreSQL's row locks")
    admin = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg").render_as_string(False)
    for url in _fresh_postgres_database(admin):
        upgrade(url)
        database = Database(url)
        yield database
        database.dispose()


def test_on_postgresql_a_page_another_scheduler_holds_locked_is_skipped(
    postgres_db: Database,
) -> None:
    enroll_people(postgres_db)
    clock = Clock(ENROLLED)
    starts = Starts()
    second = Dispatcher(postgres_db, starts, "Northside", clock=clock)
    result: list[str] = []
    with postgres_db.transaction() as holding:  # the first scheduler, mid-claim: rows locked
        page = claim_page(holding, clock(), 5, None, load_plans())
        assert len(page.claimed) == 5
        worker = threading.Thread(target=lambda: result.extend(addresses(second)))
        worker.start()
        worker.join(30)
        assert not worker.is_alive(), "the second scheduler waited on the locked rows"
        held = {event.address for event in page.claimed}

    assert len(result) == PEOPLE - 5
    assert held.isdisjoint(result)
