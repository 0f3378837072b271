"""Settings: dev defaults, refused secrets outside dev, *_FILE secrets, errors that name the
variable, and secrets kept out of repr."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.settings import (
    DEV_ENGINE_TOKEN,
    PROJECT_ROOT,
    Mode,
    SettingsError,
    load_settings,
)

PRODUCTION_TOKEN = "a-production-token-0123456789"
PRODUCTION_ROSTER = json.dumps(
    [
        {"name": "Ana", "token": "ana-token-0123456789", "phone": "+15551230001"},
        {"name": "Sam", "token": "sam-token-0123456789", "supervisor": True},
    ]
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No WARMLINE_* variable from the caller's shell, and no .env from the repository."""
    for name in list(os.environ):
        if name.startswith("WARMLINE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    # Production needs someone on call; tests about other settings get a valid roster.
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", PRODUCTION_ROSTER)


def test_defaults_are_dev_mode_with_local_state_in_var() -> None:
    settings = load_settings()

    assert (settings.mode, settings.dev, settings.data_dir) == (
        Mode.DEV,
        True,
        PROJECT_ROOT / "var",
    )


def test_app_and_tracker_databases_default_to_different_sqlite_files_in_data_dir(
    tmp_path: Path,
) -> None:
    settings = load_settings(data_dir=tmp_path)

    assert settings.app_database_url == f"sqlite:///{tmp_path / 'warmline.db'}"
    assert settings.tracker_database_url == f"sqlite:///{tmp_path / 'engine-tracker.db'}"
    assert settings.app_database_url != settings.tracker_database_url


def test_configured_database_urls_replace_the_sqlite_defaults() -> None:
    settings = load_settings(
        database_url="postgresql://app@db/warmline", engine_tracker_url="postgresql://e@db/t"
    )

    assert (settings.app_database_url, settings.tracker_database_url) == (
        "postgresql://app@db/warmline",
        "postgresql://e@db/t",
    )


def test_dev_mode_without_a_token_uses_the_dev_token() -> None:
    assert load_settings().engine_token_value == DEV_ENGINE_TOKEN


@pytest.mark.parametrize(
    "token",
    [None, "", "too-short", DEV_ENGINE_TOKEN],
    ids=["missing", "empty", "too-short", "dev-token"],
)
def test_production_mode_refuses_a_missing_short_or_dev_token(
    monkeypatch: pytest.MonkeyPatch, token: str | None
) -> None:
    monkeypatch.setenv("WARMLINE_MODE", "production")
    if token is not None:
        monkeypatch.setenv("WARMLINE_ENGINE_TOKEN", token)

    with pytest.raises(SettingsError, match="WARMLINE_ENGINE_TOKEN"):
        load_settings()


def test_production_mode_accepts_a_long_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMLINE_MODE", "production")
    monkeypatch.setenv("WARMLINE_ENGINE_TOKEN", PRODUCTION_TOKEN)

    settings = load_settings()

    assert (settings.dev, settings.engine_token_value) == (False, PRODUCTION_TOKEN)


def test_secret_is_read_from_the_file_named_by_its_file_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "engine_token"
    secret.write_text(f"{PRODUCTION_TOKEN}\n", encoding="utf-8")
    monkeypatch.setenv("WARMLINE_MODE", "production")
    monkeypatch.setenv("WARMLINE_ENGINE_TOKEN_FILE", str(secret))

    assert load_settings().engine_token_value == PRODUCTION_TOKEN


@pytest.mark.parametrize("target", ["missing-file", "a-directory"])
def test_unreadable_secret_file_is_an_error_naming_the_file_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, target: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    monkeypatch.setenv("WARMLINE_ENGINE_TOKEN_FILE", str(tmp_path / target))

    with pytest.raises(SettingsError, match="WARMLINE_ENGINE_TOKEN_FILE"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("APP_PORT", "notaport"),
        ("APP_PORT", "70000"),
        ("MODE", "staging"),
        ("LOG_LEVEL", "loud"),
        ("ENGINE_TIMEOUT_SECONDS", "0"),
        ("OUTBOX_MAX_ATTEMPTS", "0"),
        ("MAX_MESSAGE_CHARS", "100"),
    ],
)
def test_invalid_value_is_an_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(f"WARMLINE_{name}", value)

    with pytest.raises(SettingsError, match=f"WARMLINE_{name}"):
        load_settings()


