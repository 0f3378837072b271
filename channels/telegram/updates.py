"""What a Bot API update means for the warmline: pure decoding, no I/O.

A text, a media message or a button press becomes an `Inbound` for the gateway (the update_id
is its channel id, so a redelivered update is recognised); `/start <code>` also carries the
enrolment code to link; a block becomes `Blocked`; anything else is acknowledged and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictInt, StrictStr, ValidationError
from telegram import Bot, Message, Update
from telegram.constants import ChatMemberStatus

from channels.base import Inbound
from core.addresses import InvalidAddress, telegram
from core.inputs import Text

# What we ask Telegram for, by webhook or by getUpdates; anything else is ignored if it comes.
ALLOWED_UPDATES = ("message", "callback_query", "my_chat_member")
MEDIA_SCHEME = "telegram-file:"
START = "/start"
# A deep link t.me/<bot>?start=<code> arrives as "/start <code>" ("/start@bot <code>" in groups).
_START_WITH_CODE = re.compile(r"^/start(?:@\w+)?\s+(\S+)\s*$")


class MalformedUpdate(ValueError):
    """Not an update we can read, or one without a chat to answer."""


@dataclass(frozen=True, slots=True)
class Deliver:
    inbound: Inbound
    enrollment_code: str | None = None  # link the chat to this enrolled participant first
    callback_query_id: str | None = None  # answer it, so the button's spinner stops


@dataclass(frozen=True, slots=True)
class Blocked:
    """The person blocked the bot: like an SMS STOP, nothing more may be sent."""

    address: str


Decoded = Deliver | Blocked | None  # None: acknowledge and ignore

# The Bot API's integers are signed 64-bit at most; `true` is not one.
Int64 = Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]


# PTB decodes whatever it is given (a number as a message's text, a null member), so the fields
# the warmline reads are checked first, strictly; the rest of the update is PTB's to decode.
class _Chat(BaseModel):
    id: Int64


class _Message(BaseModel):
    chat: _Chat
    text: Text | None = None
    caption: Text | None = None


class _Member(BaseModel):
    status: StrictStr


class _MemberChange(BaseModel):
    chat: _Chat
    new_chat_member: _Member


class _Button(BaseModel):
    id: StrictStr
    data: Text | None = None
    message: _Message | None = None


class _ReadFields(BaseModel):
    update_id: Int64
    message: _Message | None = None
    callback_query: _Button | None = None
    my_chat_member: _MemberChange | None = None


def parse(data: Any, bot: Bot | None = None) -> Update:
    """A webhook body as PTB's typed Update."""
    if not isinstance(data, dict):
        raise MalformedUpdate("not a Bot API update")
    try:
        _ReadFields.model_validate(data)
    except ValidationError as error:
        raise MalformedUpdate(f"not a Bot API update we can read: {_fields(error)}") from None
    try:
        return Update.de_json(data, bot)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise MalformedUpdate(f"unreadable update: {type(error).__name__}") from None


def _fields(error: ValidationError) -> str:
    # Where and what, never the value: an update holds what someone wrote.
    return "; ".join(
        f"{'.'.join(str(part) for part in item['loc'])}: {item['type']}" for item in error.errors()
    )


def decode(update: Update) -> Decoded:
    if update.message is not None:
        return _message(update.update_id, update.message)
    if update.callback_query is not None:
        return _button(update)
    member = update.my_chat_member
    if member is not None and member.new_chat_member.status == ChatMemberStatus.BANNED:
        return Blocked(_address(member.chat.id))  # "kicked": the person blocked the bot
    return None  # edits, channel posts, joins: nothing to answer


def _message(update_id: int, message: Message) -> Deliver | None:
    address = _address(message.chat_id)
    if message.text is not None:
        code = _START_WITH_CODE.match(message.text)
        text = START if code else message.text
        inbound = Inbound(address, _key(update_id, message.chat_id), text)
        return Deliver(inbound, enrollment_code=code.group(1) if code else None)
    file_id = _file_id(message)
    if file_id is None:
        return None  # a service message (a pin, a join): nobody wrote anything
    media = (f"{MEDIA_SCHEME}{file_id}",)  # kept, never fetched: the warmline reads text only
    text = message.caption or ""
    return Deliver(Inbound(address, _key(update_id, message.chat_id), text, media_urls=media))


def _file_id(message: Message) -> str | None:
    attachment: Any = message.effective_attachment
    if isinstance(attachment, tuple):  # a photo comes in several sizes: keep the largest
        attachment = attachment[-1] if attachment else None
    file_id = getattr(attachment, "file_id", None)
    return file_id if isinstance(file_id, str) else None


def _button(update: Update) -> Deliver:
    query = update.callback_query
    assert query is not None
    if query.message is None or query.data is None:
        # A button on an inline-mode message has no chat; a game button has no payload.
        raise MalformedUpdate("a button press without a chat or a payload")
    chat_id = query.message.chat.id
    inbound = Inbound(_address(chat_id), _key(update.update_id, chat_id), query.data)
    return Deliver(inbound, callback_query_id=query.id)


def _key(update_id: int, chat_id: int) -> str:
    """The stored id of an update. Telegram may restart a bot's update_id sequence (after a week
    without updates it picks a new random start), so the chat is part of the key: a new message
    must never be mistaken for an old one and dropped as a repeat."""
    return f"{update_id}:{chat_id}"


def _address(chat_id: int) -> str:
    try:
        return str(telegram(chat_id))
    except InvalidAddress:  # refused, not raised: a 5xx would bring it back for ever
        raise MalformedUpdate("a chat id that is not an integer") from None
