"""A stand-in for the Telegram Bot API (getMe, sendMessage), served over real HTTP on loopback.

Answers in the Bot API's envelope: {"ok": true, "result": ...} or {"ok": false, "error_code",
"description", "parameters"}, which is what python-telegram-bot turns into its error classes.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.fakes.server import free_port, serving

BOT_ID = 7000000001
BLOCKED = "Forbidden: bot was blocked by the user"
CHAT_NOT_FOUND = "Bad Request: chat not found"


@dataclass(frozen=True)
class Failure:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    url: str
    token: str = field(default_factory=lambda: f"{BOT_ID}:{uuid.uuid4().hex}")
    sent: list[dict[str, Any]] = field(default_factory=list)
    get_me_calls: int = 0
    failures: list[Failure] = field(default_factory=list)

    def fail_next(self, status: int, description: str, retry_after: int | None = None) -> None:
        """The next sendMessage is answered with this error."""
        self.failures.append(Failure(status, description, retry_after))


def bot_api_error(failure: Failure) -> JSONResponse:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": failure.status,
        "description": failure.description,
    }
    if failure.retry_after is not None:
        body["parameters"] = {"retry_after": failure.retry_after}
    return JSONResponse(body, status_code=failure.status)


async def _parameters(request: Request) -> dict[str, Any]:
    # The Bot API takes a query string, a form or JSON; PTB sends a form of JSON-encoded values.
    params: dict[str, Any] = dict(request.query_params)
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("application/json"):
        params.update(json.loads(raw or b"{}"))
    else:
        params.update(parse_qsl(raw.decode(), keep_blank_values=True))
    return params


def _bot_user() -> dict[str, Any]:
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "Warmline",
        "username": "warmline_test_bot",
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def _message(fake: FakeTelegram, params: dict[str, Any]) -> dict[str, Any]:
    chat_id = int(params["chat_id"])
    return {
        "message_id": len(fake.sent),
        "from": _bot_user(),
        "chat": {"id": chat_id, "type": "private", "first_name": "Participant"},
        "date": int(time.time()),
        "text": params["text"],
    }


def _app(fake: FakeTelegram) -> FastAPI:
    app = FastAPI()
    unauthorized = Failure(401, "Unauthorized")

    @app.api_route("/bot{token}/getMe", methods=["GET", "POST"])
    async def get_me(token: str) -> JSONResponse:
        if token != fake.token:
            return bot_api_error(unauthorized)
        fake.get_me_calls += 1
        return JSONResponse({"ok": True, "result": _bot_user()})

    @app.api_route("/bot{token}/sendMessage", methods=["GET", "POST"])
    async def send_message(token: str, request: Request) -> JSONResponse:
        if token != fake.token:
            return bot_api_error(unauthorized)
        if fake.failures:
            return bot_api_error(fake.failures.pop(0))
        params = await _parameters(request)
        if not params.get("chat_id"):
            return bot_api_error(Failure(400, "Bad Request: chat_id is empty"))
        if not params.get("text"):
            return bot_api_error(Failure(400, "Bad Request: message text is empty"))
        fake.sent.append(params)
        return JSONResponse({"ok": True, "result": _message(fake, params)})

    return app


@contextmanager
def running_fake_telegram() -> Iterator[FakeTelegram]:
    port = free_port()
    fake = FakeTelegram(url=f"http://127.0.0.1:{port}")
    with serving(_app(fake), port):
        yield fake
