"""The screening benchmark times screening, not the screeners' caches: every timed message is
read by the matchers and, where the model votes, voted on, however often it was seen before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.tokens import Doc

from escalation.combined import CombinedScreener
from escalation.evaluation.benchmark import time_run
from escalation.levels import Screening
from escalation.matching import Hit, LexiconMatcher
from escalation.model.classifier import RiskModel
from escalation.screener import LexiconScreener
from escalation.screening import default_screener

# Written for these tests, so no other test has put it in the caches: no risk, no context, so
# the rules rate it none and the model is asked.
TEXT = "the benchmark screens this plain sentence about a garden party"


class CountingModel(RiskModel):
    """A model that votes no risk and counts how often it was asked."""

    def __init__(self) -> None:
        self.version, self.threshold, self.cross_validation = "counting", 0.5, None
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


@pytest.fixture
def rules() -> Iterator[LexiconScreener]:
    screener = default_screener().rules
    screener.clear_cache()  # another test's screening of TEXT must not count here
    yield screener
    screener.clear_cache()


def test_a_screener_screens_a_text_once_until_its_cache_is_cleared(
    rules: LexiconScreener, readings: list[str]
) -> None:
    model = CountingModel()
    combined = CombinedScreener(rules, model, "counting model")

    combined(TEXT)
    combined(TEXT)
    assert (readings, model.votes) == ([TEXT], 1)  # the second time was a look-up

    combined.clear_cache()
    combined(TEXT)

    assert (readings, model.votes) == ([TEXT, TEXT], 2)


def test_the_benchmark_times_every_message_screened_afresh_not_looked_up(
    rules: LexiconScreener, readings: list[str]
) -> None:
    model = CountingModel()
    combined = CombinedScreener(rules, model, "counting model")
    combined(TEXT)  # already seen, as after the benchmark's warm-up run

    timings = time_run([TEXT, TEXT, TEXT], combined)

    assert len(timings) == 3
    assert (readings, model.votes) == ([TEXT] * 4, 4)
