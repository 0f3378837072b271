"""Telegram's mode follows the settings: a public URL means webhook, and then a secret is due."""

from __future__ import annotations

import pytest

from core.settings import SettingsError, load_settings

TOKEN = "7000000001:token"


def test_a_bot_token_without_a_public_url_polls() -> None:
    settings = load_settings(mode="dev", telegram_bot_token=TOKEN, public_url="")

    assert settings.telegram_uses_webhook is False


def test_a_bot_token_with_a_public_url_uses_the_webhook_and_its_secret() -> None:
    settings = load_settings(
        mode="dev",
        telegram_bot_token=TOKEN,
        public_url="https://w.example",
        telegram_webhook_secret="s3cr-et_",
    )

    assert settings.telegram_uses_webhook is True
    assert "s3cr-et_" not in repr(settings)


@pytest.mark.parametrize("secret", [None, ""])
def test_webhook_mode_without_a_secret_stops_start_up_naming_the_variable(
    secret: str | None,
) -> None:
    with pytest.raises(SettingsError, match="WARMLINE_TELEGRAM_WEBHOOK_SECRET must be set"):
        load_settings(
            mode="dev",
            telegram_bot_token=TOKEN,
            public_url="https://w.example",
            telegram_webhook_secret=secret,
        )


@pytest.mark.parametrize("secret", ["has space", "x" * 257, "semi;colon"])
def test_a_secret_telegram_would_refuse_stops_start_up(secret: str) -> None:
    with pytest.raises(SettingsError, match="1-256 letters, digits"):
        load_settings(telegram_webhook_secret=secret)


def test_an_empty_bot_token_connects_no_telegram_at_all() -> None:
    settings = load_settings(telegram_bot_token="", public_url="https://w.example")

    assert settings.telegram_uses_webhook is False
