"""No 5xx for any input: every route the app serves, fuzzed over real HTTP on loopback.

The app runs under uvicorn, as in production, so a connection the server drops is seen as a
transport error (or a `Connection: close`) and not hidden by an in-process test client. The
routes are read from the app itself: a route added later is fuzzed without editing this file,
and the test fails if any route was not exercised.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from hypothesis import HealthCheck, given, settings
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from channels.telegram.webhook import SECRET_HEADER
from channels.twilio_sms.signature import SIGNATURE_HEADER
from core.settings import load_settings
from store.migrate import upgrade
from tests.conftest import POSTGRES_URL, _fresh_postgres_database
from tests.fakes.engine import running_fake_engine
from tests.fakes.server import free_port, serving
from tests.fakes.telegram_api import FakeTelegram, message_update, running_fake_telegram
from tests.fakes.twilio_api import running_fake_twilio
from tests.warmline.fuzzing import Planned, Route, Secrets, request_for
from warmline.app import create_app

PUBLIC_URL = "https://warmline.example"
TELEGRAM_SECRET = "fuzz-secret_0123456789"
PEER_TOKENS = ("ana-token-0123456789", "sam-token-0123456789")
ROSTER = [
    {"name": "Ana", "token": PEER_TOKENS[0], "sim": "ana"},
    {"name": "Sam", "token": PEER_TOKENS[1], "supervisor": True},
]
# Requests per route: the ones that read a body or a path parameter get more.
RICH_ROUTE_EXAMPLES = 160
PLAIN_ROUTE_EXAMPLES = 70
MIN_TOTAL = 2000


@dataclass
class Served:
    app: FastAPI
    client: httpx.Client
    secrets: Secrets
    telegram: FakeTelegram


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The whole app with every route it can serve: dev mode, Telegram by webhook, SMS."""
    data = tmp_path_factory.mktemp("fuzz")
    with contextlib.ExitStack() as stack:
        # PostgreSQL where CI offers it: it refuses more than SQLite (a NUL, an id past 32 bits).
        url = stack.enter_context(_database(data))
        upgrade(url)
        yield from _serving(data, url)


@contextlib.contextmanager
def _database(data: Path) -> Iterator[str]:
    if not POSTGRES_URL:
        yield f"sqlite:///{data / 'app.db'}"
        return
    admin = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg").render_as_string(False)
    yield from _fresh_postgres_database(admin)


def _serving(data: Path, url: str) -> Iterator[Served]:
    with running_fake_engine() as engine, running_fake_telegram() as telegram, \
            running_fake_twilio() as twilio:  # fmt: skip
        settings = load_settings(
            mode="dev", data_dir=data, database_url=url, engine_url=engine.url,
            public_url=PUBLIC_URL, oncall_roster=ROSTER,
            telegram_bot_token=telegram.token, telegram_api_base_url=telegram.url,
            telegram_webhook_secret=TELEGRAM_SECRET,
            twilio_account_sid=twilio.account_sid, twilio_auth_token=twilio.auth_token,
            twilio_from_number="+15550001111", twilio_api_base_url=twilio.url,
        )  # fmt: skip
        app = create_app(settings)
        port = free_port()
        secrets = Secrets(
            peer_tokens=PEER_TOKENS,
            telegram_secret=TELEGRAM_SECRET,
            twilio_token=twilio.auth_token,
            public_url=PUBLIC_URL,
        )
        with serving(app, port), httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=30
        ) as client:  # fmt: skip
            yield Served(app, client, secrets, telegram)


def routes_of(app: FastAPI) -> list[Route]:
    """Every method and path the app routes, HEAD aside (Starlette adds it to every GET)."""
    found = {
        Route(method, context.path)
        for context in iter_route_contexts(app.routes)
        if context.path is not None
        for method in context.methods or ()
        if method != "HEAD"
    }
    return sorted(found, key=lambda route: (route.path, route.method))


def send(client: httpx.Client, planned: Planned) -> httpx.Response:
    """One request; a dropped connection fails here, as a transport error, not as a status."""
    try:
        return client.request(
            planned.method, planned.url, headers=planned.headers, content=planned.content
        )
    except httpx.TransportError as error:
        raise AssertionError(
            f"{planned.method} {planned.url}: connection lost ({error!r})"
        ) from error


def examples_for(route: Route) -> int:
    reads_input = (
        route.method == "POST"
        or "{" in route.path
        or route.path
        in {
            "/dev/conversation",
            "/api/escalations",
        }
    )
    return RICH_ROUTE_EXAMPLES if reads_input else PLAIN_ROUTE_EXAMPLES


