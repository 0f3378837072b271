"""Offers again the check-ups people put off ("not now", "tomorrow"), when their time comes.

A background pass beside the outbox's: each due reminder is claimed, the engine is asked to
start the check-up in that person's conversation (its trigger_intent, as if they had asked for
one), and what it says goes out through the outbox on the channel they last texted on, behind
replies to people texting right now. Nobody is interrupted: while a peer has the conversation,
or an escalation is unresolved, the reminder waits (its claim runs out and it is looked at
again); after a STOP it is dropped. With the engine down it waits the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from channels.base import Channel
from channels.engine import EngineClient, EngineUnavailable
from channels.gateway import draft_for
from channels.outbox import OutboxDispatcher
from core.clock import utcnow
from store import checkup_reminders as reminders
from store.checkup_reminders import Outcome, Target
from store.db import Database
from store.messages import Draft
from store.models import OutboxItem
from store.participants import engine_sender

logger = logging.getLogger(__name__)

# The assistant's own intent for "I'd like a check-up": the flow then asks if now is good.
CHECKUP_INTENT = "checkup_start"


def _blocked(target: Target) -> bool:
    state = target.state
    return state is not None and (state.taken_over_by is not None or state.open_level is not None)


def _left_out(target: Target) -> Outcome | None:
    """Why the check-up is not offered at all, if it is not."""
    if target.latest is None or target.state is None:
        return Outcome.NEVER_TEXTED
    if target.state.opted_out:
        return Outcome.OPTED_OUT
    if target.superseded:
        return Outcome.SUPERSEDED
    return None


class CheckupScheduler:
    def __init__(
        self,
        *,
        db: Database,
        engine: EngineClient,
        channels: Mapping[str, Channel],
        outbox: OutboxDispatcher,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._engine = engine
        self._channels = channels
        self._outbox = outbox
        self._clock = clock

    async def offer_due(self) -> int:
        """One pass: offers every due check-up it can; returns how many were offered."""
        offered = 0
        for checkup_id in await asyncio.to_thread(self._due):
            try:
                offered += await self._offer(checkup_id)
            except EngineUnavailable as error:  # the rest wait for the engine too
                logger.warning("check-up reminders wait: engine unavailable (%s)", error)
                break
        return offered

    async def _offer(self, checkup_id: int) -> bool:
        target = await asyncio.to_thread(self._claim, checkup_id)
        if target is None:  # another worker took it
            return False
        if _blocked(target):
            return False
        left_out = _left_out(target)
        if left_out is not None:
            await asyncio.to_thread(self._finish, target, left_out, [])
            return False
        replies = await self._engine.trigger(engine_sender(target.participant_id), CHECKUP_INTENT)
        assert target.latest is not None  # checked by _left_out
        channel = self._channels[target.latest.channel]
        drafts = [draft_for(channel, reply) for reply in replies]
        items = await asyncio.to_thread(self._finish, target, Outcome.OFFERED, drafts)
        await self._outbox.send_items(items)
        return True

    def _due(self) -> list[int]:
        with self._db.transaction() as session:
            return reminders.due_reminders(session, self._clock())

    def _claim(self, checkup_id: int) -> Target | None:
        with self._db.transaction() as session:
            return reminders.claim(session, checkup_id, self._clock())

    def _finish(self, target: Target, outcome: Outcome, drafts: list[Draft]) -> list[OutboxItem]:
        with self._db.transaction() as session:
            sent = reminders.finish(session, target, outcome, self._clock(), drafts)
            return [message.outbox for message in sent if message.outbox]
