"""Sending from a pool of numbers: each person always hears from the same number, and each
number is paced on its own, so a wave of check-ups goes out faster than from one long code."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from pydantic import ValidationError

from channels.pacing import Pacing
from core.settings import Settings
from tests.channels.conftest import Run
from tests.channels.pacing_helpers import FakeTime
from tests.channels.twilio_sms.conftest import SmsChannels
from tests.fakes.twilio_api import FakeTwilio

POOL = ("+13125550101", "+13125550102", "+13125550103")
PEOPLE = [f"tel:+1773555{n:04d}" for n in range(30)]


def test_each_person_hears_from_one_number_of_the_pool(
    run: Run[Any], sms_channels: SmsChannels, fake_twilio: FakeTwilio
) -> None:
    channel = sms_channels(from_number="", number_pool=POOL)

    async def twice_each() -> None:
        for _ in range(2):
            for person in PEOPLE:
                await channel.send(person, "time for a check-in")

    run(twice_each())

    senders: dict[str, set[str]] = {}
    for message in fake_twilio.messages:
        senders.setdefault(message["To"], set()).add(message["From"])
    assert all(len(numbers) == 1 for numbers in senders.values())
    assert set().union(*senders.values()) == set(POOL)  # thirty people spread over all three


def test_each_number_of_the_pool_is_paced_on_its_own(
    run: Run[Any], sms_channels: SmsChannels, fake_twilio: FakeTwilio
) -> None:
    time = FakeTime()
    channel = sms_channels(from_number="", number_pool=POOL, pacer=time.pacer(Pacing(overall=1)))

    async def wave() -> float:
        for person in PEOPLE:
            await channel.send(person, "time for a check-in")
        return time.now

    took = run(wave())

    per_number = Counter(message["From"] for message in fake_twilio.messages)
    assert sum(per_number.values()) == len(PEOPLE)
    # One long code at 1 a second would take 29 s for thirty; each number keeps its own pace.
    assert max(per_number.values()) - 1 <= took < len(PEOPLE) - 1


def test_a_pool_number_that_is_not_e164_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match=r"E\.164"):
        Settings(twilio_number_pool="+13125550101, 312-555-0102")
    assert Settings(twilio_number_pool=" +13125550101 ,+13125550102").twilio_number_pool_list == [
        "+13125550101",
        "+13125550102",
    ]
