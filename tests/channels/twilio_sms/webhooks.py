"""Helpers for the webhook tests: the real app with SMS connected to the fake Twilio, and
requests signed the way Twilio signs them (the SDK's own RequestValidator)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from channels.gateway import Gateway
from core.settings import Settings, load_settings
from store.db import Database
from store.models import Direction, Message
from tests.channels.twilio_sms.conftest import FROM_NUMBER
from tests.fakes.engine import FakeEngine
from tests.fakes.twilio_api import FakeTwilio
from warmline.app import create_app

# Twilio calls the public address; the reverse proxy hands the request on to 127.0.0.1.
PUBLIC_URL = "https://warmline.example.org"
INTERNAL_URL = "http://127.0.0.1:8000"
SENDER = "+15557654321"


def sms_settings(
    db: Database, tmp_path: Path, engine: FakeEngine, twilio: FakeTwilio, **extra: object
) -> Settings:
    options: dict[str, object] = {
        "mode": "dev",
        "data_dir": tmp_path,
        "database_url": db.url,
        "engine_url": engine.url,
        "public_url": PUBLIC_URL,
        "twilio_account_sid": twilio.account_sid,
        "twilio_auth_token": twilio.auth_token,
        "twilio_from_number": FROM_NUMBER,
        "twilio_api_base_url": twilio.url,
    }
    return load_settings(**(options | extra))


@contextmanager
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url=INTERNAL_URL) as client:
        yield client


def new_sid(prefix: str = "SM") -> str:
    return f"{prefix}{uuid.uuid4().hex}"


def sms_form(body: str = "hi", sid: str = "", sender: str = SENDER, **extra: str) -> dict[str, str]:
    """An incoming SMS as Twilio posts it (the fields we read, and some we do not)."""
    sid = sid or new_sid()
    return {
        "AccountSid": "AC" + "0" * 32,
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "From": sender,
        "To": FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
    } | extra


def post_signed(
    client: TestClient,
    path: str,
    form: dict[str, str],
    token: str,
    *,
    signed_url: str = "",
) -> httpx.Response:
    """Posts the form signed for `signed_url` (by default the public URL of `path`)."""
    signature = RequestValidator(token).compute_signature(signed_url or PUBLIC_URL + path, form)
    response: httpx.Response = client.post(
        path, data=form, headers={"X-Twilio-Signature": signature}
    )
    return response


def drain(client: TestClient) -> None:
    """Waits for the answers the app is writing in the background."""
    gateway: Gateway = client.app.state.gateway  # type: ignore[attr-defined]
    assert client.portal is not None
    client.portal.call(gateway.drain)


def inbound_messages(db: Database) -> list[Message]:
    with db.transaction() as session:
        query = select(Message).where(Message.direction == Direction.INBOUND).order_by(Message.id)
        return list(session.scalars(query))


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
