"""python-telegram-bot's errors turned into send policy.

PTB maps the Bot API's answers to classes (403 Forbidden, 400 BadRequest, 429 RetryAfter, 401/404
InvalidToken, anything else NetworkError); the description tells the finer cases apart.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from channels.base import (
    PermanentSendError,
    RecipientOptedOut,
    RetryableSendError,
    SendError,
)

# The person blocked the bot or deleted their account: they left, as an SMS STOP says.
_LEFT = ("bot was blocked by the user", "user is deactivated")
_PERMANENT = (Forbidden, BadRequest, InvalidToken, ChatMigrated)


class TelegramRateLimited(RetryableSendError):
    """Telegram's flood control: try again, no sooner than `retry_after` seconds."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def from_telegram(error: TelegramError, bot_token: str) -> SendError:
    # PTB quotes the token in some messages (a rejected token, say): it must not reach the outbox.
    reason = f"{type(error).__name__}: {error}".replace(bot_token, "<bot token>")
    if isinstance(error, RetryAfter):
        return TelegramRateLimited(reason, _retry_seconds(error))
    if isinstance(error, Forbidden) and any(p in str(error).lower() for p in _LEFT):
        return RecipientOptedOut(reason)
    if isinstance(error, _PERMANENT):  # chat not found, bad token, kicked: resending cannot help
        return PermanentSendError(reason)
    return RetryableSendError(reason)  # NetworkError, TimedOut, Telegram's 5xx


def _retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22.2+ warns that retry_after becomes a timedelta in a later major version.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
