"""Sending SMS through Twilio's Messages API with the official SDK.

Async, not the sync client in a thread: twilio 9's AsyncTwilioHttpClient (aiohttp) keeps one
connection pool on the app's event loop, so a burst of check-ups reuses connections instead of
holding a worker thread per message. aiohttp binds that pool to the running loop, so it is made
on the first send, not in __init__; call `aclose()` on shutdown.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Sequence
from typing import Any

import aiohttp
from fastapi import APIRouter
from twilio.base.exceptions import (  # type: ignore[import-untyped]  # twilio ships no types
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http.async_http_client import (  # type: ignore[import-untyped]
    AsyncTwilioHttpClient,
)
from twilio.rest import Client  # type: ignore[import-untyped]

from channels.base import Button, PermanentSendError, Reply
from channels.keywords import Keyword
from channels.pacing import Pacer, Pacing
from channels.plain import PlainTextChannel
from channels.rendering import numbered_choices
from channels.twilio_sms.errors import from_transport, from_twilio
from channels.twilio_sms.keywords import sms_keyword
from channels.twilio_sms.segments import segments
from channels.twilio_sms.text import gsm7_friendly, split_on_words
from channels.twilio_sms.webhook import router
from core.addresses import InvalidAddress, Scheme, parse
from core.settings import Settings

logger = logging.getLogger(__name__)


class TwilioSmsChannel(PlainTextChannel):
    scheme = Scheme.TEL.value

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str = "",
        messaging_service_sid: str = "",
        api_base_url: str = "https://api.twilio.com",
        *,
        number_pool: Sequence[str] = (),
        timeout_seconds: float = 15.0,
        pacer: Pacer | None = None,
        status_callback_url: str = "",
    ) -> None:
        if not (account_sid and auth_token):
            raise ValueError("Twilio needs an account SID and an auth token")
        if not (from_number or messaging_service_sid or number_pool):
            raise ValueError("Twilio needs a from number, a number pool or a messaging service")
        self._credentials = (account_sid, auth_token)
        # A messaging service picks the sender from its pool (and handles opt-outs per service).
        self._sender = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": from_number}
        )
        # A pool of our own numbers: each person always hears from the same one (their replies
        # and a STOP go to the number they know), and each number is paced on its own.
        self._pool = tuple(number_pool) if not messaging_service_sid else ()
        self._api_base_url = api_base_url.rstrip("/")
        # Where Twilio reports delivery (POST /twilio/status); without it, no callbacks are asked.
        self._callback = {"status_callback": status_callback_url} if status_callback_url else {}
        self._timeout = timeout_seconds
        # Twilio queues what a sender gets faster than it sends; pacing keeps that queue here,
        # where urgent sends go first. Without a pacer (tests) every part goes at once.
        self.pacer = pacer
        self._pool_pacers = {
            number: pacer.twin() if pacer is not None else None for number in self._pool
        }
        self._client: Any = None

    def render(self, reply: Reply) -> str:
        return gsm7_friendly(numbered_choices(reply))  # SMS has no buttons

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:
        return sms_keyword(text, opted_out=opted_out)

    def routes(self) -> APIRouter:
        return router  # Twilio's signed webhooks: incoming messages and delivery reports

    async def stop(self) -> None:
        await self.aclose()

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),  # noqa: ARG002 - numbered in the text by render()
        urgent: bool = False,
    ) -> str | None:
        """Sends the text, split into parts of at most 1,600 characters, in order.

        Returns the last part's message SID: the outbox keeps one provider id per message, and
        the last part is the one whose delivery means the whole text arrived. If a later part
        fails, a retry sends the earlier parts again: a repeat beats a message cut short.
        """
        to = _phone_number(address)
        # Cleaned here too (it is idempotent): peer alerts may come here without render().
        parts = split_on_words(gsm7_friendly(text))
        sender, pacer = self._sender_for(to)
        sid: str | None = None
        for part in parts:
            if pacer is not None:  # the sender's rate counts segments, not API calls
                await pacer.acquire(to, urgent=urgent, weight=segments(part))
            sid = await self._send_one(to, part, sender)
        logger.debug("sent %d SMS part(s), last %s", len(parts), sid)
        return sid

    def _sender_for(self, to: str) -> tuple[dict[str, str], Pacer | None]:
        """Who sends to `to`, and the pacer of that sender."""
        if not self._pool:
            return self._sender, self.pacer
        number = self._pool[zlib.crc32(to.encode()) % len(self._pool)]  # stable across restarts
        return {"from_": number}, self._pool_pacers[number]

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.http_client.close()
            self._client = None

    async def _send_one(self, to: str, body: str, sender: dict[str, str]) -> str:
        messages = self._messages()
        try:
            # The SDK's async client passes no timeout to aiohttp (so none applies): bound it here.
            async with asyncio.timeout(self._timeout):
                message = await messages.create_async(to=to, body=body, **sender, **self._callback)
        except (TwilioRestException, TwilioServiceException) as error:
            raise from_twilio(error) from error
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise from_transport(error) from error
        return str(message.sid)

    def _messages(self) -> Any:
        if self._client is None:
            self._client = _client(*self._credentials, self._api_base_url)
        return self._client.api.account.messages


def _client(account_sid: str, auth_token: str, api_base_url: str) -> Any:
    client = Client(account_sid, auth_token, http_client=AsyncTwilioHttpClient())
    # TWILIO_EDGE / TWILIO_REGION from the environment would rewrite the host of every URL
    # (ClientBase.get_hostname); the configured base URL is the whole truth.
    client.edge = client.region = None
    # The Api domain builds every URL from its base_url (Domain.absolute_url), set at creation.
    client.api.base_url = api_base_url
    return client


def _phone_number(address: str) -> str:
    try:
        parsed = parse(address)
    except InvalidAddress as error:
        raise PermanentSendError(str(error)) from error
    if parsed.scheme is not Scheme.TEL:
        raise PermanentSendError(f"not an SMS address: {parsed.scheme}:")
    return parsed.path


def from_settings(settings: Settings) -> TwilioSmsChannel | None:
    """SMS when a Twilio account and its auth token are set."""
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return None
    if not settings.public_url:  # Twilio signs the URL it calls: ours must be that URL
        logger.warning(
            "WARMLINE_PUBLIC_URL is not set: Twilio webhooks are checked as calls to %s, "
            "and no delivery reports are asked for",
            settings.base_url,
        )
    return TwilioSmsChannel(
        settings.twilio_account_sid,
        settings.twilio_auth_token.get_secret_value(),
        from_number=settings.twilio_from_number,
        messaging_service_sid=settings.twilio_messaging_service_sid,
        number_pool=settings.twilio_number_pool_list,
        api_base_url=settings.twilio_api_base_url,
        pacer=Pacer(Pacing(overall=settings.twilio_messages_per_second)),
        status_callback_url=f"{settings.base_url}/twilio/status" if settings.public_url else "",
    )
