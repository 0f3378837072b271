"""The `warmline` command's screen subcommand and its start-up errors."""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from warmline.cli import main

LEVELS = {"none", "concern", "crisis", "emergency"}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No developer .env or WARMLINE_* variable leaks in; main()'s logging set-up is undone."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("WARMLINE_")]:
        monkeypatch.delenv(name)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def test_screen_prints_one_json_object_per_input_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\nI had a rough day\n\n"))

    code = main(["screen"])

    lines = capsys.readouterr().out.splitlines()
    results = [json.loads(line) for line in lines]
    assert (code, len(results)) == (0, 3)
    assert [sorted(result) for result in results] == [["level", "reasons"]] * 3
    assert all(result["level"] in LEVELS for result in results)
    assert all(isinstance(result["reasons"], list) for result in results)


def test_screen_with_no_input_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    assert main(["screen"]) == 0
    assert capsys.readouterr().out == ""


def test_an_invalid_setting_exits_2_with_a_one_line_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WARMLINE_APP_PORT", "notaport")
    monkeypatch.setattr("sys.stdin", io.StringIO("hello\n"))

    code = main(["screen"])

    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("warmline: invalid settings: WARMLINE_APP_PORT: ")


def test_migrate_keeps_the_data_folder_and_the_database_to_their_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    monkeypatch.setenv("WARMLINE_DATA_DIR", str(data_dir))
    umask = os.umask(0o022)
    try:
        code = main(["migrate"])
    finally:
        os.umask(umask)  # main() narrows the process's umask for good; put the test's back

    assert code == 0
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert (data_dir / "warmline.db").stat().st_mode & 0o777 == 0o600
