"""The outbox's sending policy: retry what may succeed later, give up on what will not, send
nothing to an address that opted out, and send urgent rows ahead of the rest."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select, update

from channels.base import (
    Button,
    Channel,
    PermanentSendError,
    RecipientOptedOut,
    RetryableSendError,
)
from channels.outbox import (
    MAX_BACKOFF,
    MAX_BATCH,
    OutboxDispatcher,
    backoff,
    batch_size,
    retry_delay,
)
from channels.pacing import Pacer, Pacing
from escalation import service
from escalation.levels import Level, Screening
from escalation.service import EscalationPolicy
from store import messages, participants
from store.db import Database
from store.escalation_models import AlertKind, PeerAlert
from store.models import Lane, OutboxItem, OutboxStatus, ParticipantAddress
from tests.channels.conftest import Clock, RecordingChannel, Run
from tests.channels.pacing_helpers import FakeTime

ADDRESS = "tel:+15551230000"


def queue_reply(db: Database, clock: Clock, address: str = ADDRESS) -> None:
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address=address, channel_message_id="in-1", text="hi", now=clock()
        )
        messages.finish_inbound(session, stored.message, ["a reply"], "none", clock())


def outbox_row(db: Database) -> OutboxItem:
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem)).one()
        session.expunge(item)
        return item


def dispatcher(db: Database, channel: RecordingChannel, clock: Clock) -> OutboxDispatcher:
    channels: dict[str, Channel] = {channel.scheme: channel}
    return OutboxDispatcher(db, channels, max_attempts=3, clock=clock)


def test_retryable_failure_is_retried_after_backoff(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    channel.failures = [RetryableSendError("429 too many requests")]
    queue_reply(db, clock)
    outbox = dispatcher(db, channel, clock)

    assert run(outbox.dispatch()) == 0
    assert outbox_row(db).status == OutboxStatus.PENDING
    assert run(outbox.dispatch()) == 0  # not due yet

    clock.advance(timedelta(seconds=3))

    assert run(outbox.dispatch()) == 1
    assert channel.sent == [(ADDRESS, "a reply")]
    assert outbox_row(db).status == OutboxStatus.SENT


@pytest.mark.parametrize(
    "error",
    [PermanentSendError("21211 invalid number"), RecipientOptedOut("21610 unsubscribed")],
)
def test_permanent_failure_is_not_retried(
    error: Exception, run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    channel.failures = [error]
    queue_reply(db, clock)
    outbox = dispatcher(db, channel, clock)

    run(outbox.dispatch())
    clock.advance(timedelta(hours=1))
    run(outbox.dispatch())

    assert channel.sent == []
    assert outbox_row(db).status == OutboxStatus.FAILED
    assert outbox_row(db).attempts == 1


def test_gives_up_after_the_last_attempt(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    channel.failures = [RetryableSendError("503")] * 3
    queue_reply(db, clock)
    outbox = dispatcher(db, channel, clock)

    for _ in range(5):
        run(outbox.dispatch())
        clock.advance(MAX_BACKOFF * 2)

    row = outbox_row(db)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 3)
    assert row.last_error == "RetryableSendError: 503"


def test_unexpected_error_is_retried_not_dropped(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    channel.failures = [ConnectionResetError("peer reset")]
    queue_reply(db, clock)
    outbox = dispatcher(db, channel, clock)

    run(outbox.dispatch())
    clock.advance(timedelta(seconds=3))
    run(outbox.dispatch())

    assert channel.sent == [(ADDRESS, "a reply")]


def test_a_reply_for_an_unconfigured_channel_fails_without_retry(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    queue_reply(db, clock, address="telegram:42")
    outbox = dispatcher(db, channel, clock)

    run(outbox.dispatch())

    row = outbox_row(db)
    assert row.status == OutboxStatus.FAILED
    assert row.last_error == "SendError: no channel is configured for telegram"


@pytest.mark.parametrize(
    ("attempts", "expected"),
    [(1, timedelta(seconds=2)), (3, timedelta(seconds=8)), (30, MAX_BACKOFF)],
)
def test_backoff_doubles_and_is_capped(attempts: int, expected: timedelta) -> None:
    assert backoff(attempts, jitter=1.0) == expected


def test_a_retry_waits_as_long_as_the_provider_asked_when_that_is_longer(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    flood = RetryableSendError("429 retry after 60")
    flood.retry_after = 60.0
    channel.failures = [flood]
    queue_reply(db, clock)
    outbox = dispatcher(db, channel, clock)

    run(outbox.dispatch())

    assert outbox_row(db).next_attempt_at == clock() + timedelta(seconds=60)


def test_retry_delay_keeps_the_backoff_when_the_provider_asks_for_less() -> None:
    error = RetryableSendError("429")
    error.retry_after = 0.5
    assert retry_delay(3, error) >= timedelta(seconds=2**3 * 0.8)


# --- opt-out --------------------------------------------------------------------------------


def set_opted_out(db: Database, address: str, at: datetime | None) -> None:
    with db.transaction() as session:
        session.execute(
            update(ParticipantAddress)
            .where(ParticipantAddress.address == address)
            .values(opted_out_at=at)
        )


def opted_out_at(db: Database, address: str) -> datetime | None:
    with db.transaction() as session:
        return session.scalars(
            select(ParticipantAddress.opted_out_at).where(ParticipantAddress.address == address)
        ).one()


def add_reply(db: Database, clock: Clock, address: str, *, send_now: bool = False) -> OutboxItem:
    """Answers a fresh inbound message from `address` with one reply; returns its outbox row."""
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address=address, channel_message_id=f"in-{next(_IDS)}", text="hi", now=clock()
        )
        [reply] = messages.add_replies(
            session, stored.message, ["a reply"], clock(), send_now=send_now
        )
        assert reply.outbox is not None
        return reply.outbox


_IDS = itertools.count()


def set_lane(db: Database, item_id: int, lane: Lane, *, compliance: bool = False) -> None:
    with db.transaction() as session:
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id)
            .values(lane=lane, compliance=compliance)
        )


def statuses(db: Database) -> list[tuple[str, str | None]]:
    with db.transaction() as session:
        rows = session.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()
        return [(row.status, row.last_error) for row in rows]


def test_a_provider_opt_out_stops_replies_and_bulk_until_it_is_cleared(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    channel.failures = [RecipientOptedOut("21610 unsubscribed")]
    outbox = dispatcher(db, channel, clock)
    add_reply(db, clock, ADDRESS)
    run(outbox.dispatch())
    assert opted_out_at(db, ADDRESS) == clock()

    bulk = add_reply(db, clock, ADDRESS)
    set_lane(db, bulk.id, Lane.BULK)
    run(outbox.dispatch())
    reply = add_reply(db, clock, ADDRESS, send_now=True)
    run(outbox.send_items([reply]))

    assert channel.sent == []
    assert statuses(db)[1:] == [("failed", "opted out")] * 2

    set_opted_out(db, ADDRESS, None)  # they texted START
    add_reply(db, clock, ADDRESS)
    run(outbox.dispatch())
    assert channel.sent == [(ADDRESS, "a reply")]


def test_the_opt_out_confirmation_still_goes_out(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    outbox = dispatcher(db, channel, clock)
    queued = add_reply(db, clock, ADDRESS)
    set_lane(db, queued.id, Lane.URGENT, compliance=True)
    set_opted_out(db, ADDRESS, clock())

    run(outbox.dispatch())

    assert (channel.sent, statuses(db)) == ([(ADDRESS, "a reply")], [("sent", None)])


def test_an_opted_out_row_is_failed_once_and_not_retried(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    outbox = dispatcher(db, channel, clock)
    add_reply(db, clock, ADDRESS)
    set_opted_out(db, ADDRESS, clock())
    run(outbox.dispatch())
    set_opted_out(db, ADDRESS, None)  # a row failed for opting out stays failed

    clock.advance(MAX_BACKOFF)
    run(outbox.dispatch())

    assert (channel.sent, outbox_row(db).attempts) == ([], 0)


# --- pacing and the urgent lane -------------------------------------------------------------


@dataclass
class PacedChannel(RecordingChannel):
    """One Twilio sender at 1 message a second, on a fake clock; `during` runs inside a send."""

    time: FakeTime = field(default_factory=FakeTime)
    times: list[float] = field(default_factory=list)
    during: Callable[[int], None] = lambda _count: None

    def __post_init__(self) -> None:
        self.paced = self.time.pacer(Pacing(overall=1.0))
        self.pacer = self.paced

    async def send(
        self, address: str, text: str, *, buttons: Sequence[Button] = (), urgent: bool = False
    ) -> str | None:
        await self.paced.acquire(address, urgent=urgent)
        self.times.append(self.time.now)
        self.during(len(self.times))
        return await super().send(address, text, buttons=buttons, urgent=urgent)


def test_a_crisis_reply_stored_during_a_bulk_batch_goes_out_at_the_next_slot(
    run: Run[Any], db: Database, clock: Clock
) -> None:
    for number in range(50):
        set_lane(db, add_reply(db, clock, f"tel:+1555100{number:04d}").id, Lane.BULK)
    crisis = "tel:+15559990000"

    def store_crisis_reply(count: int) -> None:
        if count == 3:  # while the third check-in is going out
            set_lane(db, add_reply(db, clock, crisis).id, Lane.URGENT)

    channel = PacedChannel(during=store_crisis_reply)
    outbox = dispatcher(db, channel, clock)

    first = run(outbox.dispatch())  # 30 check-ins: what one sender sends in half a minute
    second = run(outbox.dispatch())

    assert (first, second) == (31, 20)
    assert (channel.sent[3][0], channel.urgent[3]) == (crisis, True)
    assert channel.times == [float(slot) for slot in range(51)]  # one a second, no gap


def test_urgent_rows_are_claimed_before_normal_and_bulk(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    lanes = [Lane.BULK, Lane.NORMAL, Lane.URGENT, Lane.BULK, Lane.URGENT]
    for number, lane in enumerate(lanes):
        set_lane(db, add_reply(db, clock, f"tel:+1555200{number:04d}").id, lane)

    run(dispatcher(db, channel, clock).dispatch())

    order = [int(address[-4:]) for address, _ in channel.sent]
    assert order == [2, 4, 1, 0, 3]


@pytest.mark.parametrize(
    ("rates", "expected"),
    [([], MAX_BATCH), ([None], MAX_BATCH), ([1.0], 30), ([0.1, 30.0], 3), ([0.001], 1)],
)
def test_a_claim_takes_what_the_slowest_channel_sends_in_half_a_minute(
    rates: list[float | None], expected: int
) -> None:
    channels = [PacedChannel() for _ in rates]
    for paced, rate in zip(channels, rates, strict=True):
        paced.pacer = Pacer(Pacing(overall=rate))

    assert batch_size([RecordingChannel(), *channels]) == expected


def test_rows_handed_over_directly_are_urgent_when_their_lane_is(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock
) -> None:
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address=ADDRESS, channel_message_id="in-1", text="hi", now=clock()
        )
        replies = messages.add_replies(
            session, stored.message, ["call or text 988"], clock(), send_now=True,
            sending=messages.GATEWAY,
        )  # fmt: skip
    items = [reply.outbox for reply in replies if reply.outbox]

    assert run(dispatcher(db, channel, clock).send_items(items)) == 1
    assert channel.urgent == [True]


def test_a_provider_opt_out_during_a_crisis_tells_the_peer_with_the_case(
    run: Run[Any], db: Database, channel: RecordingChannel, clock: Clock, policy: EscalationPolicy
) -> None:
    channel.failures = [RecipientOptedOut("21610 unsubscribed")]
    add_reply(db, clock, ADDRESS)
    with db.transaction() as session:
        person = participants.participant_id_of(session, ADDRESS)
        assert person is not None
        screening = Screening(Level.CRISIS, ("suicide:ideation",))
        service.escalate(session, policy, person, 1, screening, clock())
    opted_out = partial(service.address_opted_out, policy=policy)
    outbox = OutboxDispatcher(db, {channel.scheme: channel}, 3, clock, opted_out=opted_out)

    run(outbox.dispatch())

    with db.transaction() as session:
        told = session.scalars(
            select(PeerAlert.address).where(PeerAlert.kind == AlertKind.OPTED_OUT)
        ).all()
    assert (opted_out_at(db, ADDRESS), sorted(told)) == (
        clock(),
        ["tel:+15550000001", "telegram:101"],
    )
