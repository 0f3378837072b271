"""The action server as a real process: it runs an action only for a caller with the secret."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.settings import PROJECT_ROOT, load_settings
from tests.fakes.server import free_port
from tests.warmline.children import wait_until
from warmline.actions_secret import SECRET_HEADER, actions_secret
from warmline.supervisor import answers

# An action call as the engine sends it, for an action that does not exist: reaching rasa-sdk's
# "not found" proves the call got past the lock without running anything.
CALL = {"next_action": "action_nobody_wrote", "sender_id": "1", "tracker": {}, "domain": {}}


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data_dir = tmp_path_factory.mktemp("actions")
    port = free_port()
    env = {**os.environ, "WARMLINE_DATA_DIR": str(data_dir), "WARMLINE_LOG_LEVEL": "WARNING"}
    argv = [sys.executable, "-m", "warmline.action_server", "--port", str(port)]
    server = subprocess.Popen(argv, cwd=PROJECT_ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: answers(f"{base}/health"), timeout=60)
        yield base, actions_secret(load_settings(data_dir=data_dir))
    finally:
        server.terminate()
        server.wait(timeout=15)


def post(base: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{base}/webhook", json=CALL, headers=headers, trust_env=False)


def test_an_action_call_without_the_secret_is_refused(action_server: tuple[str, str]) -> None:
    base, _ = action_server

    response = post(base, {})

    assert response.status_code == 401


def test_an_action_call_with_a_wrong_secret_is_refused(action_server: tuple[str, str]) -> None:
    base, secret = action_server

    response = post(base, {SECRET_HEADER: secret[:-1] + "x"})

    assert response.status_code == 401


def test_the_action_list_is_not_open_either(action_server: tuple[str, str]) -> None:
    base, _ = action_server

    assert httpx.get(f"{base}/actions", trust_env=False).status_code == 401


def test_an_action_call_with_the_secret_reaches_the_actions(
    action_server: tuple[str, str],
) -> None:
    base, secret = action_server

    response = post(base, {SECRET_HEADER: secret})

    assert (response.status_code, response.json()["action_name"]) == (404, "action_nobody_wrote")


def test_the_health_check_needs_no_secret(action_server: tuple[str, str]) -> None:
    base, _ = action_server

    assert httpx.get(f"{base}/health", trust_env=False).status_code == 200


def test_the_secret_file_is_the_owners_alone(tmp_path: Path) -> None:
    actions_secret(load_settings(data_dir=tmp_path))

    assert (tmp_path / "actions.secret").stat().st_mode & 0o777 == 0o600
