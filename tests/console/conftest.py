"""The peer API and the console under test: the whole app on a migrated database with a fake
engine, through a test client or served by uvicorn to a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from console import passwords
from core.settings import load_settings
from store.db import Database
from tests.console.browser import CHROMIUM, Server, running
from tests.console.peers import ROSTER
from tests.console.staff import Account, add_accounts
from tests.fakes.engine import FakeEngine, running_fake_engine
from warmline.app import create_app


@pytest.fixture
def fake_engine() -> Iterator[FakeEngine]:
    with running_fake_engine() as engine:
        yield engine


@pytest.fixture
def client(db: Database, tmp_path: Path, fake_engine: FakeEngine) -> Iterator[TestClient]:
    settings = load_settings(
        data_dir=tmp_path, database_url=db.url, engine_url=fake_engine.url, oncall_roster=ROSTER
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def accounts(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, Account]:
    # Argon2 at its lightest: the tests make and check dozens of hashes, and the hash's own
    # parameters, not the hasher's, decide how it is checked.
    light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", light)
    return add_accounts(db)


@pytest.fixture
def idle_minutes() -> float:
    """How long a console session may sit idle; a test module overrides it to watch one end."""
    return 15.0


@pytest.fixture
def server(
    db: Database,
    tmp_path: Path,
    fake_engine: FakeEngine,
    accounts: dict[str, Account],
    idle_minutes: float,
) -> Iterator[Server]:
    settings = load_settings(
        data_dir=tmp_path, database_url=db.url, engine_url=fake_engine.url,
        oncall_roster=ROSTER, console_idle_minutes=idle_minutes, log_level="WARNING",
    )  # fmt: skip
    with running(settings) as live:
        yield live


# One browser for the console's tests, closed when they end: while it is open, Playwright's
# sync API holds an event loop in the main thread, and later tests' asyncio.run() would fail.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()
