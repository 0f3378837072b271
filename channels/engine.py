"""The Rasa engine, used like any HTTP service: one webhook call per inbound message.

The webhook is the engine's own (bot/components/warmline_channel.py): it asks for the engine
token, and takes each message into the conversation at most once, by the message id sent with
it. A call that times out may still be answered by the engine; the gateway's later retry, with
the same id, then gets that answer's replies instead of moving the conversation a second time.

aiohttp rather than httpx here: this call is on every message's path, and aiohttp spends about
a millisecond less of CPU on it (measured side by side against the same local server).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp

from channels.base import Button, Reply

WEBHOOK_PATH = "/webhooks/warmline/webhook"
# The metadata key of the first message after a peer hands a conversation back to the assistant:
# the peer's display name, which the assistant says when it takes the conversation up again.
HANDED_BACK_BY = "handed_back_by"


def engine_message_id(message_id: int) -> str:
    """How an inbound message is known in the engine's tracker (its user event's message_id)."""
    return f"warmline-{message_id}"


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
        self._url = f"{self._base}{WEBHOOK_PATH}"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._token = token  # the engine's HTTP API and its message webhook both ask for it
        # In a header for the webhook: a token in a URL ends up in logs.
        self._auth = {"Authorization": f"Bearer {token}"}
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        # Created on first use, inside the event loop that will use it.
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=64)
            self._session = aiohttp.ClientSession(timeout=self._timeout, connector=connector)
        return self._session

    async def message(
        self,
        sender: str,
        text: str,
        message_id: int,
        *,
        first_attempt: bool = False,
        metadata: Mapping[str, str] | None = None,
    ) -> list[Reply]:
        """Hands one message to the engine and returns its replies, in order. `message_id` is
        the inbound message's own id: asked again about it, the engine answers with the replies
        it gave the first time and does not take the message again. `first_attempt` says the
        engine was never asked about it before, which spares it a read of the conversation;
        say it only when sure (the default is the safe side). `metadata` travels with the
        message into the engine's conversation, where the actions read it (the first message
        after a hand-back carries `{"handed_back_by": "<peer display name>"}`); the engine
        keeps only a few short strings and ignores anything else."""
        body: dict[str, object] = {
            "sender": sender,
            "message": text,
            "message_id": engine_message_id(message_id),
            "first_attempt": first_attempt,
        }
        if metadata is not None:
            body["metadata"] = dict(metadata)
        items = await self._post(self._url, body, headers=self._auth)
        return _replies(items)

    async def trigger(self, sender: str, intent: str) -> list[Reply]:
        """Starts something in a conversation without a message from the person (a check-up
        they put off, now due): the engine's trigger_intent, answered like a message."""
        url = f"{self._base}/conversations/{sender}/trigger_intent"
        params = {"token": self._token, "include_events": "NONE"}
        body = await self._post(url, {"name": intent}, params)
        return _replies(body.get("messages") if isinstance(body, dict) else None)

    async def _post(
        self,
        url: str,
        body: dict[str, object],
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        try:
            post = self._client().post(url, json=body, params=params, headers=headers)
            async with post as response:
                response.raise_for_status()
                return await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise EngineUnavailable(type(error).__name__) from error

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
