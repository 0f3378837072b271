"""What every channel implements, and the neutral reply the engine's answers become.

Adding a channel means a folder with a class that satisfies `Channel`; the gateway does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply as the engine meant it, before any channel shapes it."""

    text: str
    buttons: tuple[Button, ...] = ()


class SendError(Exception):
    """A send failed. `retryable` carries the policy: try again later, or give up.
    `retry_after` is the provider's own wait in seconds (a 429), when it named one."""

    retryable = False
    retry_after: float | None = None


class RetryableSendError(SendError):
    retryable = True


class PermanentSendError(SendError):
    retryable = False


class RecipientOptedOut(PermanentSendError):
    """The person has stopped this channel (an SMS opt-out, a blocked Telegram bot)."""


class Channel(Protocol):
    scheme: str

    def render(self, reply: Reply) -> str:
        """The text this channel sends for a neutral reply (buttons are sent alongside it)."""
        ...

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),
        urgent: bool = False,
    ) -> str | None:
        """Sends one message; returns the provider's message id. Raises SendError.

        `buttons` are the reply's choices (a channel with keyboards shows them; SMS already has
        them as numbered text). `urgent` sends go first: crisis replies, peers, carrier notices.
        """
        ...
