"""The Rasa engine, used like any HTTP service: one REST webhook call per inbound message.

aiohttp rather than httpx here: this call is on every message's path, and aiohttp spends about
a millisecond less of CPU on it (measured side by side against the same local server).
"""

from __future__ import annotations

from typing import Any

import aiohttp

from channels.base import Button, Reply


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


def _replies(items: Any) -> list[Reply]:
    if not isinstance(items, list):
        raise EngineUnavailable("the engine answered with something other than a list")
    return [reply for item in items if isinstance(item, dict) and (reply := _reply(item))]


class EngineClient:
    def __init__(self, base_url: str, timeout: float, token: str = "") -> None:
        self._base = base_url.rstrip("/")
        self._url = f"{self._base}/webhooks/rest/webhook"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._token = token  # the engine's HTTP API (not its REST webhook) asks for it
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        # Created on first use, inside the event loop that will use it.
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=64)
            self._session = aiohttp.ClientSession(timeout=self._timeout, connector=connector)
        return self._session

    async def message(self, sender: str, text: str) -> list[Reply]:
        """Hands one message to the engine and returns its replies, in order."""
        items = await self._post(self._url, {"sender": sender, "message": text})
        return _replies(items)

    async def trigger(self, sender: str, intent: str) -> list[Reply]:
        """Starts something in a conversation without a message from the person (a check-up
        they put off, now due): the engine's trigger_intent, answered like a message."""
        url = f"{self._base}/conversations/{sender}/trigger_intent"
        params = {"token": self._token, "include_events": "NONE"}
        body = await self._post(url, {"name": intent}, params)
        return _replies(body.get("messages") if isinstance(body, dict) else None)

    async def _post(
        self, url: str, body: dict[str, str], params: dict[str, str] | None = None
    ) -> Any:
        try:
            async with self._client().post(url, json=body, params=params) as response:
                response.raise_for_status()
                return await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise EngineUnavailable(type(error).__name__) from error

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
