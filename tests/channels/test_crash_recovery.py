"""A short duplicate window: after a crash only the reply that was in flight may go out again,
at most once more, and what the dead process held is taken up within 30 s of the restart.

Time is the fake clock throughout: a slow provider takes its time on it, and a restarted app
runs its background pass every POLL of it, as `run_background` does every outbox_poll_seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from channels.base import Button, Channel
from channels.gateway import Gateway, Inbound
from channels.outbox import OutboxDispatcher
from store import messages
from store.db import Database
from store.models import OutboxItem, OutboxStatus
from store.queue import SENDING_LEASE
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run
from tests.channels.test_gateway import make_gateway
from tests.fakes.engine import FakeEngine

POLL = timedelta(seconds=0.5)  # outbox_poll_seconds' default
LATENCY = timedelta(seconds=1)  # a slow provider: a second before it answers each send
RECOVERY = timedelta(seconds=30)  # the promise: a dead process's work is taken up within this
REPLIES = 12
SENDING_LEASE_S = SENDING_LEASE.total_seconds()
MAX_PASSES = 1000  # 500 s of passes: enough for any lease, so a slow recovery is measured


def nothing() -> Awaitable[None]:
    return asyncio.sleep(0)


@dataclass
class SlowChannel(RecordingChannel):
    """One process's view of a slow provider. A text has reached the provider (and will arrive)
    as soon as its send starts; the answer comes LATENCY later. At its `die_at`-th send the
    process dies while waiting for that answer; `during` is what else happens meanwhile."""

    clock: Clock = field(default_factory=Clock)
    reached: list[str] = field(default_factory=list)  # what the provider got, from every process
    die_at: int | None = None
    during: Callable[[], Awaitable[None]] = nothing
    sends: int = 0
    first_at: datetime | None = None
    in_flight: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(
        self, address: str, text: str, *, buttons: Sequence[Button] = (), urgent: bool = False
    ) -> str | None:
        del address, buttons, urgent
        self.sends += 1
        self.first_at = self.first_at or self.clock()
        self.reached.append(text)
        if self.sends == self.die_at:
            self.in_flight.set()
            await asyncio.Future()  # the process dies before the provider answers
        self.clock.advance(LATENCY)
        await self.during()
        return f"provider-{len(self.reached)}"


def queue_replies(db: Database, clock: Clock, count: int = REPLIES) -> None:
    with db.transaction() as session:
        for number in range(count):
            stored = messages.store_inbound(
                session,
                address=f"tel:+1555300{number:04d}",
                channel_message_id=f"in-{number}",
                text="hi",
                now=clock(),
            )
            messages.finish_inbound(session, stored.message, [f"reply {number}"], "none", clock())


def unsent(db: Database) -> int:
    with db.transaction() as session:
        statuses = session.scalars(select(OutboxItem.status)).all()
        return sum(status != OutboxStatus.SENT for status in statuses)


def outbox(db: Database, channel: Channel, clock: Clock) -> OutboxDispatcher:
    return OutboxDispatcher(db, {"tel": channel}, max_attempts=3, clock=clock)


async def background(db: Database, dispatcher: OutboxDispatcher, clock: Clock) -> None:
    """An app's outbox loop: a pass every POLL until nothing is left to send."""
    for _ in range(MAX_PASSES):
        await dispatcher.dispatch()
        if not await asyncio.to_thread(unsent, db):
            return
        clock.advance(POLL)


async def run_process(db: Database, channel: SlowChannel, clock: Clock) -> bool:
    """Starts an app process; returns whether it died (at its channel's `die_at`-th send)."""
    work = asyncio.create_task(background(db, outbox(db, channel, clock), clock))
    died = asyncio.create_task(channel.in_flight.wait())
    await asyncio.wait({work, died}, return_when=asyncio.FIRST_COMPLETED)
    for task in (work, died):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    return channel.in_flight.is_set()


def duplicates(reached: list[str]) -> Counter[str]:
    return Counter({text: count - 1 for text, count in Counter(reached).items() if count > 1})


@pytest.mark.parametrize("deaths", [[4], [4, 3], [1, 1, 1]], ids=["one", "two", "three"])
def test_after_crashes_mid_batch_only_the_replies_in_flight_go_out_again_once(
    run: Run[Any], db: Database, clock: Clock, deaths: list[int]
) -> None:
    queue_replies(db, clock)
    reached: list[str] = []
    in_flight: list[str] = []
    delays: list[timedelta] = []
    for die_at in [*deaths, None]:  # each process dies at its nth send; the last one lives
        restart = clock()
        channel = SlowChannel(clock=clock, reached=reached, die_at=die_at)
        died = run(run_process(db, channel, clock))
        assert channel.first_at is not None
        delays.append(channel.first_at - restart)
        if died:
            in_flight.append(reached[-1])

    print(f"duplicates {dict(duplicates(reached))}; restart to first send {delays}")
    assert duplicates(reached) == Counter(in_flight)
    assert sorted(set(reached)) == sorted(f"reply {number}" for number in range(REPLIES))
    assert unsent(db) == 0
    assert max(delays) <= RECOVERY


