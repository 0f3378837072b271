"""Reading Telegram by getUpdates, for a bot with no public URL (development, small sites).

Telegram forgets an update only when a later getUpdates passes a higher offset, so the offset
is advanced, and persisted, only after the gateway has stored the update: a crash at any point
re-reads rather than loses, and the gateway recognises what it has already stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from telegram import Update

from channels.telegram.intake import TelegramIntake
from channels.telegram.updates import ALLOWED_UPDATES, MalformedUpdate
from core.clock import utcnow
from store import cursors
from store.db import Database

logger = logging.getLogger(__name__)

CURSOR = "telegram:getUpdates"


def cursor_name(bot_id: int) -> str:
    """One cursor per bot: update ids are the bot's own sequence, so another bot's offset
    (after a token for a new bot) would skip, and so confirm unread, updates."""
    return f"{CURSOR}:{bot_id}"


def retry_delay(failures: int, first: float, cap: float) -> float:
    """1, 2, 4 ... times `first`, capped: an outage is not hammered, a blip costs a second."""
    return float(min(first * 2 ** max(failures - 1, 0), cap))


class TelegramPoller:
    def __init__(
        self,
        intake: TelegramIntake,
        db: Database,
        *,
        long_poll_seconds: int = 30,
        first_backoff: float = 1.0,
        max_backoff: float = 60.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._intake = intake
        self._db = db
        self._long_poll = long_poll_seconds
        self._first_backoff = first_backoff
        self._max_backoff = max_backoff
        self._clock = clock
        self._webhook_deleted = False

    async def run(self) -> None:
        """Polls until cancelled; an outage is retried with backoff, never raised."""
        failures = 0
        while True:
            try:
                await self.poll_once()
                failures = 0
            except Exception as error:  # the loop must outlive any outage
                failures += 1
                delay = retry_delay(failures, self._first_backoff, self._max_backoff)
                # The class only: PTB's messages can quote the request, and with it the token.
                logger.warning(
                    "Telegram polling failed (%s); retrying in %.1f s", type(error).__name__, delay
                )
                await asyncio.sleep(delay)

    async def poll_once(self) -> int:
        """One getUpdates; returns how many updates it stored."""
        bot = await self._intake.channel.ready()
        if not self._webhook_deleted:
            await bot.delete_webhook()  # getUpdates is refused while a webhook is set
            self._webhook_deleted = True
        cursor = cursor_name(bot.id)
        offset = await asyncio.to_thread(self._position, cursor)
        updates = await bot.get_updates(
            offset=offset, timeout=self._long_poll, allowed_updates=ALLOWED_UPDATES
        )
        for update in updates:
            await self._take(update)
            await asyncio.to_thread(self._advance, cursor, update.update_id + 1)
        return len(updates)

    async def _take(self, update: Update) -> None:
        try:
            await self._intake.process(update)
        except MalformedUpdate as error:
            # Skipped, or it would be read again forever and hold every later message back.
            logger.warning("skipped Telegram update %s: %s", update.update_id, error)

    def _position(self, cursor: str) -> int | None:
        with self._db.transaction() as session:
            return cursors.get_position(session, cursor)

    def _advance(self, cursor: str, position: int) -> None:
        with self._db.transaction() as session:
            cursors.set_position(session, cursor, position, self._clock())
