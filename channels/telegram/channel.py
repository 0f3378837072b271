"""Sending Telegram messages with python-telegram-bot as a typed Bot API client.

Rasa owns the dialogue, so no Application or handlers: one Bot, initialised on the first send
(its getMe also proves the token) and reused for every message after; `aclose()` on shutdown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import Bot
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from channels.base import Button, PermanentSendError, Reply
from channels.rendering import numbered_choices
from channels.telegram.errors import from_telegram
from core.addresses import InvalidAddress, Scheme, parse

# Replies and peer alerts can go out together; PTB's default pool of 1 would queue them.
_CONNECTIONS = 8


class TelegramChannel:
    scheme = Scheme.TELEGRAM.value

    def __init__(self, bot_token: str, api_base_url: str = "https://api.telegram.org") -> None:
        if not bot_token:
            raise ValueError("Telegram needs a bot token")
        root = api_base_url.rstrip("/")
        self._token = bot_token
        # PTB appends the token to base_url, so ".../bot" becomes the Bot API's ".../bot<token>".
        self._bot = Bot(
            bot_token,
            base_url=f"{root}/bot",
            base_file_url=f"{root}/file/bot",
            request=HTTPXRequest(connection_pool_size=_CONNECTIONS),
        )
        self._initializing = asyncio.Lock()

    def render(self, reply: Reply) -> str:
        return numbered_choices(reply)  # an inline keyboard comes later; text works everywhere

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),  # noqa: ARG002 - an inline keyboard comes next
        urgent: bool = False,  # noqa: ARG002 - pacing decides with it
    ) -> str | None:
        chat_id = _chat_id(address)
        try:
            await self._initialize()
            message = await self._bot.send_message(chat_id=chat_id, text=text)
        except TelegramError as error:
            # Not chained: PTB's errors and their causes can carry the token.
            raise from_telegram(error, self._token) from None
        return str(message.message_id)

    async def aclose(self) -> None:
        await self._bot.shutdown()

    async def _initialize(self) -> None:
        async with self._initializing:  # one getMe, however many sends arrive at once
            await self._bot.initialize()  # returns at once once it has succeeded


def _chat_id(address: str) -> int:
    try:
        parsed = parse(address)
    except InvalidAddress as error:
        raise PermanentSendError(str(error)) from error
    if parsed.scheme is not Scheme.TELEGRAM:
        raise PermanentSendError(f"not a Telegram address: {parsed.scheme}:")
    return int(parsed.path)
