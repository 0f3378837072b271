"""The secret the engine shows the action server on every action call."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from core.settings import Settings

SECRET_HEADER = "X-Warmline-Actions-Secret"  # noqa: S105 - a header name, not a secret


def secret_file(settings: Settings) -> Path:
    return settings.data_dir.absolute() / "actions.secret"


def actions_secret(settings: Settings) -> str:
    """The engine's and the action server's shared secret: made once per data folder, readable
    by its owner only, so both children of one system agree and nothing else knows it."""
    path = secret_file(settings)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(32))
        # A link appears whole or not at all, and never replaces a secret another process made.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    return path.read_text(encoding="utf-8").strip()
