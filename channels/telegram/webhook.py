"""Telegram's webhook: POST /telegram/webhook, verified by the secret token set with setWebhook.

The 200 goes back only after the gateway has stored the update; a failure before that is a 5xx,
and Telegram delivers the update again (the gateway recognises a repeat by its update_id).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import TYPE_CHECKING

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import SecretStr
from pydantic_core import from_json

from channels.telegram.polling import retry_delay
from channels.telegram.updates import ALLOWED_UPDATES, MalformedUpdate, parse

if TYPE_CHECKING:
    from channels.telegram.channel import TelegramChannel

logger = logging.getLogger(__name__)

PATH = "/telegram/webhook"
SCHEME = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name

router = APIRouter()


@router.post(PATH)
async def telegram_webhook(request: Request) -> Response:
    _verify(request.headers.get(SECRET_HEADER), request.app.state.settings.telegram_webhook_secret)
    channel: TelegramChannel = request.app.state.channels[SCHEME]
    intake = channel.intake
    try:
        # Refuses what json.loads lets through or chokes on: lone surrogates (which no
        # database can store) and nesting over 200 levels (a RecursionError there).
        data = from_json(await request.body())
    except ValueError:  # not JSON, not UTF-8, a lone surrogate, or nested too deep
        raise _refused("the body is not JSON in UTF-8, or is nested too deep") from None
    try:
        await intake.process(parse(data, intake.channel.bot))
    except MalformedUpdate as error:
        raise _refused(str(error)) from None
    return Response(status_code=200)


def _refused(reason: str) -> HTTPException:
    logger.warning("Telegram webhook refused an update: %s", reason)
    return HTTPException(400, reason)


def _verify(given: str | None, secret: SecretStr | None) -> None:
    # Constant-time, so the secret cannot be guessed a character at a time from response times.
    expected = secret.get_secret_value().encode() if secret else b""
    if not given or not expected or not hmac.compare_digest(given.encode(), expected):
        raise HTTPException(403, "forbidden")


async def register(
    channel: TelegramChannel, url: str, secret: str, *, first_backoff: float = 1.0
) -> None:
    """setWebhook, retried with backoff until Telegram takes it (it may be down at start-up)."""
    failures = 0
    while True:
        try:
            bot = await channel.ready()
            await bot.set_webhook(url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        except Exception as error:  # keep trying: the app serves meanwhile
            failures += 1
            delay = retry_delay(failures, first_backoff, 60.0)
            logger.warning(
                "setWebhook failed (%s); retrying in %.1f s", type(error).__name__, delay
            )
            await asyncio.sleep(delay)
        else:
            logger.info("Telegram webhook registered")
            return
