"""The background loop: retry held messages, send replies and peer alerts, re-alert about
escalations nobody claimed in time; until told to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

logger = logging.getLogger(__name__)

Pass = Callable[[], Awaitable[object]]


async def run_background(passes: Sequence[Pass], poll_seconds: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for work in passes:
            try:
                await work()
            except Exception:  # keep the loop alive: the rows stay due and are tried again
                logger.exception("background pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=poll_seconds)


async def run_sender(
    send: Callable[[], Awaitable[int]], poll_seconds: float, stop: asyncio.Event
) -> None:
    """The outbox's sender: batch after batch while there is something to send (a wave of
    check-ups goes out at the channel's pace, not a poll interval behind each batch), and a
    poll interval's rest once there is nothing."""
    while not stop.is_set():
        try:
            sent = await send()
        except Exception:  # keep the loop alive: the rows stay due and are tried again
            logger.exception("outbox sender failed")
            sent = 0
        if sent:
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
