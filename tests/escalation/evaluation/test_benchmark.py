"""The latency benchmark times the train sets' texts, or the tune sets' when asked, and never a
held-out set's: timing reads every text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from escalation.evaluation import benchmark
from escalation.levels import Level, Screening
from tests.escalation.evaluation.layout import use_layout, write_set


class Recording:
    """A screener that answers none and keeps what it was given."""

    model_status = "recording"

    def __init__(self) -> None:
        self.read: list[str] = []
        self.rules = self

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening:
        self.read.append(text)
        return Screening(Level.NONE)


@pytest.fixture
def screener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recording:
    root = use_layout(tmp_path, monkeypatch)
    for role in ("train", "tune", "test", "sealed"):
        write_set(root / role / "a.yml", [(f"{role} text", Level.NONE)])
    recording = Recording()
    monkeypatch.setattr(benchmark, "default_screener", lambda: recording)
    return recording


@pytest.mark.parametrize("role", ["train", "tune"])
def test_the_benchmark_times_the_chosen_train_or_tune_sets_only(
    screener: Recording, role: str
) -> None:
    arguments = ["--runs", "1"] if role == "train" else ["--runs", "1", "--set", role]

    assert benchmark.main(arguments) == 0
    assert set(screener.read) == {f"{role} text"}


@pytest.mark.parametrize("role", ["test", "sealed"])
def test_the_benchmark_refuses_a_held_out_set(screener: Recording, role: str) -> None:
    with pytest.raises(SystemExit):
        benchmark.main(["--set", role])
    assert screener.read == []
