"""One update, from the webhook or the poller, to the gateway.

Stored first, acknowledged after: `process` returns only once the gateway holds the message, so
the webhook may answer 200 and the poller may advance its offset. Every step is safe to repeat,
since a crash before the acknowledgement brings the same update back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import Update
from telegram.error import TelegramError

from channels.base import Accepting, Inbound
from channels.consent import DeepLinkStarts
from channels.outbox import OptedOut, record_opt_out
from channels.telegram.updates import Blocked, Deliver, decode
from core.clock import utcnow
from escalation.levels import Level
from store import enrollment, messages
from store.db import Database
from store.models import Lane, Message

if TYPE_CHECKING:
    from channels.telegram.channel import TelegramChannel

logger = logging.getLogger(__name__)

# The answer to a pressed deep link: the person is waiting for it, so ahead of bulk sends.
LINK_REPLY = messages.Sending(Lane.NORMAL, author="gateway")


class TelegramIntake:
    def __init__(
        self,
        *,
        channel: TelegramChannel,
        gateway: Accepting,
        db: Database,
        opted_out: OptedOut = record_opt_out,
        clock: Callable[[], datetime] = utcnow,
        starts: DeepLinkStarts | None = None,
    ) -> None:
        self._opted_out = opted_out
        self._starts = starts
        self.channel = channel
        self._gateway = gateway
        self._db = db
        self._clock = clock

    async def process(self, update: Update) -> None:
        """Raises MalformedUpdate for an update without a chat to answer."""
        decoded = decode(update)
        if isinstance(decoded, Blocked):
            await asyncio.to_thread(self._opt_out, decoded.address)
        elif isinstance(decoded, Deliver):
            await self._deliver(decoded)

    async def _deliver(self, decoded: Deliver) -> None:
        inbound = decoded.inbound
        if decoded.enrollment_code is not None and self._starts is not None:
            # A program's deep link: stored and answered here, in the transaction that spends
            # its token (the invitation, or why the link did not work); the assistant is not
            # asked, and a redelivered update is a repeat, never a second use of the token.
            await asyncio.to_thread(self._start, self._starts, decoded.enrollment_code, inbound)
            return
        if decoded.enrollment_code is not None:
            # Before the message is stored, so "/start" already counts as the enrolled person's.
            await asyncio.to_thread(self._link, decoded.enrollment_code, inbound.address)
        await self._gateway.accept(inbound)
        if decoded.callback_query_id is not None:
            await self._answer_button(decoded.callback_query_id)

    async def _answer_button(self, query_id: str) -> None:
        # Only stops the button's spinner: the press is already stored, so a failure is no loss.
        try:
            bot = await self.channel.ready()
            await bot.answer_callback_query(query_id)
        except TelegramError as error:
            logger.warning("answering a Telegram button press failed: %s", type(error).__name__)

    def _start(self, starts: DeepLinkStarts, token: str, inbound: Inbound) -> None:
        with self._db.transaction() as session:
            if _stored_before(session, inbound):
                return  # redelivered: answered the first time
            now = self._clock()
            replies = starts.start(session, token=token, address=inbound.address, now=now)
            stored = messages.store_inbound(
                session,
                address=inbound.address,
                channel_message_id=inbound.channel_message_id,
                text=inbound.text,
                now=now,
            )
            messages.finish_inbound(
                session, stored.message, replies, Level.NONE.label, now, sending=LINK_REPLY
            )

    def _link(self, code: str, address: str) -> None:
        with self._db.transaction() as session:
            linked = enrollment.link_by_code(session, code, address, self._clock())
        # An unknown code (mistyped, expired) is no error to the person: they are just anonymous.
        logger.info("Telegram /start with %s enrolment code", "a known" if linked else "an unknown")

    def _opt_out(self, address: str) -> None:
        with self._db.transaction() as session:
            self._opted_out(session, address=address, now=self._clock(), why="blocked the bot")
        logger.info("a Telegram user blocked the bot: their address is opted out")


def _stored_before(session: Session, inbound: Inbound) -> bool:
    found = session.scalar(
        select(Message.id).where(
            Message.channel == inbound.address.partition(":")[0],
            Message.channel_message_id == inbound.channel_message_id,
        )
    )
    return found is not None
