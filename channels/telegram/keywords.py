"""Telegram's keywords are its commands: /stop, /start and /help. Plain words go to the
assistant, and anything but /stop from a chat that blocked the bot means it is open again
(Telegram has no START keyword: a person unblocks the bot and writes)."""

from __future__ import annotations

from channels.keywords import Keyword

_COMMANDS = {"/stop": Keyword.STOP, "/start": Keyword.START, "/help": Keyword.HELP}


def telegram_keyword(text: str) -> Keyword | None:
    command = text.strip().split("@", 1)[0].lower()  # "/stop@WarmlineBot" in groups
    return _COMMANDS.get(command)


def telegram_reopens(text: str) -> bool:
    return telegram_keyword(text) is not Keyword.STOP
