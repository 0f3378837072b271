"""The run command says which channels are connected, and how, or what would connect them."""

from __future__ import annotations

from typing import Any

import pytest

from core.settings import load_settings
from warmline.assembly import channel_summary

TWILIO = {"twilio_account_sid": "AC" + "0" * 32, "twilio_auth_token": "t" * 32}
TELEGRAM = {"telegram_bot_token": "123:abc"}
DEV_WARNING = "dev mode with real channels: the simulator and the dev peer tokens are open"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, ["SMS: not connected", "Telegram: not connected", "running with the text simulator"]),
        (TWILIO, ["SMS (Twilio): connected", "Telegram: not connected", DEV_WARNING]),
        (TELEGRAM, ["SMS: not connected", "Telegram: connected by polling", DEV_WARNING]),
        (
            {**TWILIO, **TELEGRAM, "public_url": "https://w.example.org",
             "telegram_webhook_secret": "s3cret"},
            ["SMS (Twilio): connected; Twilio's messaging webhook: https://w.example.org/twilio/sms",
             "Telegram: connected by webhook at https://w.example.org/telegram/webhook",
             DEV_WARNING],
        ),
    ],
)  # fmt: skip
def test_the_summary_names_each_channel_and_how_it_is_connected(
    overrides: dict[str, Any], expected: list[str]
) -> None:
    lines = channel_summary(load_settings(mode="dev", **overrides))

    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)


def test_production_with_real_channels_gives_no_dev_warning() -> None:
    settings = load_settings(
        mode="production",
        engine_token="e" * 32,
        oncall_roster=[
            {"name": "P", "token": "p" * 20},
            {"name": "S", "token": "s" * 20, "supervisor": True},
        ],
        **TWILIO,
    )

    assert channel_summary(settings) == [
        "SMS (Twilio): connected; Twilio's messaging webhook: http://127.0.0.1:8000/twilio/sms",
        "Telegram: not connected (set WARMLINE_TELEGRAM_BOT_TOKEN)",
    ]
