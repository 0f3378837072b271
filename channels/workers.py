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
