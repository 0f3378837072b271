"""The text simulator's channel: delivery is the stored row the simulator page reads."""

from __future__ import annotations

import uuid

from channels.base import Reply
from channels.rendering import numbered_choices
from core.addresses import Scheme


class SimulatorChannel:
    scheme = Scheme.SIM.value

    def render(self, reply: Reply) -> str:
        return numbered_choices(reply)  # the simulator looks and behaves like SMS

    async def send(self, address: str, text: str) -> str | None:  # noqa: ARG002
        return f"sim-{uuid.uuid4().hex}"
