"""Shared fixtures: a migrated app database on SQLite, and on PostgreSQL when TEST_DATABASE_URL
names a server (CI sets it), each test getting a database of its own."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.settings import load_settings
from store.db import Database
from store.migrate import upgrade
from tests.support.crisis_log import CRISIS_LOG
from warmline.isolated import PreparedEngine, prepare

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql+psycopg").render_as_string(False)


def _fresh_postgres_database(admin_url: str, template: str = "template1") -> Iterator[str]:
    name = f"warmline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# Migrating takes a quarter of a second; most tests need a migrated database. So each backend
# is migrated once per run (per test worker) and each such test gets a copy: PostgreSQL's
# CREATE DATABASE ... TEMPLATE, SQLite's backup. A test that asks for an empty database
# (`database_url` without `db`) still gets one, and migrates it itself.
@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "app.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def migrated_postgres(postgres_admin_url: str) -> Iterator[str]:
    for url in _fresh_postgres_database(postgres_admin_url):
        upgrade(url)
        yield str(make_url(url).database)


_MIGRATED: set[str] = set()


def _noted(url: str, migrated: bool) -> str:
    if migrated:
        _MIGRATED.add(url)
    return url


def _copy_sqlite(template: Path, path: Path) -> None:
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database of the test's own: migrated when the test uses `db`, else empty."""
    migrated = "db" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "app.db"
        if migrated:
            _copy_sqlite(request.getfixturevalue("migrated_sqlite"), path)
        yield _noted(f"sqlite:///{path}", migrated)
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    template = request.getfixturevalue("migrated_postgres") if migrated else "template1"
    for url in _fresh_postgres_database(admin_url, template):
        yield _noted(url, migrated)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    if database_url not in _MIGRATED:  # asked for by name mid-test: not copied migrated
        upgrade(database_url)
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def prepared_engine() -> PreparedEngine:
    """The engine's environment and trained model, set up once per run (cached across runs)."""
    return prepare(load_settings())


# The crisis-conversation figure, printed whenever the end-to-end tests ran. The tests run on
# pytest-xdist workers: each worker hands its conversations to the controller, which prints.
# (Here, not in tests/e2e/: the controller never collects, so loads only this conftest.)
def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["crisis_conversations"] = CRISIS_LOG.conversations


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    output = getattr(node, "workeroutput", {})
    CRISIS_LOG.conversations.update(output.get("crisis_conversations", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if CRISIS_LOG.conversations:
        terminalreporter.write_sep("-", "crisis companion")
        terminalreporter.write_line(CRISIS_LOG.summary())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files that start the real engine run first, each file still whole: they are the
    longest, and on two workers the longest first finish together instead of one worker
    running the last of them alone."""
    engine_files = {item.path for item in items if item.get_closest_marker("engine")}
    items.sort(key=lambda item: item.path not in engine_files)
