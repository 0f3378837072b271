"""A message in over each channel reaches the real engine, and its reply goes back out over the
same channel: SMS through a signed Twilio webhook and the Twilio SDK, Telegram through its
webhook and through polling, with python-telegram-bot. Only the providers are local stand-ins
(the Twilio one checks every request against Twilio's OpenAPI contract)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from bot.actions.greet import FIRST_GREETING
from core.settings import Settings, load_settings
from tests.fakes.telegram_api import FakeTelegram, message_update, running_fake_telegram
from tests.fakes.twilio_api import FakeTwilio, running_fake_twilio
from tests.support.crisis import opening_for
from tests.support.system import wait_for
from warmline.isolated import PreparedEngine, start_system

pytestmark = pytest.mark.engine

PERSON = "+15557650001"
CHAT = 777001
SECRET = "e2e-webhook-secret"
OUR_NUMBER = "+15550001111"


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    with running_fake_twilio() as fake:
        yield fake


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with running_fake_telegram() as fake:
        yield fake


def connect(monkeypatch: pytest.MonkeyPatch, **values: str) -> Settings:
    # Trying real channels locally: dev mode, chosen explicitly as credentials require.
    for name, value in {"mode": "dev", **values}.items():
        monkeypatch.setenv(f"WARMLINE_{name.upper()}", value)
    return load_settings()


def sms_in(base: str, auth_token: str, sid: str, body: str) -> httpx.Response:
    url = f"{base}/twilio/sms"
    form = {"MessageSid": sid, "AccountSid": "AC1", "From": PERSON, "To": OUR_NUMBER,
            "Body": body, "NumMedia": "0"}  # fmt: skip
    signature = RequestValidator(auth_token).compute_signature(url, form)
    return httpx.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=30)


def sms_out(twilio: FakeTwilio) -> list[str]:
    return [m["Body"] for m in twilio.messages if m["To"] == PERSON]


def telegram_out(telegram: FakeTelegram) -> list[str]:
    return [str(m["text"]) for m in telegram.sent if int(m["chat_id"]) == CHAT]


def test_sms_and_telegram_webhooks_reach_the_engine_and_answer_on_the_same_channel(
    system_settings: Settings,
    prepared_engine: PreparedEngine,
    twilio: FakeTwilio,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    settings = connect(
        monkeypatch,
        public_url=base,  # no proxy here: Twilio signs the address it calls
        twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token,
        twilio_from_number=OUR_NUMBER,
        twilio_api_base_url=twilio.url,
        telegram_bot_token=telegram.token,
        telegram_api_base_url=telegram.url,
        telegram_webhook_secret=SECRET,
    )
    system = start_system(settings, prepared_engine)
    try:
        assert sms_in(base, twilio.auth_token, "SM" + "1" * 32, "hey").status_code == 200
        wait_for(lambda: sms_out(twilio) == [FIRST_GREETING], 60, "the SMS greeting")

        update = message_update(5001, CHAT, text="hey")
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        answer = httpx.post(f"{base}/telegram/webhook", json=update, headers=headers, timeout=30)
        assert answer.status_code == 200
        wait_for(lambda: telegram_out(telegram) == [FIRST_GREETING], 60, "the Telegram greeting")

        # A crisis over SMS is answered by the gateway itself, on the same channel.
        assert sms_in(base, twilio.auth_token, "SM" + "2" * 32, "i want to die").status_code == 200
        crisis = opening_for("i want to die", system_settings)
        wait_for(lambda: sms_out(twilio)[1:] == crisis, 60, "the SMS crisis reply")
    finally:
        system.stop()
    assert telegram.webhook is not None  # registered at start-up, with its secret
    assert telegram.webhook.get("secret_token") == SECRET


def test_telegram_polling_reaches_the_engine_and_answers_in_the_chat(
    system_settings: Settings,
    prepared_engine: PreparedEngine,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = connect(
        monkeypatch, telegram_bot_token=telegram.token, telegram_api_base_url=telegram.url
    )
    system = start_system(settings, prepared_engine)
    try:
        # Queued once everything is up: a message polled while the engine is still loading
        # gets the holding reply first (tested in test_engine_outage.py).
        telegram.queue(message_update(telegram.next_update_id(), CHAT, text="hey"))
        wait_for(lambda: telegram_out(telegram) == [FIRST_GREETING], 60, "the polled greeting")
    finally:
        system.stop()
