"""A system of its own, for the end-to-end tests and the latency benchmark: its settings and its
start (the processes themselves are started by the engine tests in tests/e2e)."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from core.settings import Settings, load_settings
from warmline import isolated
from warmline.engine_env import EngineInstall
from warmline.isolated import PreparedEngine, free_port, start_system, system_env
from warmline.processes import ChildSpec


def settings_from(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_a_free_port_can_be_listened_on() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", free_port()))


def test_each_system_has_its_own_data_folder_ports_and_engine_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = system_env(tmp_path / "one"), system_env(tmp_path / "two")

    settings = settings_from(first, monkeypatch)

    assert settings.data_dir == tmp_path / "one"
    assert settings.app_database_url == f"sqlite:///{tmp_path / 'one' / 'warmline.db'}"
    assert settings.engine_url == f"http://127.0.0.1:{settings.engine_port}"
    ports = {settings.app_port, settings.engine_port, settings.actions_port}
    assert len(ports) == 3
    assert first["WARMLINE_ENGINE_TOKEN"] != second["WARMLINE_ENGINE_TOKEN"]
    assert first["WARMLINE_DATA_DIR"] != second["WARMLINE_DATA_DIR"]


def test_extra_settings_are_added_and_override_the_defaults(tmp_path: Path) -> None:
    env = system_env(tmp_path, WARMLINE_LOG_LEVEL="DEBUG", WARMLINE_MODE="dev")

    assert (env["WARMLINE_LOG_LEVEL"], env["WARMLINE_MODE"]) == ("DEBUG", "dev")


class RecordingSupervisor:
    """Stands in for the supervisor: records what it was asked to start."""

    def __init__(self, specs: list[ChildSpec], out: io.StringIO) -> None:
        self.specs = specs
        self.started = False

    def start(self) -> None:
        self.started = True


def test_starting_a_system_migrates_its_database_then_starts_engine_actions_and_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_from(system_env(tmp_path / "data"), monkeypatch)
    monkeypatch.setattr(isolated, "Supervisor", RecordingSupervisor)
    prepared = PreparedEngine(EngineInstall(tmp_path / "engine" / "python"), tmp_path / "m.tar.gz")

    group = start_system(settings, prepared)

    assert isinstance(group, RecordingSupervisor)
    assert [spec.name for spec in group.specs] == ["engine", "action server", "app"]
    assert group.started
    engine = create_engine(settings.app_database_url)
    try:
        assert "alembic_version" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_preparing_gives_the_engine_install_and_model_the_set_up_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install, model = EngineInstall(tmp_path / "python"), tmp_path / "model.tar.gz"
    asked: list[Settings] = []

    def prepare_engine(settings: Settings) -> tuple[EngineInstall, Path]:
        asked.append(settings)
        return install, model

    monkeypatch.setattr(isolated, "prepare_engine", prepare_engine)
    settings = settings_from(system_env(tmp_path / "data"), monkeypatch)

    assert isolated.prepare(settings) == PreparedEngine(install, model)
    assert asked == [settings]
