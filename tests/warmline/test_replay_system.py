"""The replay's own system: whatever the environment says, it reaches no real channel,
database, public URL or peer."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import DEV_ROSTER, load_settings
from warmline.replay_system import replay_env

REAL = {
    "WARMLINE_MODE": "production",
    "WARMLINE_DATABASE_URL": "postgresql://warmline@db.example/warmline",
    "WARMLINE_PUBLIC_URL": "https://warmline.example",
    "WARMLINE_TELEGRAM_BOT_TOKEN": "123456:a-real-bot-token",
    "WARMLINE_TWILIO_ACCOUNT_SID": "AC0123456789",
    "WARMLINE_TWILIO_AUTH_TOKEN": "a-real-auth-token",
    "WARMLINE_ONCALL_ROSTER": '[{"name": "Pat", "token": "0123456789abcdef"}]',
}


def test_the_replays_own_system_reaches_nothing_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {**REAL, **replay_env(tmp_path / "data")}.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.dev
    assert not settings.has_channel_credentials
    assert settings.app_database_url == f"sqlite:///{tmp_path / 'data' / 'warmline.db'}"
    assert settings.base_url == f"http://127.0.0.1:{settings.app_port}"
    assert settings.roster == DEV_ROSTER
