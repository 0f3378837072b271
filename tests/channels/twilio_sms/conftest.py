"""Fixtures for the SMS channel: the fake Twilio API, and channels pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from channels.twilio_sms import TwilioSmsChannel
from tests.channels.conftest import Run
from tests.fakes.twilio_api import FakeTwilio, running_fake_twilio

FROM_NUMBER = "+15550001111"
PARTICIPANT = "tel:+15557654321"

SmsChannels = Callable[..., TwilioSmsChannel]


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with running_fake_twilio() as fake:
        yield fake


@pytest.fixture
def sms_channels(run: Run[Any], fake_twilio: FakeTwilio) -> Iterator[SmsChannels]:
    """Makes channels that talk to the fake, closing their connection pools on the test's loop."""
    made: list[TwilioSmsChannel] = []

    def make(**overrides: Any) -> TwilioSmsChannel:
        options: dict[str, Any] = {
            "account_sid": fake_twilio.account_sid,
            "auth_token": fake_twilio.auth_token,
            "from_number": FROM_NUMBER,
            "api_base_url": fake_twilio.url,
        }
        made.append(TwilioSmsChannel(**(options | overrides)))
        return made[-1]

    yield make
    for channel in made:
        run(channel.aclose())
