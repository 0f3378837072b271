"""The claims a live worker holds (queue rows it is sending, messages it is answering), kept
alive by a heartbeat so that their leases can be short.

A lease is how another process tells a dead worker from a slow one. Long, it makes a crash
costly: what the dead process held waits out the lease (two minutes, once). Short without a
heartbeat, a slow provider or a slow engine outlasts it and a live worker's work is taken over
and done twice. So leases are short (20 s) and renewed every quarter lease while held: a live
worker keeps its claims however slow its sends, and a dead one's run out within a lease.

Each claim is held with its token, the claim's `attempts` (every claim adds one). A renewal
changes only rows whose token still matches: a worker that lost a claim (it stalled past the
lease and another took the row) learns so, and renews nothing it no longer holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import datetime, timedelta

from store import messages
from store.db import Database
from store.messages import PROCESSING_LEASE

logger = logging.getLogger(__name__)

Held = dict[int, int]  # row id -> the claim's token (its attempts when claimed)
Renew = Callable[[Held], set[int]]  # renews these claims in the database; returns those kept
Sleep = Callable[[float], Awaitable[object]]


class Claims:
    """What one worker holds, renewed every `every` while it holds anything."""

    def __init__(self, name: str, renew: Renew, every: timedelta, sleep: Sleep = asyncio.sleep):
        self._name = name
        self._renew = renew
        self._every = every.total_seconds()
        self._sleep = sleep
        self._held: Held = {}
        self._beating: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def holding(self, claims: Iterable[tuple[int, int]]) -> Iterator[None]:
        """Holds these (id, token) claims until the block ends, however it ends: a cancelled
        worker stops renewing, so what it held runs out like a dead process's."""
        claims = list(claims)
        for row_id, token in claims:
            self._held[row_id] = token
        self._start_beating()
        try:
            yield
        finally:
            for row_id, _token in claims:
                self.release(row_id)

    def release(self, row_id: int) -> None:
        """The claim is settled (sent, retried, failed): nothing more to renew."""
        self._held.pop(row_id, None)
        if not self._held and self._beating is not None:
            self._beating.cancel()  # nothing held: no timer left pending
            self._beating = None

    async def renew(self, row_ids: Iterable[int] | None = None) -> set[int]:
        """Renews the given claims (all held, by default) now; returns those still held.

        One the worker lost stops being held: it must not be sent or answered."""
        wanted = self._held if row_ids is None else set(row_ids)
        held = {row_id: token for row_id, token in self._held.items() if row_id in wanted}
        if not held:
            return set()
        kept = await asyncio.to_thread(self._renew, held)
        for lost in held.keys() - kept:
            logger.warning("%s %s: claim lost to another worker", self._name, lost)
            self.release(lost)
        return kept

    def _start_beating(self) -> None:
        if self._held and (self._beating is None or self._beating.done()):
            self._beating = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        while self._held:
            await self._sleep(self._every)
            try:
                await self.renew()
            except Exception:  # the database may be back by the next beat; keep beating
                logger.exception("%s: renewing claims failed", self._name)


def inbound_claims(db: Database, clock: Callable[[], datetime]) -> Claims:
    """The messages a gateway is answering, their leases renewed while it does."""

    def renew(held: Held) -> set[int]:
        with db.transaction() as session:
            return messages.renew_inbound(session, held, clock())

    return Claims("message", renew, PROCESSING_LEASE / 4)
