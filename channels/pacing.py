"""Pacing sends to what a provider accepts, with urgent sends always first in line.

A provider queues what it is sent faster than its rate (Twilio per sender), so a thousand
check-ins handed over at once would hold a crisis reply back behind them for half an hour.
Pacing here keeps that queue on our side, where an urgent send can jump it: a waiter is granted
a slot only when no waiter ahead of it (urgent first, then first come) would start later for it.

Time is an injected monotonic clock and sleep, so tests run on a fake clock without waiting.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Pacing:
    """How fast a channel may send, in messages a second: to each key (a recipient), and in all.

    None is unlimited. Twilio paces its sender (`overall`), Telegram both (30/s, 1/s a chat).
    """

    per_key: float | None = None
    overall: float | None = None

    def __post_init__(self) -> None:
        for rate in (self.per_key, self.overall):
            if rate is not None and not rate > 0:
                raise ValueError(f"a send rate must be positive, not {rate}")

    @property
    def slowest(self) -> float | None:
        """The lowest rate: a batch all to one key goes no faster than this."""
        rates = [rate for rate in (self.per_key, self.overall) if rate is not None]
        return min(rates, default=None)


@dataclass(eq=False, slots=True)
class _Waiter:
    key: str
    urgent: bool
    weight: int
    order: int
    granted: asyncio.Future[None]

    @property
    def rank(self) -> tuple[bool, int]:
        return (not self.urgent, self.order)


@dataclass(slots=True)
class _Free:
    """When each key, and the channel as a whole, may send next."""

    keys: dict[str, float] = field(default_factory=dict)
    overall: float = -math.inf

    def ready_at(self, waiter: _Waiter) -> float:
        return max(self.keys.get(waiter.key, -math.inf), self.overall)

    def forget_before(self, now: float) -> None:
        """Drops keys free by now: they wait for nothing, and a chat seen once stays no longer."""
        self.keys = {key: free for key, free in self.keys.items() if free > now}

    def after(self, waiter: _Waiter, now: float, pacing: Pacing) -> _Free:
        """The state once `waiter` has sent at `now`; a weight of n holds n slots."""
        keys, overall = dict(self.keys), self.overall
        if pacing.per_key is not None:
            keys[waiter.key] = now + waiter.weight / pacing.per_key
        if pacing.overall is not None:
            overall = now + waiter.weight / pacing.overall
        return _Free(keys, overall)


class Pacer:
    """Grants send slots at a Pacing's rates; `acquire` returns when the caller may send."""

    def __init__(
        self, pacing: Pacing, *, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.pacing = pacing
        self._clock = clock
        self._sleep = sleep
        self._free = _Free()
        self._waiting: list[_Waiter] = []  # in rank order: urgent first, then first come
        self._order = itertools.count()
        self._timer: asyncio.Task[None] | None = None
        self._wake_at = math.inf

    def twin(self) -> Pacer:
        """Another pacer at the same rates on the same clock (one for each number of a pool)."""
        return Pacer(self.pacing, clock=self._clock, sleep=self._sleep)

    async def acquire(self, key: str, *, urgent: bool = False, weight: int = 1) -> None:
        """Waits for a slot for one send (`weight` sends, say the parts of a split SMS)."""
        if weight < 1:
            raise ValueError(f"a send takes at least one slot, not {weight}")
        future = asyncio.get_running_loop().create_future()
        waiter = _Waiter(key, urgent, weight, next(self._order), future)
        self._waiting.append(waiter)
        self._waiting.sort(key=lambda w: w.rank)
        self._grant()
        try:
            await future
        finally:
            if waiter in self._waiting:  # cancelled while waiting: let the others move up
                self._waiting.remove(waiter)
                self._grant()

    def _grant(self) -> None:
        now = self._clock()
        # A waiter cancelled a moment ago has not yet left the line: it must not use a slot.
        self._waiting = [waiter for waiter in self._waiting if not waiter.granted.done()]
        self._free.forget_before(now)
        while (waiter := self._next_to_go(now)) is not None:
            self._free = self._free.after(waiter, now, self.pacing)
            self._waiting.remove(waiter)
            waiter.granted.set_result(None)
        self._arm(now)

    def _next_to_go(self, now: float) -> _Waiter | None:
        for index, waiter in enumerate(self._waiting):
            if self._free.ready_at(waiter) <= now and self._delays_nobody(index, now):
                return waiter
        return None

    def _delays_nobody(self, index: int, now: float) -> bool:
        """Whether the waiter at `index` may go now without any waiter ahead starting later."""
        after = self._free.after(self._waiting[index], now, self.pacing)
        return all(
            after.ready_at(ahead) <= max(self._free.ready_at(ahead), now)
            for ahead in self._waiting[:index]
        )

    def _arm(self, now: float) -> None:
        """Sleeps until the next waiter's slot opens (the earliest moment anything can change)."""
        later = [self._free.ready_at(w) for w in self._waiting if self._free.ready_at(w) > now]
        wake_at = min(later, default=math.inf)
        if self._timer is not None and not self._timer.done():
            if self._wake_at <= wake_at < math.inf:
                return  # an earlier wake-up re-arms itself for this one
            self._timer.cancel()
        self._wake_at = wake_at
        self._timer = None
        if wake_at < math.inf:
            self._timer = asyncio.get_running_loop().create_task(self._wake(wake_at - now))

    async def _wake(self, seconds: float) -> None:
        await self._sleep(seconds)
        self._wake_at = math.inf
        self._timer = None
        self._grant()
