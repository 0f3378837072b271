"""Carrier keywords: STOP, START and HELP, as US carriers require of every SMS program.

A message that is only the keyword counts ("Stop", " STOP! "), never a keyword inside a sentence
("I can't stop using" is someone who needs an answer, not an unsubscribe). On Telegram the
same three are the commands /stop, /start and /help; plain words there go to the assistant.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import Enum

from core.addresses import Scheme
from store.messages import GATEWAY, Sending
from store.models import Lane


class Keyword(Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"


_SMS_WORDS = {
    **dict.fromkeys(("stop", "stopall", "unsubscribe", "cancel", "end", "quit"), Keyword.STOP),
    **dict.fromkeys(("start", "unstop"), Keyword.START),
    **dict.fromkeys(("help", "info"), Keyword.HELP),
}
# YES opts back in only someone who opted out; to anyone else it is an answer to a question.
_OPT_IN_WHEN_STOPPED = {"yes"}
_TELEGRAM_COMMANDS = {"/stop": Keyword.STOP, "/start": Keyword.START, "/help": Keyword.HELP}
_EDGES = string.whitespace + string.punctuation


def keyword_in(scheme: str, text: str, *, opted_out: bool) -> Keyword | None:
    """The keyword a message is, or None for anything else."""
    if scheme == Scheme.TELEGRAM.value:
        command = text.strip().split("@", 1)[0].lower()  # "/stop@WarmlineBot" in groups
        return _TELEGRAM_COMMANDS.get(command)
    word = text.strip(_EDGES).lower()
    if opted_out and word in _OPT_IN_WHEN_STOPPED:
        return Keyword.START
    return _SMS_WORDS.get(word)


def stop_confirmation(program: str) -> str:
    return (
        f"You're unsubscribed from {program} and won't get more messages. Reply START to come "
        "back any time. If you're in crisis, call or text 988; in an emergency, call 911."
    )


def start_confirmation(program: str) -> str:
    return (
        f"Welcome back to {program}. You'll get messages again. Reply HELP for help, "
        "STOP to opt out. Text us any time - how are you doing today?"
    )


def help_text(program: str, contact: str) -> str:
    """Always carries 988 and 911: someone in crisis may text exactly "help"."""
    reach = f" Questions: {contact}." if contact else ""
    return (
        f"{program}: peer recovery support by text.{reach} In crisis, call or text 988. "
        "In an emergency, call 911. Reply STOP to opt out. Msg & data rates may apply."
    )


TEXT_ONLY = (
    "Thanks for sending that. I can only read text here, so could you tell me in words? "
    "If you're in crisis, call or text 988."
)


@dataclass(frozen=True, slots=True)
class Program:
    """Who the warmline is, for the HELP reply carriers require."""

    name: str = "Warmline"
    contact: str = ""


WARMLINE = Program()  # the default, when a program sets neither name nor contact


def keyword_reply(keyword: Keyword, program: Program) -> list[str]:
    if keyword is Keyword.STOP:
        return [stop_confirmation(program.name)]
    if keyword is Keyword.START:
        return [start_confirmation(program.name)]
    return [help_text(program.name, program.contact)]


# The STOP confirmation is the one message that goes to an opted-out address.
_STOP_SENDING = Sending(Lane.URGENT, compliance=True, author="gateway")


def keyword_sending(keyword: Keyword) -> Sending:
    return _STOP_SENDING if keyword is Keyword.STOP else GATEWAY


def reopens(address: str, text: str) -> bool:
    """A Telegram chat that writes to the bot again has unblocked it (Telegram has no START
    keyword): anything but /stop opens the chat again."""
    scheme = address.partition(":")[0]
    if scheme != Scheme.TELEGRAM.value:
        return False
    return keyword_in(scheme, text, opted_out=True) is not Keyword.STOP
