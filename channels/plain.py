"""Defaults for a channel of plain text: no buttons, so choices are numbered the way a text
message offers them, and no inbound side of its own. Each channel overrides what differs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from channels.base import Button, PermanentSendError, Reply, Wiring
from channels.keywords import Keyword
from channels.pacing import Pacer
from channels.rendering import numbered_choices

if TYPE_CHECKING:
    from fastapi import APIRouter


class PlainTextChannel:
    pacer: Pacer | None = None

    def render(self, reply: Reply) -> str:
        return numbered_choices(reply)

    def meaning(self, text: str, choices: Sequence[tuple[str, str]]) -> str:
        """A reply of "2" means the last question's second choice, for that question only;
        anything else is what the person wrote."""
        choice = text.strip().rstrip(".")
        if choice.isascii() and choice.isdigit() and 1 <= int(choice) <= len(choices):
            return choices[int(choice) - 1][1]
        return text

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:  # noqa: ARG002
        return None

    def reopens(self, text: str) -> bool:  # noqa: ARG002 - opted out until a keyword says so
        return False

    def routes(self) -> APIRouter | None:
        return None

    async def start(self, wiring: Wiring) -> None:
        """Nothing to start: a channel whose messages arrive by its routes."""

    async def stop(self) -> None:
        """Nothing to close."""


class UnconfiguredChannel(PlainTextChannel):
    """A message's channel that this process does not run (one stored before a restart
    without it): read as plain text; a send fails for good, and is recorded as failed."""

    scheme = ""

    async def send(
        self,
        address: str,  # noqa: ARG002
        text: str,  # noqa: ARG002
        *,
        buttons: Sequence[Button] = (),  # noqa: ARG002
        urgent: bool = False,  # noqa: ARG002
    ) -> str | None:
        raise PermanentSendError("no channel is configured for this address")