def test_environment_is_read_with_the_warmline_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMLINE_APP_PORT", "9000")
    monkeypatch.setenv("APP_PORT", "9999")

    assert load_settings().app_port == 9000


def test_dotenv_in_working_directory_is_read_and_environment_wins_over_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        "WARMLINE_APP_PORT=8123\nWARMLINE_ACTIONS_PORT=5123\n", encoding="utf-8"
    )
    monkeypatch.setenv("WARMLINE_ACTIONS_PORT", "5999")

    settings = load_settings()

    assert (settings.app_port, settings.actions_port) == (8123, 5999)


def test_explicit_override_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMLINE_APP_PORT", "9000")

    assert load_settings(app_port=9100).app_port == 9100


@pytest.mark.parametrize(
    ("field", "value", "secret"),
    [
        ("engine_token", PRODUCTION_TOKEN, PRODUCTION_TOKEN),
        ("database_url", "postgresql://warmline:db-pa55word@db/warmline", "db-pa55word"),
        ("engine_tracker_url", "postgresql://rasa:db-pa55word@db/tracker", "db-pa55word"),
    ],
)
def test_secrets_do_not_appear_in_repr_or_str(
    monkeypatch: pytest.MonkeyPatch, field: str, value: str, secret: str
) -> None:
    monkeypatch.setenv(f"WARMLINE_{field.upper()}", value)
    settings = load_settings()

    assert (secret in repr(settings), secret in str(settings)) == (False, False)


def production_roster(*peers: dict[str, object]) -> str:
    return json.dumps(list(peers))


@pytest.mark.parametrize(
    "roster",
    [
        production_roster(),
        production_roster({"name": "Ana", "token": "ana-token-0123456789"}),
        production_roster({"name": "Sam", "token": "sam-token-0123456789", "supervisor": True}),
        production_roster(
            {"name": "Ana", "token": "short"},
            {"name": "Sam", "token": "sam-token-0123456789", "supervisor": True},
        ),
    ],
    ids=["empty", "no-supervisor", "no-peer", "short-token"],
)
def test_production_needs_a_peer_and_a_supervisor_with_real_tokens(
    monkeypatch: pytest.MonkeyPatch, roster: str
) -> None:
    monkeypatch.setenv("WARMLINE_MODE", "production")
    monkeypatch.setenv("WARMLINE_ENGINE_TOKEN", PRODUCTION_TOKEN)
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", roster)

    with pytest.raises(SettingsError, match="WARMLINE_ONCALL_ROSTER"):
        load_settings()


def test_dev_mode_without_a_roster_alerts_the_dev_peers_in_the_simulator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WARMLINE_ONCALL_ROSTER")

    roster = load_settings().roster

    assert [(p.name, p.supervisor, p.alert_addresses) for p in roster] == [
        ("Dev Peer", False, ["sim:peer"]),
        ("Dev Supervisor", True, ["sim:supervisor"]),
    ]


def test_roster_tokens_stay_out_of_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()

    assert "ana-token" not in repr(settings)
    assert [p.alert_addresses for p in settings.roster] == [["tel:+15551230001"], []]


@pytest.mark.parametrize(
    "credentials",
    [
        {"twilio_account_sid": "AC" + "0" * 32, "twilio_auth_token": "a" * 32},
        {"telegram_bot_token": "7000000001:token"},
    ],
)
def test_channel_credentials_without_a_chosen_mode_stop_start_up(
    credentials: dict[str, str],
) -> None:
    with pytest.raises(SettingsError, match="channel credentials are set, so choose WARMLINE_MODE"):
        load_settings(**credentials)


def test_channel_credentials_with_dev_mode_chosen_in_the_environment_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WARMLINE_MODE", "dev")

    settings = load_settings(telegram_bot_token="7000000001:token")

    assert settings.dev is True


def test_without_channel_credentials_dev_mode_is_the_default() -> None:
    assert load_settings().dev is True
