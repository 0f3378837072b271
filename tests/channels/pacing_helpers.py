"""A fake monotonic clock for pacers: time moves only when a pacer sleeps, so tests never wait."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from channels.pacing import Pacer, Pacing


@dataclass
class FakeTime:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        # Everything already runnable runs first, at the current moment; then the time passes.
        # A pacer has one timer at a time, so one pacer per FakeTime keeps this exact.
        target = self.now + seconds
        for _ in range(3):
            await asyncio.sleep(0)
        self.now = max(self.now, target)

    def pacer(self, pacing: Pacing) -> Pacer:
        return Pacer(pacing, clock=self, sleep=self.sleep)
