"""The SMS channel against the fake Twilio API, through the real twilio SDK over HTTP."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from channels.base import (
    Button,
    PermanentSendError,
    RecipientOptedOut,
    Reply,
    RetryableSendError,
    SendError,
)
from channels.twilio_sms import TwilioSmsChannel
from channels.twilio_sms.text import split_on_words
from tests.channels.conftest import Run
from tests.channels.twilio_sms.conftest import FROM_NUMBER, PARTICIPANT, SmsChannels
from tests.fakes.engine import free_port
from tests.fakes.twilio_api import FakeTwilio

SERVICE_SID = "MG" + "a1" * 16


def test_send_reaches_twilio_with_to_from_and_body(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels
) -> None:
    sid = run(sms_channels().send(PARTICIPANT, "How are you doing today?"))

    assert fake_twilio.messages == [
        {"To": "+15557654321", "From": FROM_NUMBER, "Body": "How are you doing today?"}
    ]
    assert sid == fake_twilio.sids[0]


def test_a_messaging_service_sends_instead_of_the_from_number(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels
) -> None:
    run(sms_channels(messaging_service_sid=SERVICE_SID).send(PARTICIPANT, "hi"))

    assert fake_twilio.messages == [
        {"To": "+15557654321", "MessagingServiceSid": SERVICE_SID, "Body": "hi"}
    ]


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, 21610, RecipientOptedOut),  # the person texted STOP
        (400, 21211, PermanentSendError),  # invalid To number
        (400, 21614, PermanentSendError),  # not a mobile number
        (404, 20404, PermanentSendError),
        (429, 20429, RetryableSendError),
        (500, 20500, RetryableSendError),
        (503, 20503, RetryableSendError),
    ],
)
def test_twilio_errors_map_to_send_policy(
    run: Run[Any],
    fake_twilio: FakeTwilio,
    sms_channels: SmsChannels,
    status: int,
    code: int,
    expected: type[SendError],
) -> None:
    fake_twilio.fail_next(status, code)

    with pytest.raises(SendError) as caught:
        run(sms_channels().send(PARTICIPANT, "hello"))

    assert type(caught.value) is expected
    assert str(code) in str(caught.value)


def test_wrong_credentials_are_permanent(run: Run[Any], sms_channels: SmsChannels) -> None:
    with pytest.raises(SendError) as caught:
        run(sms_channels(auth_token="not-the-token").send(PARTICIPANT, "hello"))

    assert type(caught.value) is PermanentSendError
    assert "not-the-token" not in str(caught.value)


def test_unreachable_twilio_is_retryable(run: Run[Any], sms_channels: SmsChannels) -> None:
    closed = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(SendError) as caught:
        run(sms_channels(api_base_url=closed).send(PARTICIPANT, "hello"))

    assert type(caught.value) is RetryableSendError


def test_twilio_that_never_answers_times_out_as_retryable(
    run: Run[Any], sms_channels: SmsChannels
) -> None:
    with socket.socket() as silent:  # accepts connections (in the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"

        with pytest.raises(SendError) as caught:
            run(sms_channels(api_base_url=url, timeout_seconds=0.3).send(PARTICIPANT, "hi"))

    assert type(caught.value) is RetryableSendError


def test_long_text_goes_out_in_word_boundary_parts_in_order(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels
) -> None:
    text = " ".join(f"check-up{n}" for n in range(400))  # about 4,300 characters

    sid = run(sms_channels().send(PARTICIPANT, text))

    bodies = [message["Body"] for message in fake_twilio.messages]
    assert bodies == split_on_words(text)
    assert (len(bodies), max(len(b) for b in bodies) <= 1600) == (3, True)
    assert sid == fake_twilio.sids[-1]


def test_sent_text_is_made_gsm7_friendly(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels
) -> None:
    run(sms_channels().send(PARTICIPANT, "You\u2019re not alone\u2026"))

    assert [m["Body"] for m in fake_twilio.messages] == ["You're not alone..."]


@pytest.mark.parametrize("address", ["telegram:12345", "tel:555", "sms:+15557654321"])
def test_an_address_that_is_not_a_phone_number_is_permanent(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels, address: str
) -> None:
    with pytest.raises(SendError) as caught:
        run(sms_channels().send(address, "hello"))

    assert (type(caught.value), fake_twilio.messages) == (PermanentSendError, [])


def test_buttons_render_as_numbered_choices_in_gsm7() -> None:
    channel = TwilioSmsChannel("AC" + "0" * 32, "token", from_number=FROM_NUMBER)
    reply = Reply("How\u2019s today?", (Button("Good", "/good"), Button("Rough", "/rough")))

    assert channel.render(reply) == "How's today?\nReply 1 for Good, 2 for Rough."


@pytest.mark.parametrize(
    "options",
    [
        {"account_sid": "", "auth_token": "t", "from_number": FROM_NUMBER},
        {"account_sid": "AC1", "auth_token": "", "from_number": FROM_NUMBER},
        {"account_sid": "AC1", "auth_token": "t"},  # no sender
    ],
)
def test_incomplete_configuration_is_refused_at_start(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="Twilio needs"):
        TwilioSmsChannel(**options)
