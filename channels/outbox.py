"""Sends what the outbox holds: each row claimed once, retried with backoff, given up on policy."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from channels.base import Channel, SendError
from core.clock import utcnow
from store import outbox
from store.db import Database
from store.models import OutboxItem

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=10)


def backoff(attempts: int, jitter: float | None = None) -> timedelta:
    """2, 4, 8 ... seconds, capped, with jitter so retries after an outage do not all collide."""
    spread = random.uniform(0.8, 1.2) if jitter is None else jitter  # noqa: S311 - not crypto
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF) * spread


class OutboxDispatcher:
    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        max_attempts: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._channels = channels
        self._max_attempts = max_attempts
        self._clock = clock

    async def dispatch(self, message_ids: list[int] | None = None) -> int:
        """Sends every due row (or just these messages' rows); returns how many went out."""
        return await self.send_claimed(await asyncio.to_thread(self._claim, message_ids))

    async def send_claimed(self, items: list[OutboxItem]) -> int:
        """Sends rows this worker holds the claim on, in order; returns how many went out."""
        sent = 0
        for item in items:
            sent += await self._send(item)
        return sent

    def _claim(self, message_ids: list[int] | None) -> list[OutboxItem]:
        with self._db.transaction() as session:
            return outbox.claim_due(session, self._clock(), message_ids=message_ids)

    async def _send(self, item: OutboxItem) -> int:
        channel = self._channels.get(item.channel)
        try:
            if channel is None:
                raise SendError(f"no channel is configured for {item.channel}")
            provider_id = await channel.send(item.address, item.message.text)
        except SendError as error:
            await asyncio.to_thread(self._record_failure, item, error)
            return 0
        except Exception as error:  # an unexpected failure may be transient: retry, loudly
            logger.exception("outbox %s: unexpected send failure", item.id)
            await asyncio.to_thread(self._record_failure, item, _as_retryable(error))
            return 0
        await asyncio.to_thread(self._record_sent, item, provider_id)
        return 1

    def _record_sent(self, item: OutboxItem, provider_id: str | None) -> None:
        with self._db.transaction() as session:
            outbox.mark_sent(session, item, provider_id, self._clock())

    def _record_failure(self, item: OutboxItem, error: SendError) -> None:
        reason = f"{type(error).__name__}: {error}"
        with self._db.transaction() as session:
            if error.retryable and item.attempts < self._max_attempts:
                retry_at = self._clock() + backoff(item.attempts)
                outbox.mark_retry(session, item, reason, retry_at)
                logger.warning("outbox %s: retrying after attempt %s", item.id, item.attempts)
            else:
                outbox.mark_failed(session, item, reason)
                logger.error("outbox %s: gave up after attempt %s", item.id, item.attempts)


def _as_retryable(error: Exception) -> SendError:
    wrapped = SendError(type(error).__name__)
    wrapped.retryable = True
    return wrapped
