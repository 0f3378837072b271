"""Twilio's answers turned into send policy: try again later, give up, or the person opted out."""

from __future__ import annotations

import aiohttp
from twilio.base.exceptions import (  # type: ignore[import-untyped]  # twilio ships no types
    TwilioRestException,
    TwilioServiceException,
)

from channels.base import (
    PermanentSendError,
    RecipientOptedOut,
    RetryableSendError,
    SendError,
)

# 21610: the recipient texted STOP; Twilio refuses every message to them until they text START.
OPTED_OUT = 21610
TOO_MANY_REQUESTS = 429


def policy_for(status: int, code: int | None) -> type[SendError]:
    """The SendError class for one Twilio error response."""
    if code == OPTED_OUT:
        return RecipientOptedOut
    if status == TOO_MANY_REQUESTS or status >= 500:
        return RetryableSendError
    if 400 <= status < 500:
        return PermanentSendError  # 21211 invalid number, 21614 not a mobile, 20003 credentials
    return RetryableSendError  # a status Twilio does not document: let the outbox's limit decide


def from_twilio(error: TwilioRestException | TwilioServiceException) -> SendError:
    status, code = int(error.status), error.code
    # Twilio's own message can quote the phone number, so the reason keeps to status and code.
    reason = (
        f"Twilio answered {status} with error {code} (https://www.twilio.com/docs/errors/{code})"
    )
    return policy_for(status, code)(reason)


def from_transport(error: aiohttp.ClientError | TimeoutError | OSError) -> SendError:
    """No answer at all (refused, reset, DNS, timed out): the message may go through later."""
    return RetryableSendError(f"Twilio unreachable: {type(error).__name__}")
