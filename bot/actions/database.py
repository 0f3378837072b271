"""The app database, opened on first use (never at import: the action server imports us early)."""

from __future__ import annotations

from functools import lru_cache

from core.settings import get_settings
from store.db import Database


@lru_cache(maxsize=1)
def app_database() -> Database:
    return Database(get_settings().app_database_url)
