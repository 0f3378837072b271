"""The screening benchmark times screening itself: every timed message is read by the matchers
and, where the model votes, voted on, however often it was seen before."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from escalation.combined import CombinedScreener
from escalation.evaluation.benchmark import time_run
from escalation.levels import Screening
from escalation.matching import Hit, LexiconMatcher
from escalation.model.classifier import RiskModel
from escalation.model.thresholds import NEVER
from escalation.screening import default_screener

# No risk, no context: the rules rate it none and the model is asked.
TEXT = "the benchmark screens this plain sentence about a garden party"


class CountingModel(RiskModel):
    """A model that votes no risk and counts how often it was asked."""

    def __init__(self) -> None:
        self.version, self.threshold, self.crisis_threshold = "counting", 0.5, NEVER
        self.tuning = None
        self.min_coverage = 0.0
        self.votes = 0

    def score(self, text: str) -> float:
        return 0.0

    def vote(self, text: str) -> Screening | None:
        self.votes += 1
        return None


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the lexicon matchers read, in order."""
    read: list[str] = []
    match = LexiconMatcher.__call__

    def counting(self: LexiconMatcher, text: str) -> tuple[Doc, list[Hit]]:
        read.append(text)
        return match(self, text)

    monkeypatch.setattr(LexiconMatcher, "__call__", counting)
    return read


def test_the_benchmark_times_every_message_screened_afresh_not_looked_up(
    readings: list[str],
) -> None:
    model = CountingModel()
    combined = CombinedScreener(default_screener().rules, model, "counting model")
    combined(TEXT)  # already seen, as after the benchmark's warm-up run

    timings = time_run([TEXT, TEXT, TEXT], combined)

    assert len(timings) == 3
    assert (readings, model.votes) == ([TEXT] * 4, 4)
