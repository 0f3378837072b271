"""The outbox's sender runs in a loop of its own: batch after batch while there is a backlog
(no poll interval behind each), a rest once there is nothing, and alive after a failure."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from channels.workers import run_sender
from tests.channels.conftest import Run

POLL = 1.0


def test_a_backlog_is_sent_batch_after_batch_and_an_empty_outbox_rests(run: Run[Any]) -> None:
    batches = [3, 3, 3, 0]  # three full batches, then nothing left
    calls: list[float] = []

    async def scenario() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()

        async def send() -> int:
            calls.append(loop.time())
            if len(calls) == len(batches) + 1:
                stop.set()
            if len(calls) == 2:
                raise RuntimeError("the database blinked")  # the loop lives on
            return batches[len(calls) - 1] if len(calls) <= len(batches) else 0

        await asyncio.wait_for(run_sender(send, POLL, stop), timeout=10)

    run(scenario())

    gaps = [later - earlier for earlier, later in itertools.pairwise(calls)]
    assert gaps[0] < POLL / 2  # a full batch: straight on to the next
    assert gaps[1] >= POLL * 0.9  # the failed pass rests, like an empty one
    assert gaps[2] < POLL / 2
    assert gaps[3] >= POLL * 0.9  # nothing left: a poll interval's rest
