""".env.example documents exactly the settings there are, and as it stands gives the defaults."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from core.settings import ENV_PREFIX, PROJECT_ROOT, Settings, load_settings

ENV_EXAMPLE = PROJECT_ROOT / ".env.example"
# An assignment, commented out or not; prose that mentions a variable mid-line does not count.
ASSIGNMENT = re.compile(rf"^#?\s*({ENV_PREFIX}[A-Z0-9_]+)=", re.MULTILINE)


def listed_variables() -> Counter[str]:
    return Counter(ASSIGNMENT.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


def test_env_example_lists_every_setting_once_and_nothing_else() -> None:
    expected = Counter(f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields)

    assert listed_variables() == expected


def comment_above(lines: list[str], index: int) -> str:
    """The comment lines right above an assignment, up to a blank line or another assignment."""
    block: list[str] = []
    for line in reversed(lines[:index]):
        if not line.startswith("#") or ASSIGNMENT.match(line):
            break
        block.insert(0, line)
    return " ".join(block)


def test_every_listed_setting_has_a_comment_saying_its_default() -> None:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    undocumented = [
        line
        for index, line in enumerate(lines)
        if ASSIGNMENT.match(line) and "(default" not in comment_above(lines, index)
    ]

    assert undocumented == []


def test_env_example_copied_to_dotenv_gives_the_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    defaults = load_settings()
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")

    assert load_settings() == defaults
