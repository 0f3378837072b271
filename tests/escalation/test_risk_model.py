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
from escalation.model.abstain import coverage, unfamiliar
from escalation.model.cache import fingerprint, load_or_train
from escalation.model.classifier import REASON, RiskModel
from escalation.model.nlu import (
    NLU_DIR,
    ORDINARY_TALK,
    nlu_paths,
    ordinary_examples,
    ordinary_talk_paths,
    read_examples,
    strip_annotations,
)
from escalation.model.train import TrainingConfig, training_paths
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
    "i dont see myself being around much longer",
]

# Ordinary messages the model once rated crisis on words it had barely or never seen (its score
# sat at its prior, right at the threshold), and more of the same kind written for this test:
# meetings, rides, medication pick-up, places. The model must not raise them.
ORDINARY = [
    "in michigan rn",
    "south carolina i think",
    "shelter near me rn",
    "i want to get on vivitrol",
    "i need help finding housing",
    "i dont think i have a problem",
    "is there a meeting tonight near me",
    "what time is the na meeting on thursday",
    "looking for an aa meeting in dallas texas",
    "can someone give me a ride to my appointment",
    "i need a ride to the clinic tomorrow",
    "my sponsor is driving me to group later",
    "how do i pick up my suboxone prescription",
    "can i get my methadone dose picked up by my sister",
    "i need to pick up my meds from cvs",
    "where is the closest pharmacy open late",
    "im in ohio near columbus",
    "what are the hours for the detox center",
    # Known false alarms are not listed here (README, risk screening): "took my 16mg of
    # subs", "im sitting on the edge of my bed", "my dealer keeps texting me" are still raised,
    # because in the labelled sets those words come almost only in emergencies and threats.
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
        self.min_coverage = 0.0

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


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_requests_are_not_raised_by_the_model(text: str) -> None:
    result = screen(text)

    assert not any(reason.startswith(REASON) for reason in result.reasons), result
    assert result.level < Level.CRISIS


def test_the_model_abstains_on_a_message_of_words_it_never_trained_on() -> None:
    model = default_screener().model
    assert model is not None
    text = "zorblat quixel vantrope mizzlewick drabnor"

    assert model.min_coverage > 0
    assert coverage(model._text.plain(text), model.vocabulary) == 0.0
    assert model.vote(text) is None
    assert screen(text).level == Level.NONE


def test_coverage_is_the_share_of_alphabetic_words_known() -> None:
    known = frozenset({"took", "my", "meds"})

    assert coverage(["took", "my", "16", "pills"], known) == pytest.approx(2 / 3)
    assert coverage(["16", "!"], known) == 0.0
    assert unfamiliar(["took", "xyz"], known, 0.6)
    assert not unfamiliar(["took", "my", "xyz"], known, 0.6)


@pytest.mark.parametrize(
    ("annotated", "plain"),
    [
        ("in [ohio](state) rn", "in ohio rn"),
        ('near [columbus]{"entity": "city", "value": "Columbus"} pls', "near columbus pls"),
        ("[pa][state] housing", "pa housing"),
        ("no annotation here", "no annotation here"),
    ],
)
def test_nlu_annotations_are_stripped(annotated: str, plain: str) -> None:
    assert strip_annotations(annotated) == plain


def test_nlu_examples_are_read_from_intents_only_and_risky_ones_are_never_taught_as_safe(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    nlu = tmp_path / "nlu.yml"
    nlu.write_text(
        'version: "3.1"\n'
        "nlu:\n"
        "  - intent: inform_location\n"
        "    examples: |\n"
        "      - in [ohio](state) rn\n"
        "      - i want to kill myself\n"
        "      - see you at the meeting\n"
        "  - regex: zip_code\n"
        "    examples: |\n"
        "      - \\b\\d{5}\\b\n",
        encoding="utf-8",
    )
    (tmp_path / "rules.yml").write_text('version: "3.1"\nrules: []\n', encoding="utf-8")
    paths = nlu_paths(tmp_path)

    assert read_examples(paths) == [
        "in ohio rn",
        "i want to kill myself",
        "see you at the meeting",
    ]
    assert ordinary_examples(lexicon, paths, ["See you at the  meeting"]) == ["in ohio rn"]


def test_the_ordinary_talk_snapshot_is_taught_and_is_in_the_model_hash(tmp_path: Path) -> None:
    paths = ordinary_talk_paths()
    copy = tmp_path / "ordinary_talk.yml"
    copy.write_bytes(paths[0].read_bytes())
    changed = tmp_path / "changed.yml"
    changed.write_bytes(paths[0].read_bytes() + b"\n# an edit\n")

    assert len(read_examples(paths)) == 1301  # the snapshot the published figures came from
    assert fingerprint(QUICK, training_paths(), nlu=[copy]) != fingerprint(
        QUICK, training_paths(), nlu=[changed]
    )
    assert fingerprint(QUICK, training_paths(), nlu=[changed]) != fingerprint(
        QUICK, training_paths()
    )


def test_the_risk_model_learns_ordinary_talk_from_the_snapshot_not_the_bots_data() -> None:
    """An edit to the assistant's intents never retrains the crisis screener unseen."""
    assert ordinary_talk_paths() == [ORDINARY_TALK]
    assert not ORDINARY_TALK.is_relative_to(NLU_DIR)
    assert ORDINARY_TALK not in nlu_paths()


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
