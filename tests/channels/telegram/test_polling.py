"""Telegram by getUpdates: each update stored before the offset moves past it, so a crash
re-reads rather than loses; an outage is waited out; the whole app answers a polled message."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from channels.base import Channel
from channels.gateway import Gateway
from channels.outbox import OutboxDispatcher
from channels.telegram.intake import TelegramIntake
from channels.telegram.polling import TelegramPoller, cursor_name
from escalation.policy import ResponseTargets
from escalation.screening import screen
from escalation.service import EscalationPolicy
from store import cursors
from store.db import Database
from store.models import Direction, Message
from tests.channels.conftest import Engines, RecordingChannel, Run
from tests.channels.telegram.conftest import TelegramApp, TelegramChannels, eventually
from tests.fakes.engine import FakeEngine
from tests.fakes.telegram_api import BOT_ID, FakeTelegram, button_update, message_update

CHAT = 555
QUIET = EscalationPolicy(
    roster=[],
    targets=ResponseTargets(timedelta(minutes=5), timedelta(minutes=15), timedelta(days=1)),
    base_url="http://localhost",
    alerts_before_supervisor=2,
)
Pollers = Callable[..., TelegramPoller]


@pytest.fixture
def gateway(
    run: Run[Any], db: Database, engines: Engines, fake_engine: FakeEngine
) -> Iterator[Gateway]:
    """Replies go to a recording channel: these tests are about reading, not sending."""
    channels: dict[str, Channel] = {"telegram": RecordingChannel(scheme="telegram")}
    gateway = Gateway(
        db=db,
        engine=engines(fake_engine.url),
        screener=screen,
        channels=channels,
        outbox=OutboxDispatcher(db, channels, max_attempts=3),
        engine_retry=timedelta(seconds=30),
        policy=QUIET,
    )
    yield gateway
    run(gateway.drain())  # answers still under way when the test ends


@pytest.fixture
def pollers(db: Database, gateway: Gateway, telegram_channels: TelegramChannels) -> Pollers:
    """A fresh poller each call, as a restarted process would have."""

    def make(**options: Any) -> TelegramPoller:
        intake = TelegramIntake(channel=telegram_channels(), gateway=gateway, db=db)
        return TelegramPoller(intake, db, long_poll_seconds=0, **options)

    return make


def stored(db: Database) -> list[str]:
    with db.transaction() as session:
        query = select(Message.text).where(Message.direction == Direction.INBOUND)
        return list(session.scalars(query.order_by(Message.id)))


def position(db: Database) -> int | None:
    with db.transaction() as session:
        return cursors.get_position(session, cursor_name(BOT_ID))


def test_polling_deletes_the_webhook_then_stores_each_update_and_advances_past_it(
    run: Run[Any], db: Database, pollers: Pollers, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.webhook = {"url": "https://old.example/telegram/webhook"}
    fake_telegram.queue(message_update(10, CHAT, text="one"))
    fake_telegram.queue(message_update(11, CHAT, text="two"))
    poller = pollers()

    assert run(poller.poll_once()) == 2
    assert run(poller.poll_once()) == 0

    assert fake_telegram.webhook_deletions == 1  # or the fake would refuse getUpdates (409)
    assert (stored(db), position(db)) == (["one", "two"], 12)
    assert fake_telegram.offsets == [None, 12]  # the second call confirms both
    assert fake_telegram.pending == []


def test_a_crash_after_storing_before_advancing_reads_the_update_again_and_processes_it_once(
    run: Run[Any],
    db: Database,
    gateway: Gateway,
    pollers: Pollers,
    fake_engine: FakeEngine,
    fake_telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_telegram.queue(message_update(20, CHAT, text="I need to talk"))

    def crash(_self: TelegramPoller, _cursor: str, _position: int) -> None:
        raise RuntimeError("killed before the offset was saved")

    with monkeypatch.context() as patch:
        patch.setattr(TelegramPoller, "_advance", crash)
        with pytest.raises(RuntimeError):
            run(pollers().poll_once())
    assert (stored(db), position(db)) == (["I need to talk"], None)

    assert run(pollers().poll_once()) == 1  # the restarted process reads it again
    run(gateway.drain())

    assert (stored(db), position(db), fake_telegram.offsets) == (
        ["I need to talk"],
        21,
        [None, None],
    )
    assert [call["message"] for call in fake_engine.calls] == ["I need to talk"]


def test_polling_waits_out_a_bot_api_outage_and_then_reads_on(
    run: Run[Any],
    db: Database,
    pollers: Pollers,
    fake_telegram: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_telegram.down = True
    poller = pollers(first_backoff=0.01, max_backoff=0.05)

    async def outage_then_recovery() -> None:
        task = asyncio.create_task(poller.run())
        while len(caplog.records) < 3:  # several failed attempts, each a warning
            await asyncio.sleep(0.01)
        fake_telegram.down = False
        fake_telegram.queue(message_update(30, CHAT, text="still there?"))
        while position(db) != 31:
            await asyncio.sleep(0.01)
        assert not task.done()  # the loop never crashed
        task.cancel()

    with caplog.at_level(logging.WARNING, logger="channels.telegram.polling"):
        run(asyncio.wait_for(outage_then_recovery(), timeout=10))

    assert stored(db) == ["still there?"]
    assert "Telegram polling failed (NetworkError)" in caplog.records[0].getMessage()
    assert fake_telegram.token not in caplog.text


def test_another_bots_cursor_is_not_used(
    run: Run[Any], db: Database, pollers: Pollers, fake_telegram: FakeTelegram
) -> None:
    with db.transaction() as session:  # a bot this deployment used before, far further on
        cursors.set_position(session, cursor_name(BOT_ID + 1), 10**9, datetime.now(UTC))
    fake_telegram.queue(message_update(60, CHAT, text="first message to the new bot"))

    run(pollers().poll_once())

    assert (fake_telegram.offsets, stored(db)) == ([None], ["first message to the new bot"])


def test_an_update_without_a_chat_is_skipped_with_a_warning_and_the_reading_goes_on(
    run: Run[Any],
    db: Database,
    pollers: Pollers,
    fake_telegram: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
) -> None:
    unanswerable = button_update(40, CHAT, "/x")
    del unanswerable["callback_query"]["message"]
    fake_telegram.queue(unanswerable)
    fake_telegram.queue(message_update(41, CHAT, text="hello"))

    with caplog.at_level(logging.WARNING):
        run(pollers().poll_once())

    assert (stored(db), position(db)) == (["hello"], 42)
    assert "skipped Telegram update 40" in caplog.text


def test_a_text_polled_by_the_app_reaches_the_engine_and_the_reply_goes_back_to_the_chat(
    telegram_app: TelegramApp, fake_engine: FakeEngine, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.queue(message_update(50, CHAT, text="hey, checking in"))

    telegram_app(webhook=False)
    eventually(lambda: fake_telegram.sent)

    assert fake_engine.calls[0]["message"] == "hey, checking in"
    assert [(m["chat_id"], m["text"]) for m in fake_telegram.sent] == [
        (str(CHAT), "echo: hey, checking in")
    ]
    assert fake_telegram.webhook_deletions == 1
