"""Labelled sets of the tests' own, in role folders under a temporary evaluation folder: the
tests of the loaders and the report never read the project's sets (the sealed one above all)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from escalation.evaluation import sets
from escalation.levels import Level


def use_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder per role under tmp_path, which the loaders then read instead."""
    for role in sets.Role:
        (tmp_path / role.value).mkdir(parents=True)
    monkeypatch.setattr(sets, "EVALUATION_DIR", tmp_path)
    return tmp_path


def write_set(path: Path, items: Sequence[tuple[str, Level]]) -> Path:
    """A set in the project's shape: version, messages of text, level and topic."""
    messages = [{"text": text, "level": level.label, "topic": "test"} for text, level in items]
    path.write_text(yaml.safe_dump({"version": 1, "messages": messages}), encoding="utf-8")
    return path
