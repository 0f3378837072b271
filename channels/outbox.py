"""Sends what a queue of rows holds (replies in the outbox, peer alerts): each row claimed once,
retried with backoff, given up on policy, urgent rows first.

The policy lives here once; each queue says only how its rows are claimed and settled. Channels
pace their own sends (channels/pacing.py); a claim keeps to what they send in half a minute.

After a crash only the row in flight may go out again. A worker claims a small batch, keeps the
claims alive with a heartbeat (channels/leases.py), and right before each row's own send renews
that row's claim once more: the row is then in flight, and a row whose claim was lost meanwhile
(the worker stalled past the lease; another process took it over) is not sent. The rows of a
dead worker's batch it never started were never sent: they are due again once its short lease
runs out, and the one it was sending goes out again, once.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

from channels.base import Button, Channel, RecipientOptedOut, SendError
from channels.leases import Claims, Held, Sleep
from core.clock import utcnow
from store import outbox, participants
from store.db import Database
from store.models import Lane, OutboxItem, OutboxStatus
from store.queue import SENDING_LEASE

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=10)
MAX_BATCH = 50
# How much sending one claim takes on: several workers share a backlog, and a claim holds
# back no row for long from a worker that could send it.
BATCH_SPAN = timedelta(seconds=30)
HEARTBEAT = SENDING_LEASE / 4  # two beats may fail (a busy database) before a claim runs out


R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Claimed(Generic[R]):
    """A row this worker holds the claim on, with what sending it needs."""

    row: R
    id: int
    address: str
    text: str
    attempts: int
    buttons: tuple[Button, ...] = ()
    urgent: bool = False


class SendQueue(Protocol[R]):
    """How one table's rows are claimed and settled."""

    name: str

    def claim_due(
        self, session: Session, now: datetime, limit: int, urgent_only: bool
    ) -> Sequence[Claimed[R]]: ...
    def mark_sent(
        self, session: Session, row: R, provider_id: str | None, now: datetime
    ) -> None: ...
    def mark_retry(self, session: Session, row: R, error: str, retry_at: datetime) -> None: ...
    def mark_failed(self, session: Session, row: R, error: str) -> None: ...
    def renew(self, session: Session, held: Held, now: datetime) -> set[int]: ...


def _tokens(rows: Iterable[Claimed[R]]) -> list[tuple[int, int]]:
    """Each row's claim: its id and its attempts, which every new claim moves on."""
    return [(row.id, row.attempts) for row in rows]


def backoff(attempts: int, jitter: float | None = None) -> timedelta:
    """2, 4, 8 ... seconds, capped, with jitter so retries after an outage do not all collide."""
    spread = random.uniform(0.8, 1.2) if jitter is None else jitter  # noqa: S311 - not crypto
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF) * spread


def retry_delay(attempts: int, error: SendError) -> timedelta:
    """The backoff, or the provider's own wait (Telegram's flood control) when that is longer."""
    asked = timedelta(seconds=error.retry_after or 0)
    return max(backoff(attempts), asked)


def batch_size(channels: Iterable[Channel]) -> int:
    """How many rows one claim takes: what the slowest paced channel sends in half a minute.

    The heartbeat keeps a long batch's claims; keeping batches small shares a backlog among
    workers and leaves fewer rows waiting on a dead worker's lease."""
    paced = [channel.pacer.pacing.slowest for channel in channels if channel.pacer is not None]
    rates = [rate for rate in paced if rate is not None]
    if not rates:
        return MAX_BATCH
    sendable = int(min(rates) * BATCH_SPAN.total_seconds())
    return max(1, min(MAX_BATCH, sendable))


class OptedOut(Protocol):
    """What a provider's "this person stopped" does: records the opt-out, and (wired by the
    app) tells the peer who has the person's case."""

    def __call__(self, session: Session, *, address: str, now: datetime, why: str) -> None: ...


def record_opt_out(session: Session, *, address: str, now: datetime, why: str) -> None:
    participants.opt_out(session, address, now, why=why)


