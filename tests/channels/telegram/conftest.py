"""Fixtures for the Telegram channel: the fake Bot API, channels pointed at it, and the whole
app with Telegram connected by webhook or by polling."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from channels.telegram import TelegramChannel
from core.settings import Settings, load_settings
from store.db import Database
from tests.channels.conftest import Run
from tests.fakes.engine import FakeEngine
from tests.fakes.telegram_api import FakeTelegram, running_fake_telegram
from warmline.app import create_app

TelegramChannels = Callable[..., TelegramChannel]


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    with running_fake_telegram() as fake:
        yield fake


@pytest.fixture
def telegram_channels(run: Run[Any], fake_telegram: FakeTelegram) -> Iterator[TelegramChannels]:
    """Makes channels that talk to the fake, shutting their bots down on the test's loop."""
    made: list[TelegramChannel] = []

    def make(**overrides: Any) -> TelegramChannel:
        options: dict[str, Any] = {
            "bot_token": fake_telegram.token,
            "api_base_url": fake_telegram.url,
        }
        made.append(TelegramChannel(**(options | overrides)))
        return made[-1]

    yield make
    for channel in made:
        run(channel.aclose())


# --- The whole app, with Telegram by webhook or by polling, against the fakes ----------------

SECRET = "webhook-secret_0123456789"
PUBLIC_URL = "https://warmline.example"
TelegramApp = Callable[..., TestClient]


def eventually(check: Callable[[], object], seconds: float = 10) -> None:
    """Waits for what the app does in the background (answering, polling) to be done."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        time.sleep(0.02)


def telegram_settings(
    db: Database, tmp_path: Path, engine: FakeEngine, fake: FakeTelegram, **extra: Any
) -> Settings:
    return load_settings(
        mode="dev",
        data_dir=tmp_path,
        database_url=db.url,
        engine_url=engine.url,
        telegram_bot_token=fake.token,
        telegram_api_base_url=fake.url,
        **extra,
    )


@pytest.fixture
def telegram_app(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_telegram: FakeTelegram
) -> Iterator[TelegramApp]:
    """Starts the real app; `webhook=True` gives it a public URL and the secret, else it polls."""
    with contextlib.ExitStack() as stack:

        def start(*, webhook: bool) -> TestClient:
            extra: dict[str, Any] = (
                {"public_url": PUBLIC_URL, "telegram_webhook_secret": SECRET} if webhook else {}
            )
            settings = telegram_settings(db, tmp_path, fake_engine, fake_telegram, **extra)
            return stack.enter_context(TestClient(create_app(settings)))

        yield start


@pytest.fixture
def webhook_client(telegram_app: TelegramApp, fake_telegram: FakeTelegram) -> TestClient:
    client = telegram_app(webhook=True)
    eventually(lambda: fake_telegram.webhook is not None)  # registered at start-up
    return client
