"""The action server: rasa-sdk serving bot/actions, behind a shared secret.

An action can create an escalation and page a peer, so a call must prove it comes from the
engine even on 127.0.0.1. The engine sends the secret as a header (its endpoints.yml, written
by `warmline.processes`); a request middleware checks it before rasa-sdk reads the body. Only
the health check, which says nothing about anyone, is open.
"""

from __future__ import annotations

import argparse
import hmac
from functools import partial
from typing import Any

from rasa_sdk.endpoint import create_app_for_serve
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json
from sanic.worker.loader import AppLoader

from core.logging import configure_logging
from core.settings import load_settings
from warmline.actions_secret import SECRET_HEADER, actions_secret

OPEN_PATHS = frozenset({"/health"})
ACTIONS_PACKAGE = "bot.actions"


async def _refuse_without_secret(secret: str, request: Request) -> HTTPResponse | None:
    if request.path in OPEN_PATHS:
        return None
    given = request.headers.get(SECRET_HEADER, "")
    if hmac.compare_digest(given.encode(), secret.encode()):
        return None
    return json({"error": "this action server answers only the warmline's engine"}, status=401)


def create_app(secret: str) -> Sanic[Any, Any]:
    """rasa-sdk's own app, with the secret checked first. Module level: Sanic's loader pickles
    the factory for its worker."""
    executor = ActionExecutor()
    executor.register_package(ACTIONS_PACKAGE)
    app: Sanic[Any, Any] = create_app_for_serve(executor, cors_origins=None)
    app.register_middleware(partial(_refuse_without_secret, secret), "request")
    return app


def serve(port: int, secret: str) -> None:
    loader = AppLoader(factory=partial(create_app, secret))
    app = loader.load()
    app.prepare(host="127.0.0.1", port=port, workers=1, access_log=False)
    Sanic.serve(primary=app, app_loader=loader)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--port", type=int, required=True)
    port = arguments.parse_args().port
    settings = load_settings()
    configure_logging(settings.log_level)
    serve(port, actions_secret(settings))


if __name__ == "__main__":
    main()