class QueueDispatcher(Generic[R]):
    def __init__(
        self,
        db: Database,
        queue: SendQueue[R],
        channels: Mapping[str, Channel],
        max_attempts: int,
        clock: Callable[[], datetime] = utcnow,
        *,
        sleep: Sleep = asyncio.sleep,
        opted_out: OptedOut = record_opt_out,
    ) -> None:
        self._db = db
        self._opted_out = opted_out
        self._queue = queue
        self._channels = channels
        self._max_attempts = max_attempts
        self._clock = clock
        self._batch = batch_size(channels.values())
        self.claims = Claims(queue.name, self._renew, HEARTBEAT, sleep)

    async def dispatch(self) -> int:
        """Sends a batch of due rows, urgent first; returns how many went out.

        An urgent row stored meanwhile goes out before the batch's next non-urgent row, not
        after the batch: paced, a batch can take a minute."""
        sent = 0
        batch = await asyncio.to_thread(self._claim, self._batch, False)
        with self.claims.holding(_tokens(batch)):
            for row in batch:
                if not row.urgent:
                    urgent = await asyncio.to_thread(self._claim, self._batch, True)
                    sent += await self.send_claimed(urgent)
                sent += await self._send(row)
        return sent

    async def send_claimed(self, rows: Sequence[Claimed[R]]) -> int:
        """Sends rows this worker holds the claim on, in order; returns how many went out."""
        sent = 0
        with self.claims.holding(_tokens(rows)):
            for row in rows:
                sent += await self._send(row)
        return sent

    def _claim(self, limit: int, urgent_only: bool) -> Sequence[Claimed[R]]:
        with self._db.transaction() as session:
            return self._queue.claim_due(session, self._clock(), limit, urgent_only)

    async def _send(self, row: Claimed[R]) -> int:
        # In flight from here: renewed right before its send, so a row whose claim was lost
        # (this worker stalled past the lease and another took it) is left to that other.
        if row.id not in await self.claims.renew([row.id]):
            return 0
        outcome = await self._deliver(row)
        await asyncio.to_thread(self._record, row, outcome)
        self.claims.release(row.id)
        return 0 if isinstance(outcome, SendError) else 1

    def _renew(self, held: Held) -> set[int]:
        with self._db.transaction() as session:
            return self._queue.renew(session, held, self._clock())

    async def _deliver(self, row: Claimed[R]) -> str | SendError | None:
        """The provider's id for a sent row, or the error to record."""
        scheme = row.address.partition(":")[0]
        channel = self._channels.get(scheme)
        try:
            if channel is None:
                raise SendError(f"no channel is configured for {scheme}")
            return await channel.send(row.address, row.text, buttons=row.buttons, urgent=row.urgent)
        except SendError as error:
            return error
        except Exception as error:  # an unexpected failure may be transient: retry, loudly
            logger.exception("%s %s: unexpected send failure", self._queue.name, row.id)
            return _as_retryable(error)

    def _record(self, row: Claimed[R], outcome: str | SendError | None) -> None:
        if isinstance(outcome, SendError):
            self._record_failure(row, outcome)
        else:
            self._record_sent(row, outcome)

    def _record_sent(self, row: Claimed[R], provider_id: str | None) -> None:
        with self._db.transaction() as session:
            self._queue.mark_sent(session, row.row, provider_id, self._clock())

    def _record_failure(self, row: Claimed[R], error: SendError) -> None:
        reason = f"{type(error).__name__}: {error}"
        name = self._queue.name
        with self._db.transaction() as session:
            if isinstance(error, RecipientOptedOut):  # nothing more goes there until they return
                self._opted_out(session, address=row.address, now=self._clock(), why=str(error))
            if error.retryable and row.attempts < self._max_attempts:
                retry_at = self._clock() + retry_delay(row.attempts, error)
                self._queue.mark_retry(session, row.row, reason, retry_at)
                logger.warning("%s %s: retrying after attempt %s", name, row.id, row.attempts)
            else:
                self._queue.mark_failed(session, row.row, reason)
                logger.error("%s %s: gave up after attempt %s", name, row.id, row.attempts)


def _as_retryable(error: Exception) -> SendError:
    wrapped = SendError(type(error).__name__)
    wrapped.retryable = True
    return wrapped


class OutboxQueue:
    """Replies to participants."""

    name = "outbox"

    def claim_due(
        self, session: Session, now: datetime, limit: int, urgent_only: bool
    ) -> list[Claimed[OutboxItem]]:
        items = outbox.claim_due(session, now, limit, urgent_only=urgent_only)
        return [self.claimed(item) for item in items]

    @staticmethod
    def claimed(item: OutboxItem) -> Claimed[OutboxItem]:
        buttons = tuple(Button(b["title"], b["payload"]) for b in item.message.buttons or ())
        urgent = item.lane == Lane.URGENT
        return Claimed(
            item, item.id, item.address, item.message.text, item.attempts, buttons, urgent
        )

    mark_sent = staticmethod(outbox.mark_sent)
    mark_retry = staticmethod(outbox.mark_retry)
    mark_failed = staticmethod(outbox.mark_failed)
    renew = staticmethod(outbox.renew)


class OutboxDispatcher(QueueDispatcher[OutboxItem]):
    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        max_attempts: int,
        clock: Callable[[], datetime] = utcnow,
        *,
        sleep: Sleep = asyncio.sleep,
        opted_out: OptedOut = record_opt_out,
    ) -> None:
        super().__init__(
            db, OutboxQueue(), channels, max_attempts, clock, sleep=sleep, opted_out=opted_out
        )

    async def send_items(self, items: Sequence[OutboxItem]) -> int:
        """Sends outbox rows the caller claimed when it stored them, urgent if their lane is;
        a row to an address that opted out is failed instead."""
        # Rows to an address that opted out were stored failed, in the same transaction that
        # read the opt-out: no second look at the database on the reply's path.
        held = [item for item in items if item.status == OutboxStatus.SENDING]
        return await self.send_claimed([OutboxQueue.claimed(item) for item in held])
