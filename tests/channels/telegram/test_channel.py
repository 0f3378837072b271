"""The Telegram channel against the fake Bot API, through python-telegram-bot over HTTP."""

from __future__ import annotations

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
from channels.telegram import TelegramChannel, TelegramRateLimited
from tests.channels.conftest import Run
from tests.channels.telegram.conftest import TelegramChannels
from tests.fakes.engine import free_port
from tests.fakes.telegram_api import BLOCKED, CHAT_NOT_FOUND, FakeTelegram

PARTICIPANT = "telegram:123456789"


def test_send_returns_the_message_id_as_a_string(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    message_id = run(telegram_channels().send(PARTICIPANT, "How are you doing today?"))

    assert message_id == "1"
    assert fake_telegram.sent == [{"chat_id": "123456789", "text": "How are you doing today?"}]


def test_the_bot_is_initialised_once_for_many_sends(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    channel = telegram_channels()

    ids = [run(channel.send(PARTICIPANT, f"message {n}")) for n in range(3)]

    assert (ids, fake_telegram.get_me_calls) == (["1", "2", "3"], 1)


@pytest.mark.parametrize(
    ("status", "description", "expected"),
    [
        (403, BLOCKED, RecipientOptedOut),
        (403, "Forbidden: user is deactivated", RecipientOptedOut),
        (403, "Forbidden: bot was kicked from the group chat", PermanentSendError),
        (400, CHAT_NOT_FOUND, PermanentSendError),
        (400, "Bad Request: message is too long", PermanentSendError),
        (500, "Internal Server Error", RetryableSendError),
        (502, "Bad Gateway", RetryableSendError),
    ],
)
def test_bot_api_errors_map_to_send_policy(
    run: Run[Any],
    fake_telegram: FakeTelegram,
    telegram_channels: TelegramChannels,
    status: int,
    description: str,
    expected: type[SendError],
) -> None:
    fake_telegram.fail_next(status, description)

    with pytest.raises(SendError) as caught:
        run(telegram_channels().send(PARTICIPANT, "hello"))

    assert type(caught.value) is expected


def test_flood_control_is_retryable_after_the_seconds_telegram_gives(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    fake_telegram.fail_next(429, "Too Many Requests: retry after 3", retry_after=3)

    with pytest.raises(TelegramRateLimited) as caught:
        run(telegram_channels().send(PARTICIPANT, "hello"))

    assert (caught.value.retryable, caught.value.retry_after) == (True, 3.0)
    assert isinstance(caught.value, RetryableSendError)


def test_network_down_is_retryable(run: Run[Any], telegram_channels: TelegramChannels) -> None:
    closed = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(SendError) as caught:
        run(telegram_channels(api_base_url=closed).send(PARTICIPANT, "hello"))

    assert type(caught.value) is RetryableSendError


def test_a_rejected_token_is_permanent_and_kept_out_of_the_reason(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    wrong = "7000000001:not-the-right-token"

    with pytest.raises(SendError) as caught:
        run(telegram_channels(bot_token=wrong).send(PARTICIPANT, "hello"))

    assert type(caught.value) is PermanentSendError
    assert (wrong in str(caught.value), caught.value.__cause__) == (False, None)
    assert fake_telegram.sent == []


@pytest.mark.parametrize("address", ["tel:+15557654321", "telegram:abc", "123456789"])
def test_an_address_that_is_not_a_telegram_chat_is_permanent(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels, address: str
) -> None:
    with pytest.raises(SendError) as caught:
        run(telegram_channels().send(address, "hello"))

    assert (type(caught.value), fake_telegram.sent) == (PermanentSendError, [])


def test_render_leaves_the_choices_to_the_keyboard() -> None:
    channel = TelegramChannel("7000000001:token")
    reply = Reply("How\u2019s today?", (Button("Good", "/good"), Button("Rough", "/rough")))

    assert channel.render(reply) == "How\u2019s today?"


def test_buttons_are_sent_as_an_inline_keyboard_one_a_row(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    buttons = (Button("Good", "/mood_good"), Button("Rough", "/mood_rough"))

    run(telegram_channels().send(PARTICIPANT, "How\u2019s today?", buttons=buttons))

    assert fake_telegram.sent[0]["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Good", "callback_data": "/mood_good"}],
            [{"text": "Rough", "callback_data": "/mood_rough"}],
        ]
    }


def test_a_payload_over_64_bytes_is_sent_as_the_button_title_cut_to_fit(
    run: Run[Any],
    fake_telegram: FakeTelegram,
    telegram_channels: TelegramChannels,
    caplog: pytest.LogCaptureFixture,
) -> None:
    long_payload = '/share_resource{"resource": "' + "x" * 64 + '"}'
    buttons = (Button("Yes, send it", long_payload), Button("\u00e9" * 40, "z" * 65))

    run(telegram_channels().send(PARTICIPANT, "Want the list?", buttons=buttons))

    rows = fake_telegram.sent[0]["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in rows] == ["Yes, send it", "\u00e9" * 32]
    assert "over 64 bytes" in caplog.text


def test_a_reply_without_buttons_has_no_keyboard(
    run: Run[Any], fake_telegram: FakeTelegram, telegram_channels: TelegramChannels
) -> None:
    run(telegram_channels().send(PARTICIPANT, "Take care."))

    assert "reply_markup" not in fake_telegram.sent[0]
