"""A stand-in for the Telegram Bot API, served over real HTTP on loopback: getMe, sendMessage
(with reply_markup), answerCallbackQuery, setWebhook, deleteWebhook and getUpdates (updates stay
until a later call passes a higher offset, as Telegram confirms them; the long poll waits).

Answers in the Bot API's envelope: {"ok": true, "result": ...} or {"ok": false, "error_code",
"description", "parameters"}, which is what python-telegram-bot turns into its error classes.
"""

from __future__ import annotations

import asyncio
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


# The longest a getUpdates long poll holds here, whatever timeout PTB asks for.
LONG_POLL_CAP = 2.0
DOWN = Failure(502, "Bad Gateway")


@dataclass
class FakeTelegram:
    url: str
    token: str = field(default_factory=lambda: f"{BOT_ID}:{uuid.uuid4().hex}")
    sent: list[dict[str, Any]] = field(default_factory=list)
    get_me_calls: int = 0
    failures: list[Failure] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)  # updates not yet confirmed
    offsets: list[int | None] = field(default_factory=list)  # each getUpdates' offset
    webhook: dict[str, Any] | None = None  # what setWebhook set; None after deleteWebhook
    webhook_deletions: int = 0
    answered: list[str] = field(default_factory=list)  # callback query ids
    down: bool = False  # every method answers 502, as during an outage
    _next_update_id: int = 1000

    def fail_next(self, status: int, description: str, retry_after: int | None = None) -> None:
        """The next sendMessage is answered with this error."""
        self.failures.append(Failure(status, description, retry_after))

    def queue(self, update: dict[str, Any]) -> None:
        """Makes the update pending, for getUpdates to hand out."""
        self.pending.append(update)

    def next_update_id(self) -> int:
        self._next_update_id += 1
        return self._next_update_id


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


def _refusal(fake: FakeTelegram, token: str) -> JSONResponse | None:
    if fake.down:
        return bot_api_error(DOWN)
    return None if token == fake.token else bot_api_error(Failure(401, "Unauthorized"))


def _ok(result: Any) -> JSONResponse:
    return JSONResponse({"ok": True, "result": result})


def _decoded(params: dict[str, Any], name: str) -> Any:
    """PTB sends structured parameters (reply_markup, allowed_updates) as JSON strings."""
    value = params.get(name)
    return json.loads(value) if isinstance(value, str) else value


async def _updates(fake: FakeTelegram, params: dict[str, Any]) -> list[dict[str, Any]]:
    offset = int(params["offset"]) if params.get("offset") not in (None, "") else None
    fake.offsets.append(offset)
    if offset is not None:  # a higher offset confirms, and so forgets, what came before it
        fake.pending = [u for u in fake.pending if u["update_id"] >= offset]
    deadline = time.monotonic() + min(float(params.get("timeout") or 0), LONG_POLL_CAP)
    while not fake.pending and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return list(fake.pending)


def _update_methods(app: FastAPI, fake: FakeTelegram) -> None:
    """Reading updates and answering button presses."""

    @app.api_route("/bot{token}/getUpdates", methods=["GET", "POST"])
    async def get_updates(token: str, request: Request) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        if fake.webhook is not None:
            conflict = "Conflict: can't use getUpdates method while webhook is active"
            return bot_api_error(Failure(409, conflict))
        return _ok(await _updates(fake, await _parameters(request)))

    @app.api_route("/bot{token}/answerCallbackQuery", methods=["GET", "POST"])
    async def answer_callback_query(token: str, request: Request) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        fake.answered.append((await _parameters(request))["callback_query_id"])
        return _ok(True)


def _webhook_methods(app: FastAPI, fake: FakeTelegram) -> None:
    @app.api_route("/bot{token}/setWebhook", methods=["GET", "POST"])
    async def set_webhook(token: str, request: Request) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        params = await _parameters(request)
        params["allowed_updates"] = _decoded(params, "allowed_updates")
        fake.webhook = params
        return _ok(True)

    @app.api_route("/bot{token}/deleteWebhook", methods=["GET", "POST"])
    async def delete_webhook(token: str) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        fake.webhook = None
        fake.webhook_deletions += 1
        return _ok(True)


def _send(fake: FakeTelegram, params: dict[str, Any]) -> JSONResponse:
    if not params.get("chat_id"):
        return bot_api_error(Failure(400, "Bad Request: chat_id is empty"))
    if not params.get("text"):
        return bot_api_error(Failure(400, "Bad Request: message text is empty"))
    if "reply_markup" in params:
        params["reply_markup"] = _decoded(params, "reply_markup")
    fake.sent.append(params)
    return _ok(_message(fake, params))


def _app(fake: FakeTelegram) -> FastAPI:
    app = FastAPI()
    _update_methods(app, fake)
    _webhook_methods(app, fake)

    @app.api_route("/bot{token}/getMe", methods=["GET", "POST"])
    async def get_me(token: str) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        fake.get_me_calls += 1
        return _ok(_bot_user())

    @app.api_route("/bot{token}/sendMessage", methods=["GET", "POST"])
    async def send_message(token: str, request: Request) -> JSONResponse:
        if (refused := _refusal(fake, token)) is not None:
            return refused
        if fake.failures:
            return bot_api_error(fake.failures.pop(0))
        return _send(fake, await _parameters(request))

    return app


@contextmanager
def running_fake_telegram() -> Iterator[FakeTelegram]:
    port = free_port()
    fake = FakeTelegram(url=f"http://127.0.0.1:{port}")
    with serving(_app(fake), port):
        yield fake


# Updates as Telegram sends them, to queue for getUpdates or post to the webhook.


def _person(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Participant"}


def _private_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": "Participant"}


def message_update(update_id: int, chat_id: int, **content: Any) -> dict[str, Any]:
    """A message from a person: text="...", or a photo, voice, sticker ... with a caption."""
    message = {
        "message_id": update_id,
        "from": _person(chat_id),
        "chat": _private_chat(chat_id),
        "date": int(time.time()),
        **content,
    }
    return {"update_id": update_id, "message": message}


def button_update(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    """A press on an inline keyboard button under one of the bot's messages."""
    message = {
        "message_id": 1,
        "from": _bot_user(),
        "chat": _private_chat(chat_id),
        "date": int(time.time()),
        "text": "How are you today?",
    }
    query = {
        "id": f"query-{update_id}",
        "from": _person(chat_id),
        "message": message,
        "chat_instance": "1",
        "data": data,
    }
    return {"update_id": update_id, "callback_query": query}


def member_update(update_id: int, chat_id: int, status: str) -> dict[str, Any]:
    """The bot's membership in a private chat changed: "kicked" when the person blocks it."""
    change = {
        "chat": _private_chat(chat_id),
        "from": _person(chat_id),
        "date": int(time.time()),
        "old_chat_member": {"status": "member", "user": _bot_user()},
        "new_chat_member": {"status": status, "user": _bot_user(), "until_date": 0},
    }
    return {"update_id": update_id, "my_chat_member": change}


# One of each kind of media a person can send, as the Bot API describes it.
MEDIA: dict[str, dict[str, Any]] = {
    "photo": {
        "photo": [
            {"file_id": "photo-small", "file_unique_id": "ps", "width": 90, "height": 90},
            {"file_id": "photo-large", "file_unique_id": "pl", "width": 800, "height": 800},
        ]
    },
    "voice": {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}},
    "sticker": {
        "sticker": {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
}
