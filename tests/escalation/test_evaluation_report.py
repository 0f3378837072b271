"""`warmline evaluate-screening`: its figures mean what the report says they mean."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from escalation.evaluation import datasets, report
from escalation.evaluation.metrics import LevelFigures, Rated, corpus_targets, level_figures
from escalation.levels import Level

E, C, W, N = Level.EMERGENCY, Level.CRISIS, Level.CONCERN, Level.NONE


def test_per_level_figures_count_exact_at_or_above_and_false_alarms() -> None:
    rated = [Rated(label, rating, "") for label, rating in [(E, E), (E, C), (C, E), (W, N), (N, C)]]

    assert level_figures(rated) == [
        LevelFigures(E, n=2, exact=1, at_or_above=1, below=3, false_alarms=1),
        LevelFigures(C, n=1, exact=0, at_or_above=1, below=2, false_alarms=1),
        LevelFigures(W, n=1, exact=0, at_or_above=0, below=1, false_alarms=1),
        LevelFigures(N, n=1, exact=0, at_or_above=1, below=0, false_alarms=0),
    ]


def test_a_missed_crisis_misses_the_corpus_target() -> None:
    rated = [Rated(C, W, ""), Rated(E, E, ""), Rated(N, N, "")]

    assert [target.met for target in corpus_targets(rated)] == [False, True, True]


def test_missing_public_sets_are_reported_and_skipped(tmp_path: Path) -> None:
    out = io.StringIO()

    code = report.run(out, public_dir=tmp_path)

    skipped = [line for line in out.getvalue().splitlines() if line.endswith("; skipped")]
    assert (code, len(skipped)) == (0, 2)


def test_a_missing_corpus_fails_the_evaluation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "load_corpus", lambda: datasets.load_corpus(tmp_path / "none.yml"))

    assert report.run(io.StringIO()) == 1
