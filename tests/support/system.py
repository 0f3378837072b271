"""Helpers for running the real system in tests and the benchmark: the Rasa 3.6 engine with the
trained model (trained once, or reused from the cache keyed by bot/), the rasa-sdk action server
and the app, each system isolated in its own data folder, ports and token."""

from __future__ import annotations

import io
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from core.settings import Settings, load_settings
from store.migrate import upgrade
from tests.fakes.engine import free_port
from warmline.cli import prepare_engine
from warmline.engine_env import EngineInstall
from warmline.processes import actions_spec, app_spec, engine_spec
from warmline.supervisor import Supervisor


@dataclass(frozen=True)
class PreparedEngine:
    install: EngineInstall
    model: Path


def prepare() -> PreparedEngine:
    install, model = prepare_engine(load_settings())
    return PreparedEngine(install, model)


def system_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Settings for one isolated system: its own data folder, ports and engine token."""
    env = {
        "WARMLINE_DATA_DIR": str(data_dir),
        "WARMLINE_APP_PORT": str(free_port()),
        "WARMLINE_ENGINE_PORT": str(free_port()),
        "WARMLINE_ACTIONS_PORT": str(free_port()),
        "WARMLINE_ENGINE_TOKEN": secrets.token_hex(16),
        "WARMLINE_LOG_LEVEL": "WARNING",
    }
    env["WARMLINE_ENGINE_URL"] = f"http://127.0.0.1:{env['WARMLINE_ENGINE_PORT']}"
    env.update(extra)
    return env


def chat(base_url: str, sender: str, text: str) -> list[str]:
    response = httpx.post(f"{base_url}/dev/chat", json={"from": sender, "text": text}, timeout=60)
    assert response.status_code == 200, response.text
    replies: list[str] = response.json()["replies"]
    return replies


def conversation(base_url: str, sender: str) -> list[tuple[str, str]]:
    response = httpx.get(f"{base_url}/dev/conversation", params={"name": sender}, timeout=10)
    return [(m["direction"], m["text"]) for m in response.json()["messages"]]


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def start_system(settings: Settings, prepared: PreparedEngine) -> Supervisor:
    """Migrates the app database and starts the engine, the action server and the app; returns
    once all three answer. The caller stops them."""
    upgrade(settings.app_database_url)
    specs = [
        engine_spec(settings, prepared.install, prepared.model),
        actions_spec(settings),
        app_spec(settings),
    ]
    group = Supervisor(specs, out=io.StringIO())
    group.start()
    return group
