"""Sending Telegram messages with python-telegram-bot as a typed Bot API client.

Rasa owns the dialogue, so no Application or handlers: one Bot, initialised on first use (its
getMe also proves the token) and shared by sending, the webhook and the poller; `aclose()` on
shutdown. Choices go out as an inline keyboard, one button a row; a press comes back as an
update carrying the button's callback data (see updates.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from fastapi import APIRouter
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from channels.base import Button, PermanentSendError, Reply, Wiring
from channels.keywords import Keyword
from channels.pacing import Pacer, Pacing
from channels.telegram.errors import from_telegram
from channels.telegram.inbound import Listening, TelegramInbound, start_inbound
from channels.telegram.intake import TelegramIntake
from channels.telegram.keywords import telegram_keyword, telegram_reopens
from channels.telegram.webhook import PATH, router
from core.addresses import InvalidAddress, Scheme, parse
from core.settings import Settings

# Replies and peer alerts can go out together; PTB's default pool of 1 would queue them.
_CONNECTIONS = 8
# The Bot API refuses callback data over 64 bytes, and with it the whole message.
CALLBACK_DATA_BYTES = 64

logger = logging.getLogger(__name__)


class TelegramChannel:
    scheme = Scheme.TELEGRAM.value
    # Telegram's limits: about 30 messages a second overall and 1 a second to one chat.
    pacing = Pacing(per_key=1.0, overall=30.0)

    def __init__(
        self,
        bot_token: str,
        api_base_url: str = "https://api.telegram.org",
        *,
        pacer: Pacer | None = None,
        listening: Listening | None = None,
    ) -> None:
        if not bot_token:
            raise ValueError("Telegram needs a bot token")
        root = api_base_url.rstrip("/")
        self._token = bot_token
        self._api_base_url = api_base_url
        self._listening = listening  # None: this bot only sends (a reader, tests)
        self._inbound: TelegramInbound | None = None
        # PTB appends the token to base_url, so ".../bot" becomes the Bot API's ".../bot<token>".
        self._bot = Bot(
            bot_token,
            base_url=f"{root}/bot",
            base_file_url=f"{root}/file/bot",
            request=HTTPXRequest(connection_pool_size=_CONNECTIONS),
        )
        self._initializing = asyncio.Lock()
        self.pacer = pacer  # None sends at once (tests); the assembly gives one with `pacing`

    @property
    def bot(self) -> Bot:
        return self._bot

    def render(self, reply: Reply) -> str:
        return reply.text  # the choices travel as the inline keyboard, not as numbered text

    def meaning(self, text: str, choices: Sequence[tuple[str, str]]) -> str:  # noqa: ARG002
        return text  # a button press comes back as its payload already; "2" is just "2"

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:  # noqa: ARG002
        return telegram_keyword(text)

    def reopens(self, text: str) -> bool:
        return telegram_reopens(text)

    def routes(self) -> APIRouter | None:
        return router if self._listening and self._listening.webhook_url else None

    async def start(self, wiring: Wiring) -> None:
        if self._listening is None:
            return
        # A bot of its own for reading: polling holds a connection open for the whole long
        # poll, and the sending bot is paced.
        reader = TelegramChannel(self._token, self._api_base_url)
        self._inbound = start_inbound(reader, self._listening, wiring)

    @property
    def intake(self) -> TelegramIntake:
        if self._inbound is None:
            raise RuntimeError("Telegram's inbound side is not started")
        return self._inbound.intake

    async def stop(self) -> None:
        if self._inbound is not None:
            await self._inbound.stop()
        await self.aclose()

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),
        urgent: bool = False,
    ) -> str | None:
        chat_id = _chat_id(address)
        markup = keyboard(buttons)
        if self.pacer is not None:
            await self.pacer.acquire(address, urgent=urgent)
        try:
            await self.ready()
            message = await self._bot.send_message(chat_id=chat_id, text=text, reply_markup=markup)
        except TelegramError as error:
            # Not chained: PTB's errors and their causes can carry the token.
            raise from_telegram(error, self._token) from None
        return str(message.message_id)

    async def aclose(self) -> None:
        await self._bot.shutdown()

    async def ready(self) -> Bot:
        """The bot, initialised: one getMe, however many callers arrive at once."""
        async with self._initializing:
            await self._bot.initialize()  # returns at once once it has succeeded
        return self._bot


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows = [[InlineKeyboardButton(b.title, callback_data=callback_data(b))] for b in buttons]
    return InlineKeyboardMarkup(rows)


def callback_data(button: Button) -> str:
    """The payload, or when it is over Telegram's 64 bytes the button's title (cut to fit):
    the press then reaches the engine as the words the person chose, as if typed, rather than
    the whole message being refused."""
    if 0 < len(button.payload.encode()) <= CALLBACK_DATA_BYTES:
        return button.payload
    logger.warning("a button payload is over %s bytes: sending its title", CALLBACK_DATA_BYTES)
    cut = button.title.encode()[:CALLBACK_DATA_BYTES]
    return cut.decode(errors="ignore") or "?"


def _chat_id(address: str) -> int:
    try:
        parsed = parse(address)
    except InvalidAddress as error:
        raise PermanentSendError(str(error)) from error
    if parsed.scheme is not Scheme.TELEGRAM:
        raise PermanentSendError(f"not a Telegram address: {parsed.scheme}:")
    return int(parsed.path)


def from_settings(settings: Settings) -> TelegramChannel | None:
    """Telegram when a bot token is set: by webhook with a public URL, else by polling."""
    if not settings.telegram_bot_token:  # unset, or set empty
        return None
    secret = settings.telegram_webhook_secret
    listening = Listening()
    if settings.telegram_uses_webhook and secret is not None:
        url = f"{settings.public_url.rstrip('/')}{PATH}"
        listening = Listening(webhook_url=url, secret=secret.get_secret_value())
    return TelegramChannel(
        settings.telegram_bot_token.get_secret_value(),
        settings.telegram_api_base_url,
        pacer=Pacer(TelegramChannel.pacing),
        listening=listening,
    )
