"""The `warmline screen` contract: one JSON object per stdin line, exit 0; and the
`warmline evaluate-screening` command exits 0 while the corpus targets are met."""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from warmline.cli import main


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No developer .env or WARMLINE_* variable leaks in; main()'s logging set-up is undone."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("WARMLINE_")]:
        monkeypatch.delenv(name)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


def test_screen_writes_level_and_reasons_for_each_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = "my friend is overdosing\nim not suicidal\n\n💊\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))

    code = main(["screen"])

    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (code, results) == (
        0,
        [
            {"level": "emergency", "reasons": ["overdose:in-progress", "context:other-person"]},
            {"level": "none", "reasons": ["suicide:ideation", "context:negated"]},
            {"level": "none", "reasons": []},
            {"level": "none", "reasons": []},
        ],
    )


def test_evaluate_screening_exits_0_when_the_corpus_targets_are_met(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["evaluate-screening"])

    targets = [line for line in capsys.readouterr().out.splitlines() if "target" in line]
    assert (code, [line.endswith(" met") for line in targets[:3]]) == (0, [True, True, True])
