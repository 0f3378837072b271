"""The assembled app: what it serves depends on the mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.settings import load_settings
from warmline.app import create_app

PRODUCTION = {
    "mode": "production",
    "engine_token": "t" * 32,
    "oncall_roster": [
        {"name": "Ana", "token": "a" * 20, "phone": "+15551230001"},
        {"name": "Sam", "token": "s" * 20, "supervisor": True, "phone": "+15551230002"},
    ],
}
DEV_ONLY = ["/dev/", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"]


@pytest.mark.parametrize("path", DEV_ONLY)
def test_production_serves_no_simulator_docs_or_schema(tmp_path: Path, path: str) -> None:
    # No lifespan (no `with`): routing alone decides, and the database is never opened.
    client = TestClient(create_app(load_settings(data_dir=tmp_path, **PRODUCTION)))

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", DEV_ONLY)
def test_dev_mode_serves_the_simulator_docs_and_schema(tmp_path: Path, path: str) -> None:
    client = TestClient(create_app(load_settings(data_dir=tmp_path, mode="dev")))

    assert client.get(path).status_code == 200
