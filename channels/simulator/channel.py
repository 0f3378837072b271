"""The text simulator's channel: delivery is the stored row the simulator page reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from channels.base import Button, Reply
from channels.rendering import numbered_choices
from core.addresses import Scheme


class SimulatorChannel:
    scheme = Scheme.SIM.value

    def render(self, reply: Reply) -> str:
        return numbered_choices(reply)  # the simulator looks and behaves like SMS

    async def send(
        self,
        address: str,  # noqa: ARG002
        text: str,  # noqa: ARG002
        *,
        buttons: Sequence[Button] = (),  # noqa: ARG002 - numbered in the text already
        urgent: bool = False,  # noqa: ARG002
    ) -> str | None:
        return f"sim-{uuid.uuid4().hex}"
