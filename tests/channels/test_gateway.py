"""The gateway pipeline: stored before answered, screened before the engine, nothing lost or
sent twice across crashes and engine outages."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from fastapi import Response
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from channels.base import Channel
from channels.consent import InvitationAnswers
from channels.engine import EngineClient
from channels.gateway import Gateway, Inbound
from channels.outbox import OutboxDispatcher
from escalation.levels import Level, Screening
from escalation.policy import ResponseTargets
from escalation.responses import HOLDING_REPLY_ES, LOST_ANSWER_REPLY, LOST_ANSWER_REPLY_ES
from escalation.screening import Screener, default_screener, screen
from escalation.service import EscalationPolicy
from store.db import Database
from store.escalation_models import Escalation
from store.messages import PROCESSING_LEASE
from store.models import (
    Direction,
    InboundStatus,
    Message,
    OutboxItem,
    OutboxStatus,
    Participant,
)
from store.outbox import SENDING_LEASE
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.fakes.engine import FakeEngine, free_port

ADDRESS = "tel:+15551230000"
# Nobody on call: these tests are about the pipeline, not about alerts.
QUIET_POLICY = EscalationPolicy(
    roster=[],
    targets=ResponseTargets(timedelta(minutes=5), timedelta(minutes=15), timedelta(days=1)),
    base_url="http://localhost",
    alerts_before_supervisor=2,
)


def make_gateway(
    db: Database,
    engine: EngineClient,
    channel: RecordingChannel,
    clock: Clock,
    screener: Screener = screen,
    policy: EscalationPolicy = QUIET_POLICY,
    invitations: InvitationAnswers | None = None,
) -> Gateway:
    channels: dict[str, Channel] = {channel.scheme: channel}
    return Gateway(
        db=db,
        engine=engine,
        screener=screener,
        channels=channels,
        outbox=OutboxDispatcher(db, channels, max_attempts=3, clock=clock),
        engine_retry=timedelta(seconds=30),
        policy=policy,
        clock=clock,
        invitations=invitations,
    )


def inbound(text: str, message_id: str = "m1") -> Inbound:
    return Inbound(address=ADDRESS, channel_message_id=message_id, text=text)


def rows(db: Database, direction: Direction) -> list[Message]:
    with db.transaction() as session:
        query = select(Message).where(Message.direction == direction).order_by(Message.id)
        return list(session.scalars(query.options(joinedload(Message.outbox))).unique())


def test_reply_is_stored_and_sent(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("hi there")))

    assert [r.text for r in answered.replies] == ["echo: hi there"]
    assert channel.sent == [(ADDRESS, "echo: hi there")]
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.PROCESSED]
    assert [(m.status, m.outbox and m.outbox.status) for m in rows(db, Direction.OUTBOUND)] == [
        (None, OutboxStatus.SENT)
    ]
    assert fake_engine.calls == [{"sender": "participant-1", "message": "hi there"}]


def test_inbound_is_stored_before_the_engine_is_asked(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    seen: list[list[str]] = []
    fake_engine.on_call = lambda _body: seen.append([m.text for m in rows(db, Direction.INBOUND)])
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    run(through(gateway, inbound("first")))

    assert seen == [["first"]]


def test_repeated_channel_message_id_gets_no_second_reply(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    first = run(through(gateway, inbound("hello", "SM1")))
    again = run(through(gateway, inbound("hello", "SM1")))

    assert (first.duplicate, again.duplicate) == (False, True)
    assert [r.text for r in again.replies] == ["echo: hello"]
    assert len(fake_engine.calls) == 1
    assert len(channel.sent) == 1


def test_buttons_are_rendered_for_the_channel(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    fake_engine.buttons = [
        {"title": "yes", "payload": "/affirm"},
        {"title": "no", "payload": "/deny"},
    ]
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    run(through(gateway, inbound("ask me")))

    assert channel.sent == [(ADDRESS, "echo: ask me\nReply 1 for yes, 2 for no.")]


@pytest.mark.parametrize("level", [Level.CRISIS, Level.EMERGENCY])
def test_crisis_is_answered_by_the_gateway_without_the_engine(
    run: Run[Any],
    engines: Engines,
    level: Level,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(
        db,
        engines(fake_engine.url),
        channel,
        clock,
        screener=lambda text, recent=(): Screening(level, ("test",)),
    )

    answered = run(through(gateway, inbound("a message the screener flags")))

    assert fake_engine.calls == []
    assert any("988" in reply.text for reply in answered.replies)
    assert [m.risk_level for m in rows(db, Direction.INBOUND)] == [level.label]


def test_a_failing_screener_fails_towards_a_concern_not_silence(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    def broken(text: str, recent: Sequence[str] = ()) -> Screening:
        raise RuntimeError("lexicon failed to load")

    gateway = make_gateway(db, engines(fake_engine.url), channel, clock, screener=broken)

    answered = run(through(gateway, inbound("hello")))

    assert [m.risk_level for m in rows(db, Direction.INBOUND)] == ["concern"]
    assert fake_engine.calls == []  # a person reads it instead: the peer offer goes out
    assert "peer recovery specialist" in answered.replies[-1].text
    with db.transaction() as session:
        escalation = session.scalars(select(Escalation)).one()
        assert (escalation.level, escalation.reasons) == ("concern", ["screening-failed"])


def test_engine_down_sends_one_holding_reply_with_988_then_answers_when_back(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    down = make_gateway(db, engines(f"http://127.0.0.1:{free_port()}"), channel, clock)

    held = run(through(down, inbound("are you there")))
    clock.advance(timedelta(seconds=31))
    run(down.retry_due())  # still down: no second holding reply

    assert len(held.replies) == 1
    assert "988" in held.replies[0].text
    assert "911" in held.replies[0].text
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.ENGINE_PENDING]
    assert len(channel.sent) == 1

    clock.advance(timedelta(seconds=31))
    back = make_gateway(db, engines(fake_engine.url), channel, clock)
    assert run(back.retry_due()) == 1

    assert [text for _, text in channel.sent][1:] == ["echo: are you there"]
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.PROCESSED]


def test_the_holding_reply_is_in_spanish_for_someone_writing_in_spanish(
    run: Run[Any], engines: Engines, db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    down = make_gateway(db, engines(f"http://127.0.0.1:{free_port()}"), channel, clock)

    held = run(through(down, inbound("hola, a que hora es la reunion de hoy por favor")))

    assert [reply.text for reply in held.replies] == [HOLDING_REPLY_ES]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("hello", LOST_ANSWER_REPLY), ("hola, como estas hoy? que tal todo", LOST_ANSWER_REPLY_ES)],
)
def test_an_engine_answer_with_nothing_in_it_tells_the_person_their_answer_was_lost(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    text: str,
    expected: str,
) -> None:
    # The engine took the turn but its action failed: Rasa answers with no messages at all.
    fake_engine.scripted.append(Response(content="[]", media_type="application/json"))
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound(text)))

    assert [reply.text for reply in answered.replies] == [expected]
    assert channel.sent == [(ADDRESS, expected)]
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.PROCESSED]


class Crash(Exception):
    """The answering worker dies here: what it had not stored or sent is left to recovery."""


def test_crash_before_replies_are_stored_is_answered_once_on_recovery(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    def crash(*_args: Any) -> None:
        raise Crash("killed between the engine's answer and storing it")

    with monkeypatch.context() as patch:
        patch.setattr(gateway._records, "store_replies", crash)
        assert run(through(gateway, inbound("still there?"))).replies == []
    assert run(gateway.retry_due()) == 0  # the lease of the dead worker still runs

    clock.advance(PROCESSING_LEASE + timedelta(seconds=1))
    run(gateway.retry_due())
    run(gateway.retry_due())

    assert channel.sent == [(ADDRESS, "echo: still there?")]
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.PROCESSED]


def test_crash_before_sending_sends_each_reply_exactly_once(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    outbox = OutboxDispatcher(db, {channel.scheme: channel}, max_attempts=3, clock=clock)

    async def crash(_items: list[OutboxItem]) -> int:
        raise Crash("killed after storing replies, before sending")

    with monkeypatch.context() as patch:
        patch.setattr(gateway._outbox, "send_items", crash)
        run(through(gateway, inbound("hello")))
    assert channel.sent == []
    assert run(outbox.dispatch()) == 0  # the dead worker's claim still runs

    clock.advance(SENDING_LEASE + timedelta(seconds=1))
    sent = [run(outbox.dispatch()) for _ in range(3)]

    assert sent == [1, 0, 0]
    assert channel.sent == [(ADDRESS, "echo: hello")]


def test_message_text_and_number_never_reach_info_logs(
    run: Run[Any],
    engines: Engines,
    db: Database,
    channel: RecordingChannel,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    down = make_gateway(db, engines(f"http://127.0.0.1:{free_port()}"), channel, clock)

    run(through(down, inbound("saw my methadone clinic counselor today")))

    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert info  # the outage itself is logged
    assert not [m for m in info if "methadone" in m or "5551230000" in m]


def test_every_reply_has_one_outbox_row(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    run(through(gateway, inbound("one", "a")))
    run(through(gateway, inbound("two", "b")))

    with db.transaction() as session:
        assert session.scalar(select(func.count(OutboxItem.id))) == 2


def test_means_named_a_few_messages_earlier_make_a_death_wish_an_emergency(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    # The rules alone: this is about context from earlier messages, which the rules read.
    rules = default_screener().rules
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock, screener=rules)

    run(through(gateway, inbound("got a whole bottle of my moms oxys in my room", "a")))
    run(through(gateway, inbound("how was ur day", "b")))
    answered = run(through(gateway, inbound("i want to die", "c")))

    assert [m.risk_level for m in rows(db, Direction.INBOUND)] == ["none", "none", "emergency"]
    assert answered.replies[0].text.startswith("Please call 911 now")


@pytest.mark.parametrize(
    ("texts", "kept"),
    [
        (["hola, como funciona esto"], "es"),
        (["ya sure"], None),  # "ya" is English texting too
        (["hola, como funciona esto", "ok"], "es"),
    ],
)
def test_the_language_a_person_writes_in_is_kept_on_the_assistants_turns_when_clear(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    texts: list[str],
    kept: str | None,
) -> None:
    """Their check-ups follow it (bot/actions/checkup.py): a fresh-clone CI run showed "ya sure"
    moving an English speaker's check-ups into Spanish when any Spanish marker counted."""
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    for number, text in enumerate(texts):
        run(through(gateway, inbound(text, f"m{number}")))

    with db.transaction() as session:
        assert session.scalars(select(Participant.language)).one() == kept
