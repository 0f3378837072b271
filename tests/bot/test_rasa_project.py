"""The Rasa project itself, checked by the 3.6 engine: the data is consistent and the test
stories are predicted exactly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from warmline.engine_env import BOT_DIR, engine_env
from warmline.isolated import PreparedEngine

pytestmark = pytest.mark.engine


def rasa(prepared: PreparedEngine, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(prepared.install.rasa), *args],
        cwd=cwd,
        env=engine_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_training_data_validates_without_warnings(
    prepared_engine: PreparedEngine, tmp_path: Path
) -> None:
    result = rasa(
        prepared_engine, "data", "validate", "--fail-on-warnings",
        "--domain", str(BOT_DIR / "domain"), "--data", str(BOT_DIR / "data"),
        "--config", str(BOT_DIR / "config.yml"),
        cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_are_predicted_without_errors(
    prepared_engine: PreparedEngine, tmp_path: Path
) -> None:
    result = rasa(
        prepared_engine, "test", "core", "--fail-on-prediction-errors",
        "--model", str(prepared_engine.model), "--stories", str(BOT_DIR / "tests"),
        "--out", str(tmp_path / "results"),
        cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "results" / "failed_test_stories.yml").read_text()
    assert "None of the test stories failed" in failed
