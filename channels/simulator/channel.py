"""The text simulator's channel (dev mode only): it looks and behaves like SMS, keywords
included, and what it sends is the stored row the simulator page reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter

from channels.base import Button
from channels.keywords import Keyword
from channels.plain import PlainTextChannel
from channels.simulator.routes import router
from channels.twilio_sms.keywords import sms_keyword
from core.addresses import Scheme
from core.settings import Settings


class SimulatorChannel(PlainTextChannel):
    scheme = Scheme.SIM.value

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:
        return sms_keyword(text, opted_out=opted_out)

    def routes(self) -> APIRouter:
        return router  # the page, POST /dev/chat and the conversation it shows

    async def send(
        self,
        address: str,  # noqa: ARG002
        text: str,  # noqa: ARG002
        *,
        buttons: Sequence[Button] = (),  # noqa: ARG002 - numbered in the text already
        urgent: bool = False,  # noqa: ARG002
    ) -> str | None:
        return f"sim-{uuid.uuid4().hex}"


def from_settings(settings: Settings) -> SimulatorChannel | None:
    """Only in dev mode: the simulator and its dev peers are open to anyone who can reach it."""
    return SimulatorChannel() if settings.dev else None
