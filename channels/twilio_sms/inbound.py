"""An incoming SMS or MMS webhook's form, read into the gateway's Inbound.

Pure, no I/O: the route verifies the signature first, then hands the form here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from channels.base import Inbound
from core.addresses import InvalidAddress, phone
from core.inputs import unstorable

# Twilio's SIDs are two letters and 32 hex digits; any id that fits the column is accepted,
# since refusing a real message over an id format would lose what someone wrote.
MESSAGE_SID = re.compile(r"^[A-Za-z0-9]{1,64}$")
MAX_MEDIA = 10  # Twilio attaches at most 10 media to one message


class MalformedWebhook(ValueError):
    """The form is not an inbound message we can store; the text says what is wrong."""


@dataclass(frozen=True, slots=True)
class Media:
    url: str
    content_type: str


def read_inbound(form: Mapping[str, str]) -> tuple[Inbound, tuple[Media, ...]]:
    """The message as the gateway takes it, and its media with their content types."""
    address = _address(form.get("From", ""))
    sid = form.get("MessageSid", "")
    if not MESSAGE_SID.match(sid):
        raise MalformedWebhook("MessageSid is missing or not a message id")
    media = _media(form)
    _check_storable("Body", form.get("Body", ""))
    for item in media:
        _check_storable("MediaUrl", item.url)
    inbound = Inbound(
        address=address,
        channel_message_id=sid,
        text=form.get("Body", ""),
        media_urls=tuple(item.url for item in media),
    )
    return inbound, media


def _check_storable(name: str, value: str) -> None:
    # The form is decoded with replacement characters, so only a NUL (%00) can be left here.
    problem = unstorable(value)
    if problem is not None:
        raise MalformedWebhook(f"{name} {problem}")


def _address(sender: str) -> str:
    if not sender:
        raise MalformedWebhook("From is missing")
    if sender != sender.strip() or not sender.startswith("+"):
        # Not a phone number at all (whatsapp:+1..., an alphanumeric sender): not SMS.
        raise MalformedWebhook("From must be a phone number in E.164 form, like +15551234567")
    try:
        return str(phone(sender))
    except InvalidAddress as error:
        raise MalformedWebhook(f"From: {error}") from None


def _media(form: Mapping[str, str]) -> tuple[Media, ...]:
    raw = form.get("NumMedia", "0") or "0"
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_MEDIA:
        raise MalformedWebhook(f"NumMedia must be a whole number from 0 to {MAX_MEDIA}")
    found = [
        Media(form[f"MediaUrl{index}"], form.get(f"MediaContentType{index}", ""))
        for index in range(int(raw))
        if form.get(f"MediaUrl{index}")
    ]
    return tuple(found)
