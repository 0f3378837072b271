"""Starting and stopping Telegram's inbound side: the webhook (with a public URL) or polling.

`TelegramChannel.start` calls `start_inbound` once the gateway exists, and `stop` on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from channels.base import Wiring
from channels.telegram.intake import TelegramIntake
from channels.telegram.polling import TelegramPoller
from channels.telegram.webhook import register

if TYPE_CHECKING:
    from channels.telegram.channel import TelegramChannel


@dataclass(frozen=True)
class Listening:
    """How updates reach us: by webhook at a public URL, with its secret, or else by polling."""

    webhook_url: str = ""
    secret: str = ""
    long_poll_seconds: int = 30


@dataclass
class TelegramInbound:
    intake: TelegramIntake
    task: asyncio.Task[None]  # the poller, or the webhook's registration

    async def stop(self) -> None:
        # Safe at any point: an update stored but not yet confirmed is read again and deduped.
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await self.intake.channel.aclose()


def start_inbound(reader: TelegramChannel, listening: Listening, wiring: Wiring) -> TelegramInbound:
    intake = TelegramIntake(
        channel=reader,
        gateway=wiring.gateway,
        db=wiring.db,
        opted_out=wiring.opted_out,
        starts=wiring.starts,
    )
    if listening.webhook_url:
        work = register(reader, listening.webhook_url, listening.secret)
    else:
        poller = TelegramPoller(intake, wiring.db, long_poll_seconds=listening.long_poll_seconds)
        work = poller.run()
    return TelegramInbound(intake, asyncio.create_task(work))