def test_a_stalled_worker_sends_none_of_the_replies_another_process_took_over(
    run: Run[Any], db: Database, clock: Clock
) -> None:
    """A process stuck in one send for a minute (its event loop or its host frozen, so no
    heartbeat) loses its claims; another process sends its replies; when the stuck one wakes,
    it must not send them again. Only the one it was stuck in may go out twice."""
    queue_replies(db, clock)
    reached: list[str] = []
    other = SlowChannel(clock=clock, reached=reached)

    async def frozen_for_a_minute() -> None:
        if stuck.sends == 1:
            clock.advance(timedelta(minutes=1))
            await background(db, outbox(db, other, clock), clock)

    stuck = SlowChannel(clock=clock, reached=reached, during=frozen_for_a_minute)
    run(background(db, outbox(db, stuck, clock), clock))

    print(f"duplicates {dict(duplicates(reached))}")
    assert duplicates(reached) == Counter({reached[0]: 1})
    assert unsent(db) == 0


# --- inbound: an acknowledged message whose answering process died --------------------------


def test_an_acknowledged_message_whose_process_died_is_answered_within_30_s_of_the_restart(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dying = make_gateway(db, engines(fake_engine.url), channel, clock)
    asked = asyncio.Event()

    async def die_in_the_engine(*_args: Any) -> Any:
        asked.set()
        await asyncio.Future()  # the process dies while the engine is thinking

    monkeypatch.setattr(dying, "_ask_engine", die_in_the_engine)
    run(die_mid_answer(dying, asked))
    restart = clock()
    restarted = make_gateway(db, engines(fake_engine.url), channel, clock)

    delay = run(answered_after(restarted, channel, clock)) - restart

    print(f"restart to answer {delay}")
    assert channel.sent == [("tel:+15551230000", "echo: still there?")]
    assert delay <= RECOVERY


async def die_mid_answer(gateway: Gateway, asked: asyncio.Event) -> None:
    """The message is stored and acknowledged; then the process dies while answering it."""
    stored = await gateway.accept(Inbound("tel:+15551230000", "m1", "still there?"))
    assert not stored.duplicate
    await asyncio.wait_for(asked.wait(), timeout=30)
    for task in list(gateway._answering.values()):
        task.cancel()
    await gateway.drain()


async def answered_after(gateway: Gateway, channel: RecordingChannel, clock: Clock) -> datetime:
    """The restarted app's background pass, every POLL, until the answer went out; when."""
    for _ in range(MAX_PASSES):
        await gateway.retry_due()
        if channel.sent:
            return clock()
        clock.advance(POLL)
    raise AssertionError("never answered")


def test_a_live_workers_claims_are_renewed_every_quarter_lease_and_never_taken_over(
    run: Run[Any], db: Database, clock: Clock
) -> None:
    """A provider slower than any lease: the heartbeat keeps the batch's claims, so a process
    running meanwhile takes none of them over; once the worker dies they run out in a lease."""
    queue_replies(db, clock)
    reached: list[str] = []
    beats: list[float] = []
    a_minute_in = asyncio.Event()

    async def beat(seconds: float) -> None:  # the heartbeat's sleep, on the fake clock
        beats.append(seconds)
        clock.advance(timedelta(seconds=seconds))
        if len(beats) == 13:  # the 12 beats before have renewed: a minute has passed
            a_minute_in.set()
            await asyncio.Future()

    stuck = SlowChannel(clock=clock, reached=reached, die_at=1)  # the provider never answers
    live = OutboxDispatcher(db, {"tel": stuck}, max_attempts=3, clock=clock, sleep=beat)
    other = SlowChannel(clock=clock, reached=reached)

    async def meanwhile() -> int:
        sending = asyncio.create_task(live.dispatch())
        await a_minute_in.wait()
        taken = await outbox(db, other, clock).dispatch()
        sending.cancel()  # the worker dies: its heartbeat stops with it
        with contextlib.suppress(asyncio.CancelledError):
            await sending
        return taken

    assert (run(meanwhile()), reached, set(beats)) == (0, ["reply 0"], {SENDING_LEASE_S / 4})
    clock.advance(timedelta(seconds=SENDING_LEASE_S))
    run(background(db, outbox(db, other, clock), clock))
    assert duplicates(reached) == Counter({"reply 0": 1})
