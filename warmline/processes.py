"""The three processes of a running warmline, described as data the supervisor starts."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy.engine import make_url

from core.settings import PROJECT_ROOT, Settings
from warmline.actions_secret import SECRET_HEADER, actions_secret
from warmline.engine_env import BOT_DIR, EngineInstall, engine_env

# Well inside the supervisor's own grace (STOP_GRACE_SECONDS) before it kills.
APP_SHUTDOWN_GRACE_SECONDS = 3


@dataclass(frozen=True)
class ChildSpec:
    name: str
    argv: list[str]
    ready_url: str
    env: dict[str, str] | None = None  # None: inherit the supervisor's environment
    cwd: Path = PROJECT_ROOT
    ready_timeout: float = 180.0
    # Once ready, the health check is asked every `probe_every` seconds; a child that answers
    # none of them for `hang_after` seconds is hung, and is killed and restarted.
    probe_every: float = 5.0
    hang_after: float = 20.0


def tracker_store_config(url: str) -> dict[str, object]:
    """The engine's tracker store: its own database, never the app's tables."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database  # absolute, as the engine runs in data_dir/engine, not here
        db = str(Path(db).absolute()) if db and db != ":memory:" else db
        return {"type": "SQL", "dialect": "sqlite", "db": db}
    config: dict[str, object] = {
        "type": "SQL",
        "dialect": "postgresql",
        "url": parsed.host,
        "port": parsed.port or 5432,
        "db": parsed.database,
        "username": parsed.username,
    }
    if parsed.password:
        config["password"] = parsed.password
    return config


NLG = "varied_responses.VariedResponses"


def write_endpoints(settings: Settings) -> Path:
    """Renders the engine's endpoints.yml from the settings, the one source of truth."""
    # absolute: the engine runs in this file's directory, so a relative path would miss it
    path = settings.data_dir.absolute() / "engine" / "endpoints.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    endpoints = {
        # A header, not Rasa's `token` query parameter: URLs end up in access logs.
        "action_endpoint": {
            "url": settings.actions_url,
            "headers": {SECRET_HEADER: actions_secret(settings)},
        },
        "tracker_store": tracker_store_config(settings.tracker_database_url),
        # Rasa's responses, never the wording said last when there is another
        # (bot/components/varied_responses.py).
        "nlg": {"type": NLG},
    }
    path.touch(mode=0o600)
    path.chmod(0o600)  # touch's mode applies only to a new file; it holds database credentials
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def engine_spec(settings: Settings, install: EngineInstall, model: Path) -> ChildSpec:
    endpoints = write_endpoints(settings)
    argv = [
        str(install.rasa), "run", "--model", str(model), "--enable-api",
        "--auth-token", settings.engine_token_value, "--interface", "127.0.0.1",
        "--port", str(settings.engine_port), "--endpoints", str(endpoints),
        "--credentials", str(BOT_DIR / "credentials.yml"), "--quiet",
    ]  # fmt: skip
    return ChildSpec(
        name="engine",
        argv=argv,
        ready_url=f"http://127.0.0.1:{settings.engine_port}/",
        # The engine's message webhook (bot/components) checks callers against the same token.
        env=engine_env({"WARMLINE_ENGINE_TOKEN": settings.engine_token_value}),
        cwd=endpoints.parent,
    )


def actions_spec(settings: Settings) -> ChildSpec:
    argv = [sys.executable, "-m", "warmline.action_server", "--port", str(settings.actions_port)]
    return ChildSpec(
        name="action server",
        argv=argv,
        ready_url=f"http://127.0.0.1:{settings.actions_port}/health",
        env=dict(os.environ),
    )


def app_spec(settings: Settings) -> ChildSpec:
    argv = [
        sys.executable, "-m", "uvicorn", "--factory", "warmline.app:create_app",
        "--host", settings.public_host, "--port", str(settings.app_port), "--no-access-log",
        # A peer's open console holds a live stream; without a limit uvicorn would wait for it
        # and the supervisor would have to kill the app instead of letting it close cleanly.
        "--timeout-graceful-shutdown", str(APP_SHUTDOWN_GRACE_SECONDS),
    ]  # fmt: skip
    return ChildSpec(
        name="app",
        argv=argv,
        ready_url=f"http://127.0.0.1:{settings.app_port}/healthz",
        env=dict(os.environ),
    )
