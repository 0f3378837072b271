"""The three child specs and the engine's endpoints.yml, built from settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from core.settings import PROJECT_ROOT, load_settings
from warmline.actions_secret import actions_secret
from warmline.engine_env import EngineInstall
from warmline.processes import (
    actions_spec,
    app_spec,
    engine_spec,
    tracker_store_config,
    write_endpoints,
)
from warmline.supervisor import STOP_GRACE_SECONDS

TOKEN = "a-test-engine-token-0123456789"


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_a_sqlite_tracker_url_gives_the_sqlite_dialect_and_db_path(tmp_path: Path) -> None:
    config = tracker_store_config(f"sqlite:///{tmp_path / 'tracker.db'}")

    assert config == {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "tracker.db")}


def test_a_relative_sqlite_tracker_path_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    assert tracker_store_config("sqlite:///var/tracker.db")["db"] == str(
        tmp_path / "var/tracker.db"
    )


def test_a_postgresql_tracker_url_gives_the_postgresql_dialect_and_its_parts() -> None:
    config = tracker_store_config("postgresql+psycopg://rasa:s3cr%40t@db.internal:6543/tracker")

    assert config == {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "db.internal",
        "port": 6543,
        "db": "tracker",
        "username": "rasa",
        "password": "s3cr@t",
    }


def test_a_postgresql_tracker_url_without_port_or_password_uses_the_defaults() -> None:
    config = tracker_store_config("postgresql://rasa@db.internal/tracker")

    assert (config["port"], "password" in config) == (5432, False)


def test_endpoints_are_written_for_the_owner_only(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, actions_port=5999)

    path = write_endpoints(settings)

    assert path == tmp_path / "engine" / "endpoints.yml"
    secret = (tmp_path / "actions.secret").read_text(encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {
        "action_endpoint": {
            "url": "http://127.0.0.1:5999/webhook",
            "headers": {"X-Warmline-Actions-Secret": secret},
        },
        "tracker_store": {
            "type": "SQL",
            "dialect": "sqlite",
            "db": f"{tmp_path}/engine-tracker.db",
        },
        "nlg": {"type": "varied_responses.VariedResponses"},
    }
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "actions.secret").stat().st_mode & 0o777 == 0o600
    assert len(secret) >= 32


def test_the_actions_secret_is_made_once_per_data_folder(tmp_path: Path) -> None:
    first = actions_secret(load_settings(data_dir=tmp_path / "one"))

    again = actions_secret(load_settings(data_dir=tmp_path / "one"))
    other = actions_secret(load_settings(data_dir=tmp_path / "two"))

    assert (again == first, other == first) == (True, False)
    assert list((tmp_path / "one").iterdir()) == [tmp_path / "one" / "actions.secret"]


def test_an_existing_endpoints_file_readable_by_others_is_made_owner_only(tmp_path: Path) -> None:
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "endpoints.yml").write_text("old: true\n", encoding="utf-8")
    (tmp_path / "engine" / "endpoints.yml").chmod(0o644)

    path = write_endpoints(load_settings(data_dir=tmp_path))

    assert path.stat().st_mode & 0o777 == 0o600


def test_the_engine_listens_on_loopback_only_with_its_auth_token(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path, public_host="0.0.0.0", engine_port=5123, engine_token=TOKEN
    )
    install = EngineInstall(tmp_path / "venv" / "bin" / "python")

    spec = engine_spec(settings, install, tmp_path / "model.tar.gz")

    assert spec.argv[:2] == [str(tmp_path / "venv" / "bin" / "rasa"), "run"]
    assert option(spec.argv, "--interface") == "127.0.0.1"
    assert option(spec.argv, "--auth-token") == TOKEN
    assert option(spec.argv, "--port") == "5123"
    assert option(spec.argv, "--model") == str(tmp_path / "model.tar.gz")
    assert option(spec.argv, "--endpoints") == str(tmp_path / "engine" / "endpoints.yml")
    assert spec.ready_url == "http://127.0.0.1:5123/"
    assert spec.env is not None
    assert spec.env["RASA_TELEMETRY_ENABLED"] == "false"


def test_a_relative_data_dir_is_the_same_folder_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    settings = load_settings(data_dir=Path(os.path.relpath(tmp_path / "state", PROJECT_ROOT)))

    spec = engine_spec(settings, EngineInstall(tmp_path / "python"), tmp_path / "model.tar.gz")

    endpoints = Path(option(spec.argv, "--endpoints"))
    assert (endpoints, spec.cwd, endpoints.exists()) == (
        tmp_path / "state" / "engine" / "endpoints.yml",
        tmp_path / "state" / "engine",
        True,
    )


def test_the_app_spec_is_ready_on_the_app_port(tmp_path: Path) -> None:
    spec = app_spec(load_settings(data_dir=tmp_path, app_port=8123, public_host="0.0.0.0"))

    assert (spec.name, spec.ready_url) == ("app", "http://127.0.0.1:8123/healthz")
    assert (option(spec.argv, "--host"), option(spec.argv, "--port")) == ("0.0.0.0", "8123")


def test_the_app_closes_open_live_streams_before_the_supervisor_would_kill_it(
    tmp_path: Path,
) -> None:
    spec = app_spec(load_settings(data_dir=tmp_path))

    assert 0 < float(option(spec.argv, "--timeout-graceful-shutdown")) < STOP_GRACE_SECONDS


def test_the_action_server_spec_is_ready_on_the_actions_port(tmp_path: Path) -> None:
    spec = actions_spec(load_settings(data_dir=tmp_path, actions_port=5123))

    assert (spec.name, spec.ready_url) == ("action server", "http://127.0.0.1:5123/health")
    assert spec.argv[1:3] == ["-m", "warmline.action_server"]
    assert option(spec.argv, "--port") == "5123"
