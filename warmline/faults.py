"""What the app answers when a request is wrong, or when the app itself fails.

Requests carry health data (message text, phone numbers, tokens), so neither answer repeats or
logs any of it: a 422 names the fields that are wrong and how, never their values, and a
server fault logs the exception's type and where it was raised, never its message, which can
hold the input it failed on.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


def _field(error: Any) -> dict[str, Any]:
    # "input" (the value) and "ctx" (which can quote it) are left out on purpose.
    return {"loc": list(error.get("loc", ())), "type": error.get("type"), "msg": error.get("msg")}


async def refuse_invalid_request(request: Request, error: Exception) -> Response:  # noqa: ARG001
    """422 naming each wrong field and what is wrong with it."""
    assert isinstance(error, RequestValidationError)
    detail = [_field(item) for item in error.errors()]
    # ASCII escapes, so a key that holds a lone surrogate is still valid JSON in UTF-8.
    body = json.dumps({"detail": detail}, ensure_ascii=True, default=str)
    return Response(body, status_code=422, media_type="application/json")


class ServerFaults:
    """ASGI middleware: an exception the app did not handle becomes a 500 with no details.

    Without it the server logs the exception with its message (which may quote the request)
    and drops the connection. The fault is logged here by type and traceback frames only.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as error:
            _log_fault(scope, error)
            if not started:  # once a response has begun, only closing the connection ends it
                await _internal_error(send)


def _log_fault(scope: Scope, error: Exception) -> None:
    route = getattr(scope.get("route"), "path", "an unmatched path")
    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error(
        "%s %s failed: %s (message withheld)\n%s",
        scope.get("method"),
        route,
        type(error).__name__,
        frames,
    )


async def _internal_error(send: Send) -> None:
    body = b'{"detail":"internal error"}'
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})