def fuzz_route(served: Served, route: Route, sent: Counter[Route]) -> None:
    @settings(
        max_examples=examples_for(route),
        derandomize=True,  # the same requests on every run, so CI is deterministic
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(planned=request_for(route, served.secrets))
    def check(planned: Planned) -> None:
        response = send(served.client, planned)
        sent[route] += 1
        assert response.status_code < 500, (planned.method, planned.url, response.status_code)
        # The server closes a connection after a fault it could not answer cleanly.
        assert response.headers.get("connection", "").lower() != "close", planned.url

    check()


def test_every_route_answers_any_request_without_a_5xx_or_a_dropped_connection(
    served: Served,
) -> None:
    routes = routes_of(served.app)
    sent: Counter[Route] = Counter()
    started = time.monotonic()

    for route in routes:
        fuzz_route(served, route, sent)

    elapsed = time.monotonic() - started
    print(f"\nfuzzed {sum(sent.values())} requests in {elapsed:.0f} s, 0 5xx, 0 dropped:")
    for route in routes:
        print(f"  {sent[route]:5d} {route.method} {route.path}")
    assert [route for route in routes if sent[route] < examples_for(route)] == []
    assert sum(sent.values()) >= MIN_TOTAL


def test_the_fuzz_covers_every_route_of_every_channel(served: Served) -> None:
    paths = {route.path for route in routes_of(served.app)}

    assert {
        "/healthz", "/dev/chat", "/dev/conversation", "/telegram/webhook", "/twilio/sms",
        "/twilio/status", "/api/escalations/{escalation_id}/claim",
        "/api/participants/{participant_id}/reply",
    } <= paths  # fmt: skip


# --- Nothing a person wrote reaches the log, whatever the request ----------------------------

SECRET_TEXT = "my private relapse note 7391"
SECRET_PHONE = "+15559876543"


def bad_requests(served: Served) -> list[Planned]:
    """Requests carrying the text and the number, each wrong in a different way."""
    peer = {"Authorization": f"Bearer {served.secrets.peer_tokens[0]}"}
    json_type = {"Content-Type": "application/json"}
    secret = {SECRET_HEADER: served.secrets.telegram_secret} | json_type
    text = SECRET_TEXT.encode()
    update = json.dumps(message_update(True, 42, text=SECRET_TEXT)).encode()  # update_id true
    return [
        Planned("POST", "/dev/chat", json_type, b'{"from":"%s","text":"\xff%s"}' % (
            SECRET_PHONE.encode(), text)),
        Planned("POST", "/dev/chat", json_type, b'{"from":"%s","text":"\\ud800%s"}' % (
            SECRET_PHONE.encode(), text)),
        Planned("POST", "/dev/chat", json_type, b'{"from":["%s"],"text":["%s"]}' % (
            SECRET_PHONE.encode(), text)),
        Planned("POST", "/dev/chat", {"Content-Type": "text/plain"}, text),
        Planned("POST", "/api/participants/1/reply", peer | json_type,
                b'{"text":"\\udc00%s","phone":"%s"}' % (text, SECRET_PHONE.encode())),
        Planned("POST", "/api/escalations/1.0/resolve", peer | json_type,
                b'{"outcome":"%s"}' % text),
        Planned("POST", "/telegram/webhook", secret, update),
        Planned("POST", "/telegram/webhook", secret, b'{"update_id":1,"message":{"text":"%s",'
                b'"chat":{"id":"%s"}}}' % (text, SECRET_PHONE.encode())),
    ]  # fmt: skip


def signed_sms(served: Served, form: dict[str, str]) -> Planned:
    validator = RequestValidator(served.secrets.twilio_token)
    signature = validator.compute_signature(f"{PUBLIC_URL}/twilio/sms", form)
    headers = {SIGNATURE_HEADER: signature, "Content-Type": "application/x-www-form-urlencoded"}
    return Planned("POST", "/twilio/sms", headers, urlencode(form).encode())


def test_no_message_text_or_phone_number_is_logged_for_bad_input(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sms = {"MessageSid": "SM" + "a" * 32, "From": SECRET_PHONE, "Body": SECRET_TEXT}
    requests = [
        *bad_requests(served),
        signed_sms(served, sms | {"NumMedia": "x"}),
        signed_sms(served, sms | {"Body": SECRET_TEXT + "\x00"}),
        signed_sms(served, sms | {"From": SECRET_PHONE + "x"}),
    ]

    statuses = [send(served.client, planned).status_code for planned in requests]

    assert statuses == [400, 422, 422, 422, 422, 422, 400, 400, 400, 400, 400]
    # The messages as formatted, with any traceback, and each record's own message.
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert "Telegram webhook refused an update" in logged  # the log was captured
    assert (SECRET_TEXT in logged, SECRET_PHONE in logged) == (False, False)
