"""A whole system of the replay's own (warmline/isolated.py, as the end-to-end tests start one):
a temporary data folder, free ports, dev mode, and nothing of a real deployment: no channel
credentials, no database or public URL, no roster of real peers, whatever the environment or
.env says. Its folder, with the replayed conversations in it, is removed when it stops."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.settings import ENV_PREFIX, Settings, load_settings
from store.migrate import upgrade
from warmline.isolated import PreparedEngine, prepare, system_env
from warmline.processes import actions_spec, app_spec, engine_spec
from warmline.replay_run import ReplayError
from warmline.supervisor import ChildFailed, Supervisor

# Set empty (or to dev) in the system's environment, so that neither the caller's environment,
# nor a *_FILE secret, nor .env reaches a real channel, database or peer from a replay.
APART = {
    "MODE": "dev",
    "DATABASE_URL": "",
    "ENGINE_TRACKER_URL": "",
    "PUBLIC_URL": "",
    "PUBLIC_HOST": "127.0.0.1",
    "TELEGRAM_BOT_TOKEN": "",
    "TELEGRAM_WEBHOOK_SECRET": "",
    "TWILIO_ACCOUNT_SID": "",
    "TWILIO_AUTH_TOKEN": "",
    "ONCALL_ROSTER": "[]",
}


def replay_env(data_dir: Path) -> dict[str, str]:
    apart = {f"{ENV_PREFIX}{name}": value for name, value in APART.items()}
    return system_env(data_dir, **apart)


@contextmanager
def own_system(settings: Settings) -> Iterator[Settings]:
    """Starts the system and yields its settings; stops it and removes its folder after.
    `settings` are the caller's: only where the engine's Python is comes from them."""
    data_dir = Path(tempfile.mkdtemp(prefix="warmline-replay-"))
    saved = dict(os.environ)
    try:
        os.environ.update(replay_env(data_dir))  # the processes it starts read their settings here
        if settings.rasa_python:
            os.environ[f"{ENV_PREFIX}RASA_PYTHON"] = settings.rasa_python
        own = load_settings()
        group = started(own, prepare(own))
        try:
            yield own
        finally:
            group.stop()
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(data_dir, ignore_errors=True)


def started(settings: Settings, prepared: PreparedEngine) -> Supervisor:
    """As warmline/isolated.py's start_system, but a child that fails to start stops the rest
    before the replay says so: the command may run inside a longer-lived process."""
    upgrade(settings.app_database_url)
    specs = [engine_spec(settings, prepared.install, prepared.model)]
    group = Supervisor([*specs, actions_spec(settings), app_spec(settings)], out=io.StringIO())
    try:
        group.start()
    except ChildFailed as failure:
        group.stop()
        raise ReplayError(f"the replay's own system did not start: {failure}") from None
    return group
