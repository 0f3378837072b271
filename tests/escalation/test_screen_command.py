"""The `warmline screen` contract: one JSON object per stdin line, exit 0; and the
`warmline evaluate-screening` command prints its figures by set role and exits 0 exactly when
the test sets' gate is met."""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from escalation.evaluation.report import FIT, PUBLIC, SEALED, TEST, TUNE
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


def test_evaluate_screening_prints_each_role_and_exits_0_exactly_when_the_test_gate_is_met(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["evaluate-screening"])

    lines = capsys.readouterr().out.splitlines()
    sections = [line for line in lines if line.startswith("== ")]
    gates = [line for line in lines if line.startswith("gate (test sets only): ")]
    assert sections == [f"== {title} ==" for title in (FIT, TUNE, TEST, PUBLIC, SEALED)]
    assert gates == [lines[-1]]
    assert gates[0].removeprefix("gate (test sets only): ") in {"met", "MISSED"}
    assert code == (0 if gates[0].endswith(" met") else 1)
    # The verdict is the TEST section's alone: a broken floor, a missed target with no floor or
    # an unmeasured target there, and only there, fails it.
    test_section = lines[lines.index(f"== {TEST} ==") : lines.index(f"== {PUBLIC} ==")]
    failing = [
        line
        for line in test_section
        if "BROKEN" in line or "gate: no floor for" in line or "the gate fails" in line
    ]
    assert bool(failing) == (code == 1), failing
