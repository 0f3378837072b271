"""A stand-in for the Rasa engine's message webhook, served over real HTTP on loopback.

Unit tests of the gateway use it to control what the engine says; the end-to-end suite uses the
real engine. It serves the path of the engine's own webhook (bot/components/warmline_channel.py)
and records what each call carried besides the message: its id, its token and its metadata.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response

from channels.engine import WEBHOOK_PATH
from tests.fakes.server import free_port, serving

__all__ = ["EngineCall", "FakeEngine", "free_port", "running_fake_engine"]


@dataclass(frozen=True)
class EngineCall:
    """One call to the message webhook, as the engine saw it."""

    sender: str
    message: str
    message_id: str | None
    first_attempt: bool | None
    authorization: str | None  # the Authorization header, as sent
    metadata: dict[str, Any] | None = None  # the message's metadata, when it carried any


@dataclass
class FakeEngine:
    url: str
    calls: list[dict[str, Any]] = field(default_factory=list)  # {"sender", "message"} per call
    received: list[EngineCall] = field(default_factory=list)  # and what came with it
    token: str | None = None  # when set, a call without `Authorization: Bearer <token>` gets 401
    buttons: list[dict[str, str]] = field(default_factory=list)
    on_call: Any = None  # called with the request body before answering, to observe state
    scripted: list[Response] = field(default_factory=list)  # answers to give instead, in order
    delay: float = 0.0
    triggered: list[tuple[str, str, str]] = field(default_factory=list)  # sender, intent, token

    def admit(self, body: dict[str, Any], authorization: str | None) -> bool:
        """Records a webhook call; whether it gets through, as the engine checks its token."""
        call = EngineCall(
            body["sender"],
            body["message"],
            body.get("message_id"),
            body.get("first_attempt"),
            authorization,
            body.get("metadata"),
        )
        self.received.append(call)
        if self.token is not None and authorization != f"Bearer {self.token}":
            return False
        self.calls.append({"sender": call.sender, "message": call.message})
        return True

    def echo(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """The default answer: the text back, with any buttons, and an image text cannot carry."""
        reply: dict[str, Any] = {"recipient_id": body["sender"], "text": f"echo: {body['message']}"}
        if self.buttons:
            reply["buttons"] = self.buttons
        return [reply, {"recipient_id": body["sender"], "image": "https://example.org/x.png"}]


def _app(engine: FakeEngine) -> FastAPI:
    app = FastAPI()

    @app.post(WEBHOOK_PATH)
    async def webhook(request: Request) -> Any:
        body = await request.json()
        if not engine.admit(body, request.headers.get("Authorization")):
            return Response(status_code=401)
        if engine.on_call is not None:
            engine.on_call(body)
        if engine.delay:
            await asyncio.sleep(engine.delay)
        if engine.scripted:
            return engine.scripted.pop(0)
        return engine.echo(body)

    @app.post("/conversations/{sender}/trigger_intent")
    async def trigger_intent(sender: str, request: Request) -> Any:
        body = await request.json()
        engine.triggered.append((sender, body["name"], request.query_params.get("token", "")))
        if engine.scripted:
            return engine.scripted.pop(0)
        text = f"triggered: {body['name']}"
        message = {"recipient_id": sender, "text": text, "buttons": engine.buttons}
        return {"tracker": {"sender_id": sender}, "messages": [message]}

    return app


@contextmanager
def running_fake_engine() -> Iterator[FakeEngine]:
    port = free_port()
    engine = FakeEngine(url=f"http://127.0.0.1:{port}")
    with serving(_app(engine), port):
        yield engine
