"""The background loop: retry held messages and send what the outbox holds, until told to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from channels.gateway import Gateway
from channels.outbox import OutboxDispatcher

logger = logging.getLogger(__name__)


async def run_background(
    gateway: Gateway, outbox: OutboxDispatcher, poll_seconds: float, stop: asyncio.Event
) -> None:
    while not stop.is_set():
        try:
            await gateway.retry_due()
            await outbox.dispatch()
        except Exception:  # keep the loop alive: the rows stay due and are tried again
            logger.exception("background pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
