"""What every channel implements, both sides, and the neutral messages it turns into and from.

A channel is one folder with a class that satisfies `Channel` and a `from_settings` that makes it
(or None when it is not configured), and one line in the assembly's registry
(`warmline/assembly.py`). The gateway does the rest: it stores, screens and routes what the
channel accepts, and hands back replies for the channel to render and send.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from channels.keywords import Keyword
from channels.pacing import Pacer

if TYPE_CHECKING:
    from fastapi import APIRouter

    from channels.consent import DeepLinkStarts
    from channels.outbox import OptedOut
    from store.db import Database
    from store.messages import Stored


@dataclass(frozen=True, slots=True)
class Inbound:
    """A message as a channel received it, already normalised to an address."""

    address: str
    channel_message_id: str
    text: str
    media_urls: tuple[str, ...] = ()  # kept, never fetched: the warmline reads text only


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


class Accepting(Protocol):
    """The gateway, as a channel sees it: it takes a message and says whether it was a repeat.
    Once `accept` returns the message is stored, and the channel may acknowledge it."""

    async def accept(self, inbound: Inbound) -> Stored: ...


@dataclass(frozen=True, slots=True)
class Wiring:
    """What a channel's inbound side is given at start-up."""

    gateway: Accepting
    db: Database
    opted_out: OptedOut  # a platform says a person stopped (a blocked bot): record and tell
    # A program's Telegram deep link pressed (/start <token>): link, invite, or say why not.
    starts: DeepLinkStarts | None = None


class Channel(Protocol):
    scheme: str
    pacer: Pacer | None  # None sends at once; the outbox keeps its claims to the pacer's rate

    def render(self, reply: Reply) -> str:
        """The text this channel sends for a neutral reply (buttons are sent alongside it)."""
        ...

    def meaning(self, text: str, choices: Sequence[tuple[str, str]]) -> str:
        """What a message means after a question offered `choices` (title, payload): on a
        channel without buttons "2" is the second choice; elsewhere the text as written."""
        ...

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:
        """The carrier or platform keyword this message is (STOP, START, HELP), if any."""
        ...

    def reopens(self, text: str) -> bool:
        """Whether writing this to someone opted out of this channel opts them back in."""
        ...

    def routes(self) -> APIRouter | None:
        """The channel's inbound web routes (webhooks), if it has any."""
        ...

    async def start(self, wiring: Wiring) -> None:
        """Starts the inbound side: a poller, or the webhook's registration."""
        ...

    async def stop(self) -> None:
        """Stops the inbound side and closes the channel's connections."""
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
