"""The Rasa engine, used like any HTTP service: one REST webhook call per inbound message."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from channels.base import Button, Reply

logger = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """The engine did not answer (down, timing out, or failing): the gateway holds the message."""


def _reply(item: dict[str, Any]) -> Reply | None:
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return None  # images and custom payloads have no text form on our channels
    buttons = tuple(
        Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
        for b in item.get("buttons") or []
        if isinstance(b, dict)
    )
    return Reply(text=text, buttons=buttons)


class EngineClient:
    def __init__(
        self, base_url: str, timeout: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
        )

    async def message(self, sender: str, text: str) -> list[Reply]:
        """Hands one message to the engine and returns its replies, in order."""
        try:
            response = await self._client.post(
                "/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            response.raise_for_status()
            items = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise EngineUnavailable(type(error).__name__) from error
        if not isinstance(items, list):
            raise EngineUnavailable("the engine answered with something other than a list")
        return [reply for item in items if isinstance(item, dict) and (reply := _reply(item))]

    async def aclose(self) -> None:
        await self._client.aclose()
