"""The check-up scheduler: a put-off check-up is offered again through the engine and the
outbox when its time comes, once, on the person's last channel; it waits while a peer has the
conversation, an escalation is open or the engine is down, and is dropped after a STOP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from channels.base import Channel
from channels.checkups import CHECKUP_INTENT, CheckupScheduler
from channels.engine import EngineClient
from channels.outbox import OutboxDispatcher
from store import checkup, messages, participants
from store.checkup_models import Checkup
from store.checkup_reminders import REMINDER_LEASE
from store.db import Database
from store.escalations import take_over
from store.models import Participant
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run
from tests.fakes.engine import FakeEngine, free_port
from warmline.engine_env import BOT_DIR

ADDRESS = "tel:+15551230000"
LATER = timedelta(hours=3)


def scheduler(
    db: Database, engine: EngineClient, channel: RecordingChannel, clock: Clock
) -> CheckupScheduler:
    channels: dict[str, Channel] = {channel.scheme: channel}
    outbox = OutboxDispatcher(db, channels, max_attempts=3, clock=clock)
    return CheckupScheduler(db=db, engine=engine, channels=channels, outbox=outbox, clock=clock)


def put_off(db: Database, clock: Clock) -> int:
    """They texted, then said "later" to a check-up: the participant's id."""
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address=ADDRESS, channel_message_id="m1", text="later", now=clock()
        )
        participant_id = stored.message.participant_id
        checkup.ask_again(session, participant_id, clock() + LATER, clock())
        return participant_id


def outcome(db: Database) -> str | None:
    """How the put-off check-up (the first row) was dealt with."""
    with db.transaction() as session:
        return session.scalars(select(Checkup.reminder_outcome).order_by(Checkup.id)).first()


@pytest.fixture
def subject(
    db: Database, engines: Engines, fake_engine: FakeEngine, channel: RecordingChannel, clock: Clock
) -> CheckupScheduler:
    return scheduler(db, engines(fake_engine.url), channel, clock)


def test_a_put_off_check_up_is_offered_once_when_its_time_comes(
    run: Run[Any],
    db: Database,
    subject: CheckupScheduler,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    participant_id = put_off(db, clock)
    fake_engine.buttons = [{"title": "Yes", "payload": "/affirm"}]

    early = run(subject.offer_due())
    clock.advance(LATER)
    offered = run(subject.offer_due())
    again = run(subject.offer_due())
    clock.advance(timedelta(days=1))
    later_still = run(subject.offer_due())

    assert (early, offered, again, later_still) == (0, 1, 0, 0)
    assert [(s, i) for s, i, _ in fake_engine.triggered] == [
        (participants.engine_sender(participant_id), CHECKUP_INTENT)
    ]
    assert channel.sent == [(ADDRESS, "triggered: checkup_start\nReply 1 for Yes.")]
    assert outcome(db) == "offered"


def test_the_engine_api_is_called_with_its_token(
    run: Run[Any], db: Database, fake_engine: FakeEngine, channel: RecordingChannel, clock: Clock
) -> None:
    engine = EngineClient(fake_engine.url, 5, token="engine-token-0123456789")
    put_off(db, clock)
    clock.advance(LATER)

    run(scheduler(db, engine, channel, clock).offer_due())
    run(engine.aclose())

    assert [token for _, _, token in fake_engine.triggered] == ["engine-token-0123456789"]


def test_nothing_is_sent_after_a_stop(
    run: Run[Any],
    db: Database,
    subject: CheckupScheduler,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    put_off(db, clock)
    with db.transaction() as session:
        participants.opt_out(session, ADDRESS, clock(), why="STOP")
    clock.advance(LATER)

    offered = run(subject.offer_due())

    assert (offered, fake_engine.triggered, channel.sent) == (0, [], [])
    assert outcome(db) == "opted_out"


def test_it_waits_while_a_peer_has_the_conversation(
    run: Run[Any],
    db: Database,
    subject: CheckupScheduler,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    participant_id = put_off(db, clock)
    with db.transaction() as session:
        take_over(session, participant_id, "Ana", clock())
    clock.advance(LATER)

    waiting = run(subject.offer_due())
    with db.transaction() as session:
        participants_row = session.get_one(Participant, participant_id)
        participants_row.taken_over_by = None  # handed back
    clock.advance(REMINDER_LEASE)
    offered = run(subject.offer_due())

    assert (waiting, offered) == (0, 1)
    assert len(fake_engine.triggered) == 1
    assert len(channel.sent) == 1


def test_with_the_engine_down_it_waits_and_is_offered_once_the_engine_is_back(
    run: Run[Any],
    db: Database,
    engines: Engines,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    put_off(db, clock)
    clock.advance(LATER)
    down = scheduler(db, engines(f"http://127.0.0.1:{free_port()}", timeout=1), channel, clock)

    waiting = run(down.offer_due())
    clock.advance(REMINDER_LEASE)
    offered = run(scheduler(db, engines(fake_engine.url), channel, clock).offer_due())

    assert (waiting, offered) == (0, 1)
    assert outcome(db) == "offered"
    assert len(channel.sent) == 1


def test_a_check_up_they_asked_for_themselves_replaces_the_reminder(
    run: Run[Any],
    db: Database,
    subject: CheckupScheduler,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    participant_id = put_off(db, clock)
    clock.advance(timedelta(hours=1))
    with db.transaction() as session:
        checkup.record_answer(session, participant_id, "how", ("ok i guess", "ok"), clock())
    clock.advance(LATER)

    offered = run(subject.offer_due())

    assert (offered, fake_engine.triggered, channel.sent) == (0, [], [])
    assert outcome(db) == "superseded"


def test_the_intent_it_triggers_is_one_the_assistant_knows() -> None:
    intents: set[str] = set()
    for path in (BOT_DIR / "domain").glob("*.yml"):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intents.update(
            i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])
        )

    assert CHECKUP_INTENT in intents
