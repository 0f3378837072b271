"""STOP, START and HELP: what they are, and what the warmline answers to each, on every channel.

Which message is a keyword is each channel's own rule (channels/twilio_sms/keywords.py for SMS
and the simulator, channels/telegram/keywords.py for Telegram's commands)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from store.messages import GATEWAY, Sending
from store.models import Lane


class Keyword(Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"


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


# In Spanish for someone who writes in Spanish. 988 in Spanish: call and press 2, or text AYUDA
# to 988 (988 Suicide & Crisis Lifeline, 988lifeline.org/es).
def stop_confirmation_es(program: str) -> str:
    return (
        f"Te diste de baja de {program} y no recibirás más mensajes. Responde START para "
        "volver cuando quieras. Si estás en crisis, llama al 988 y oprime 2, o envía AYUDA al "
        "988; en una emergencia, llama al 911."
    )


def start_confirmation_es(program: str) -> str:
    return (
        f"Bienvenido de nuevo a {program}. Volverás a recibir mensajes. Responde AYUDA para "
        "ayuda o STOP para darte de baja. Escríbenos cuando quieras: ¿cómo estás hoy?"
    )


def help_text_es(program: str, contact: str) -> str:
    """Always carries 988 and 911, like the English one."""
    reach = f" Preguntas: {contact}." if contact else ""
    return (
        f"{program}: apoyo entre pares para la recuperación, por mensaje de texto.{reach} En "
        "crisis, llama al 988 y oprime 2, o envía AYUDA al 988. En una emergencia, llama al 911. "
        "Responde STOP para darte de baja. Pueden aplicarse tarifas de mensajes y datos."
    )


_REPLIES = {
    "en": {
        Keyword.STOP: stop_confirmation,
        Keyword.START: start_confirmation,
    },
    "es": {
        Keyword.STOP: stop_confirmation_es,
        Keyword.START: start_confirmation_es,
    },
}
_HELP = {"en": help_text, "es": help_text_es}


def keyword_reply(keyword: Keyword, program: Program, language: str = "en") -> list[str]:
    """The reply to a keyword, in the language the person writes in (English otherwise)."""
    language = language if language in _REPLIES else "en"
    if keyword is Keyword.HELP:
        return [_HELP[language](program.name, program.contact)]
    return [_REPLIES[language][keyword](program.name)]


# The STOP confirmation is the one message that goes to an opted-out address.
_STOP_SENDING = Sending(Lane.URGENT, compliance=True, author="gateway")


def keyword_sending(keyword: Keyword) -> Sending:
    return _STOP_SENDING if keyword is Keyword.STOP else GATEWAY
