"""Fixtures for the Telegram channel: the fake Bot API, and channels pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from channels.telegram import TelegramChannel
from tests.channels.conftest import Run
from tests.fakes.telegram_api import FakeTelegram, running_fake_telegram

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
