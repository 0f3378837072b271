"""The SMS channel paces its sender by segments, the unit a long code's rate counts."""

from __future__ import annotations

from typing import Any

from channels.pacing import Pacing
from tests.channels.conftest import Run
from tests.channels.pacing_helpers import FakeTime
from tests.channels.twilio_sms.conftest import PARTICIPANT, SmsChannels
from tests.fakes.twilio_api import FakeTwilio


def test_each_segment_takes_a_slot_of_the_senders_rate(
    run: Run[Any], sms_channels: SmsChannels, fake_twilio: FakeTwilio
) -> None:
    time = FakeTime()
    channel = sms_channels(pacer=time.pacer(Pacing(overall=1.0)))

    async def send_two() -> list[float]:
        await channel.send(PARTICIPANT, "a" * 200)  # two segments: slots at 0 and 1
        await channel.send(PARTICIPANT, "and one more")
        return [time.now]

    assert run(send_two()) == [2.0]
    assert len(fake_twilio.messages) == 2
