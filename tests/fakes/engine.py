"""A stand-in for the Rasa engine's REST webhook, served over real HTTP on loopback.

Unit tests of the gateway use it to control what the engine says; the end-to-end suite uses the
real engine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response

from tests.fakes.server import free_port, serving

__all__ = ["FakeEngine", "free_port", "running_fake_engine"]


@dataclass
class FakeEngine:
    url: str
    calls: list[dict[str, Any]] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    on_call: Any = None  # called with the request body before answering, to observe state
    scripted: list[Response] = field(default_factory=list)  # answers to give instead, in order
    delay: float = 0.0
    triggered: list[tuple[str, str, str]] = field(default_factory=list)  # sender, intent, token


def _app(engine: FakeEngine) -> FastAPI:
    app = FastAPI()

    @app.post("/webhooks/rest/webhook")
    async def webhook(request: Request) -> Any:
        body = await request.json()
        engine.calls.append(body)
        if engine.on_call is not None:
            engine.on_call(body)
        if engine.delay:
            await asyncio.sleep(engine.delay)
        if engine.scripted:
            return engine.scripted.pop(0)
        reply: dict[str, Any] = {"recipient_id": body["sender"], "text": f"echo: {body['message']}"}
        if engine.buttons:
            reply["buttons"] = engine.buttons
        return [reply, {"recipient_id": body["sender"], "image": "https://example.org/x.png"}]

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
