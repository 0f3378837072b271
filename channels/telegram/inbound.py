"""Starting and stopping Telegram's inbound side: the webhook (with a public URL) or polling.

The app's lifespan calls `start_inbound` once the gateway exists and `stop` on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from channels.gateway import Gateway
from channels.telegram.channel import TelegramChannel
from channels.telegram.intake import TelegramIntake
from channels.telegram.polling import TelegramPoller
from channels.telegram.webhook import PATH, register
from core.settings import Settings
from store.db import Database


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


async def start_inbound(
    settings: Settings, gateway: Gateway, db: Database, *, long_poll_seconds: int = 30
) -> TelegramInbound | None:
    """None when Telegram is not configured."""
    if not settings.telegram_bot_token:  # unset, or set empty
        return None
    # A bot of its own: the sending channel may be wrapped (pacing), and polling holds a
    # connection open for as long as the long poll lasts.
    channel = TelegramChannel(
        settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base_url
    )
    intake = TelegramIntake(channel=channel, gateway=gateway, db=db)
    secret = settings.telegram_webhook_secret
    if settings.telegram_uses_webhook and secret is not None:
        url = f"{settings.public_url.rstrip('/')}{PATH}"
        work = register(channel, url, secret.get_secret_value())
    else:
        work = TelegramPoller(intake, db, long_poll_seconds=long_poll_seconds).run()
    return TelegramInbound(intake, asyncio.create_task(work))
