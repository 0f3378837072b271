"""A whole system of its own: the Rasa engine with the trained model, the action server and the
app, in one data folder, on free ports, with its own engine token.

The end-to-end tests start one per test and the latency benchmark (bench/latency.py) one per
run, so neither touches the data, ports or engine of a system already running on the machine.
`warmline run` starts the one system a deployment has; this starts any number of them.
"""

from __future__ import annotations

import io
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from core.settings import Settings
from store.migrate import upgrade
from warmline.cli import prepare_engine
from warmline.engine_env import EngineInstall
from warmline.processes import actions_spec, app_spec, engine_spec
from warmline.supervisor import Supervisor


@dataclass(frozen=True)
class PreparedEngine:
    """The engine's environment and its trained model: set up once, shared by every system."""

    install: EngineInstall
    model: Path


def prepare(settings: Settings) -> PreparedEngine:
    """Installs the engine and trains the model if need be (or reuses the cached ones)."""
    install, model = prepare_engine(settings)
    return PreparedEngine(install, model)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def system_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The settings of one system, as the environment its processes read: its own data folder,
    ports and engine token; `extra` adds settings or overrides these."""
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


def start_system(settings: Settings, prepared: PreparedEngine) -> Supervisor:
    """Migrates the app database and starts the engine, the action server and the app; returns
    once all three answer. The caller stops them. The processes read their settings from the
    environment, so `settings` must be loaded from the environment they inherit."""
    upgrade(settings.app_database_url)
    specs = [
        engine_spec(settings, prepared.install, prepared.model),
        actions_spec(settings),
        app_spec(settings),
    ]
    group = Supervisor(specs, out=io.StringIO())
    group.start()
    return group
