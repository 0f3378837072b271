"""The statistical risk model beside the rules: it only raises, to crisis at most, is trained
reproducibly, is cached, and its absence or failure leaves the rules screening alone."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from escalation.combined import MODEL_FAILED, CombinedScreener
from escalation.levels import Level, Screening
from escalation.lexicon import Lexicon, load_lexicon
from escalation.model import cache
from escalation.model.cache import load_or_train
from escalation.model.classifier import RiskModel
from escalation.model.train import TrainingConfig
from escalation.screener import LexiconScreener
from escalation.screening import build_screener, default_screener, screen

# Small and quick: the behaviour of the cache, not the quality of the model, is under test.
QUICK = TrainingConfig(folds=2, epochs=2)

# Written for this test, not taken from any labelled set: new wording for a wish to die or a
# plan to end things, which no lexicon phrase covers.
PARAPHRASES = [
    "i just want it all to stop forever",
    "i keep thinking about how peaceful it would be to just not exist",
    "tonight feels like the night i finally end things",
    "theres no point in me being here anymore",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def rules(lexicon: Lexicon) -> LexiconScreener:
    return LexiconScreener(lexicon)


class AlwaysCrisis(RiskModel):
    """A model that votes crisis on everything, as loud as a model can be."""

    def __init__(self) -> None:
        self.version, self.threshold, self.cross_validation = "always", 0.0, None

    def score(self, text: str) -> float:
        return 1.0

    def vote(self, text: str) -> Screening | None:
        return Screening(Level.CRISIS, ("model:crisis-risk(1.00)",))


class Broken(AlwaysCrisis):
    def vote(self, text: str) -> Screening | None:
        raise RuntimeError("model exploded")


@pytest.mark.parametrize("text", PARAPHRASES)
def test_new_paraphrases_the_rules_miss_are_raised_to_crisis_by_the_model(
    text: str, rules: LexiconScreener
) -> None:
    result = screen(text)

    assert rules(text).level < Level.CRISIS
    assert result.level == Level.CRISIS
    assert result.reasons[-1].startswith("model:crisis-risk(")


@pytest.mark.parametrize(
    "text",
    [
        "my friend is overdosing",  # emergency by the rules
        "im not suicidal",  # none by the rules' context: the model defers
        "see you at the meeting",
        "i keep thinking about how peaceful it would be to just not exist",
    ],
)
def test_even_a_model_voting_crisis_on_everything_never_lowers_a_level_nor_reaches_emergency(
    text: str, rules: LexiconScreener
) -> None:
    combined = CombinedScreener(rules, AlwaysCrisis())

    ruled, result = rules(text), combined(text)

    assert result.level >= ruled.level
    assert result.level == ruled.level or result.level == Level.CRISIS
    assert result.reasons[: len(ruled.reasons)] == ruled.reasons


def test_the_default_screener_never_rates_below_the_rules(rules: LexiconScreener) -> None:
    texts = [*PARAPHRASES, "my friend is overdosing", "im not suicidal", "took my meds", ""]

    assert all(screen(text).level >= rules(text).level for text in texts)


def test_a_model_failing_on_a_message_leaves_the_rules_level_and_says_so(
    rules: LexiconScreener, caplog: pytest.LogCaptureFixture
) -> None:
    combined = CombinedScreener(rules, Broken())
    text = "i keep thinking about how peaceful it would be to just not exist"

    result = combined(text)

    assert result == Screening(rules(text).level, (*rules(text).reasons, MODEL_FAILED))
    assert "risk model failed" in caplog.text


def test_a_model_that_cannot_load_or_train_leaves_the_rules_screening_alone_and_is_reported(
    lexicon: Lexicon, caplog: pytest.LogCaptureFixture
) -> None:
    def cannot(_: Lexicon) -> RiskModel:
        raise OSError("disk on fire")

    with caplog.at_level(logging.ERROR):
        screener = build_screener(lexicon, cannot)

    assert screener.model is None
    assert "UNAVAILABLE" in screener.model_status
    assert "disk on fire" in screener.model_status
    assert screener("my friend is overdosing").level == Level.EMERGENCY
    assert "could not be loaded or trained" in caplog.text


def test_the_default_screener_reports_which_model_it_uses() -> None:
    screener = default_screener()

    assert screener.model is not None
    assert screener.model.version in screener.model_status


def test_training_twice_on_the_same_data_gives_the_same_hash_and_predictions(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    first = load_or_train(lexicon, tmp_path / "a", QUICK)
    second = load_or_train(lexicon, tmp_path / "b", QUICK)

    assert first.trained_now
    assert second.trained_now
    assert first.version == second.version
    assert first.threshold == second.threshold
    assert [first.score(t) for t in PARAPHRASES] == [second.score(t) for t in PARAPHRASES]


def test_a_cached_model_is_loaded_not_retrained_and_predicts_the_same(
    lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trained = load_or_train(lexicon, tmp_path, QUICK)

    def no_training(*args: object) -> None:
        raise AssertionError("retrained although the cache was there")

    monkeypatch.setattr(cache, "train_model", no_training)
    loaded = load_or_train(lexicon, tmp_path, QUICK)

    assert (trained.trained_now, loaded.trained_now) == (True, False)
    assert loaded.version == trained.version
    assert [loaded.score(t) for t in PARAPHRASES] == [trained.score(t) for t in PARAPHRASES]


def test_a_change_in_the_training_config_retrains_under_a_new_hash(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    first = load_or_train(lexicon, tmp_path, QUICK)
    second = load_or_train(lexicon, tmp_path, TrainingConfig(folds=2, epochs=3))

    assert second.trained_now
    assert second.version != first.version
    assert [p.name for p in tmp_path.iterdir()] == [f"{cache.PREFIX}{second.version}"]


def test_a_broken_cached_model_is_trained_again(lexicon: Lexicon, tmp_path: Path) -> None:
    first = load_or_train(lexicon, tmp_path, QUICK)
    (tmp_path / f"{cache.PREFIX}{first.version}" / "config.cfg").write_text("garbage")

    again = load_or_train(lexicon, tmp_path, QUICK)

    assert again.trained_now
    assert again.version == first.version
