"""The peer API under test: the whole app on a migrated database, with a fake engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.settings import load_settings
from store.db import Database
from tests.console.peers import ROSTER
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
