"""A person's channel identity as one normalised string: tel:+E164, telegram:<chat_id>, sim:<name>.

The same string is the engine's sender_id and the key in the app database, so it must be
canonical: two spellings of one phone number have to become one address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Scheme(StrEnum):
    TEL = "tel"
    TELEGRAM = "telegram"
    SIM = "sim"


class InvalidAddress(ValueError):
    """The identity cannot be normalised into an address."""


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_TELEGRAM_CHAT = re.compile(r"^-?\d{1,20}$")
_SIM_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


@dataclass(frozen=True, slots=True)
class Address:
    scheme: Scheme
    path: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.path}"


def phone(raw: str) -> Address:
    digits = re.sub(r"[\s().-]", "", raw)
    if not _E164.match(digits):
        raise InvalidAddress("a phone number must be in E.164 form, like +15551234567")
    return Address(Scheme.TEL, digits)


def telegram(chat_id: int | str) -> Address:
    text = str(chat_id).strip()
    if not _TELEGRAM_CHAT.match(text):
        raise InvalidAddress("a Telegram chat id is an integer")
    return Address(Scheme.TELEGRAM, text)


def simulator(name: str) -> Address:
    text = name.strip().lower()
    if not _SIM_NAME.match(text):
        raise InvalidAddress(
            "a simulator name is 1-40 letters, digits, dots, dashes or underscores"
        )
    return Address(Scheme.SIM, text)


_PARSERS = {Scheme.TEL: phone, Scheme.TELEGRAM: telegram, Scheme.SIM: simulator}


def parse(text: str) -> Address:
    scheme, sep, path = text.partition(":")
    if not sep or scheme not in Scheme.__members__.values():
        raise InvalidAddress("an address starts with tel:, telegram: or sim:")
    return _PARSERS[Scheme(scheme)](path)
