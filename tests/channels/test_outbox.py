"""The outbox's sending policy: retry what may succeed later, give up on what will not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from channels.base import (
    Channel,
    PermanentSendError,
    RecipientOptedOut,
    RetryableSendError,
)
from channels.outbox import MAX_BACKOFF, OutboxDispatcher, backoff
from store import messages
from store.db import Database
from store.models import OutboxItem, OutboxStatus
from tests.channels.conftest import Clock, RecordingChannel, Run

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
