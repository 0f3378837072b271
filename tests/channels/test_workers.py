"""The background loop retries held messages and drains the outbox until told to stop."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from channels.base import Channel
from channels.gateway import Gateway, Inbound
from channels.outbox import OutboxDispatcher
from channels.workers import run_background
from escalation.screening import screen
from escalation.service import EscalationPolicy
from store.db import Database
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.fakes.engine import FakeEngine, free_port


def test_background_loop_answers_a_held_message_once_the_engine_is_back(
    run: Run[Any],
    engines: Engines,
    policy: EscalationPolicy,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    channels: dict[str, Channel] = {channel.scheme: channel}
    outbox = OutboxDispatcher(db, channels, max_attempts=3, clock=clock)

    def gateway(url: str) -> Gateway:
        return Gateway(
            db=db,
            engine=engines(url),
            screener=screen,
            channels=channels,
            outbox=outbox,
            engine_retry=timedelta(0),
            policy=policy,
            clock=clock,
        )

    run(
        through(gateway(f"http://127.0.0.1:{free_port()}"), Inbound("tel:+15550001111", "a", "hey"))
    )

    async def loop_until_answered() -> None:
        stop = asyncio.Event()
        back = gateway(fake_engine.url)
        task = asyncio.create_task(run_background([back.retry_due, outbox.dispatch], 0.01, stop))
        for _ in range(500):
            if len(channel.sent) == 2:
                break
            await asyncio.sleep(0.01)
        stop.set()
        await task

    run(loop_until_answered())

    assert [text for _, text in channel.sent][1:] == ["echo: hey"]
