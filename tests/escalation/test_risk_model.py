"""The statistical risk model beside the rules: it only raises, to crisis at most, is trained
reproducibly, has its thresholds chosen on the tuning sets (never a test set), is cached, and its
absence or failure leaves the rules screening alone."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from escalation.combined import MODEL_FAILED, CombinedScreener
from escalation.evaluation.sets import HeldOutSetError
from escalation.levels import Level, Screening
from escalation.lexicon import Lexicon, load_lexicon
from escalation.model import cache
from escalation.model.abstain import coverage, unfamiliar
from escalation.model.cache import fingerprint, load_or_train
from escalation.model.classifier import REASON, WEAK_REASON, RiskModel
from escalation.model.nlu import (
    NLU_DIR,
    ORDINARY_TALK,
    nlu_paths,
    ordinary_examples,
    ordinary_talk_paths,
    read_examples,
    strip_annotations,
)
from escalation.model.reasons import MEANS_NAMED
from escalation.model.thresholds import NEVER
from escalation.model.train import TrainingConfig, training_paths
from escalation.screener import LexiconScreener
from escalation.screening import build_screener, default_screener, screen
from tests.escalation.evaluation.layout import use_layout, write_set

# Small and quick: the behaviour of the cache, not the quality of the model, is under test.
QUICK = TrainingConfig(epochs=2)

# A training set and a tuning set of the test's own, small enough to train on in a moment: the
# cache tests never train on the project's sets (nor on the NLU snapshot).
SMALL_TRAIN = [
    *(
        (text, Level.CRISIS)
        for text in (
            "i want to end my life tonight",
            "i dont want to be alive anymore",
            "nobody would miss me if i was gone",
            "i have been thinking about killing myself",
            "i wrote a goodbye note to my family",
        )
    ),
    ("i took all my pills and i cant feel my legs", Level.EMERGENCY),
    ("i really want to use today", Level.CONCERN),
    *(
        (text, Level.NONE)
        for text in (
            "is there a meeting near me tonight",
            "my sponsor is picking me up later",
            "thanks for checking in on me",
            "i made it to group this morning",
            "what time does the clinic open",
            "i had a good day at work",
        )
    ),
]
SMALL_TUNE = [
    ("i just want to disappear forever", Level.CRISIS),
    ("i am thinking about ending it all", Level.CRISIS),
    ("the craving is bad right now", Level.CONCERN),
    ("where is the closest pharmacy", Level.NONE),
    ("i went to a meeting with my sponsor", Level.NONE),
    ("thanks i feel better about work today", Level.NONE),
]


@dataclass(frozen=True, slots=True)
class SmallSets:
    """Paths of the small sets, in role folders the loaders accept, and a models folder."""

    train: list[Path]
    tune: list[Path]
    models: Path
    evaluation: Path

    def load_or_train(
        self, lexicon: Lexicon, config: TrainingConfig = QUICK, tune: list[Path] | None = None
    ) -> RiskModel:
        tuning = self.tune if tune is None else tune
        return load_or_train(lexicon, self.models, config, self.train, nlu=[], tuning=tuning)


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


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SmallSets:
    evaluation = use_layout(tmp_path / "evaluation", monkeypatch)
    return SmallSets(
        train=[write_set(evaluation / "train" / "small.yml", SMALL_TRAIN)],
        tune=[write_set(evaluation / "tune" / "small.yml", SMALL_TUNE)],
        models=tmp_path / "models",
        evaluation=evaluation,
    )


class AlwaysCrisis(RiskModel):
    """A model that votes crisis on everything, as loud as a model can be."""

    def __init__(self) -> None:
        self.version, self.threshold, self.crisis_threshold = "always", 0.0, 0.0
        self.tuning, self.min_coverage = None, 0.0

    def score(self, text: str) -> float:
        return 1.0

    def vote(self, text: str) -> Screening | None:
        return Screening(Level.CRISIS, ("model:crisis-risk(1.00)",))


class Broken(AlwaysCrisis):
    def vote(self, text: str) -> Screening | None:
        raise RuntimeError("model exploded")


@pytest.mark.parametrize("text", PARAPHRASES)
def test_paraphrases_of_a_wish_to_die_are_never_rated_none_and_the_model_votes_where_rules_miss(
    text: str, rules: LexiconScreener
) -> None:
    """New wording for a wish to die gets a person's attention: the rules' frames or, where
    they miss it, the model's vote (crisis when strong, else concern)."""
    model = default_screener().model
    assert model is not None
    score = model.score(text)

    result = screen(text)

    assert result.level >= Level.CONCERN
    if rules(text).level >= Level.CONCERN:
        return  # the rules found it; the model adds nothing below the rules
    assert score >= model.threshold
    if score >= model.crisis_threshold:
        assert (result.level, result.reasons[-1]) == (Level.CRISIS, f"{REASON}({score:.2f})")
    else:
        assert (result.level, result.reasons[-1]) == (Level.CONCERN, f"{WEAK_REASON}({score:.2f})")


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_requests_are_not_raised_by_the_model(text: str) -> None:
    result = screen(text)

    assert not any(reason.startswith((REASON, WEAK_REASON)) for reason in result.reasons), result
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


@pytest.mark.parametrize(
    ("text", "named"),
    [("theres a pistol in my nightstand", True), ("see you at the meeting", False)],
)
def test_a_crisis_vote_on_words_naming_the_means_says_so(
    text: str, named: bool, rules: LexiconScreener
) -> None:
    result = CombinedScreener(rules, AlwaysCrisis())(text)

    assert (MEANS_NAMED in result.reasons) is named


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


def test_training_twice_on_the_same_data_gives_the_same_hash_thresholds_and_predictions(
    lexicon: Lexicon, small: SmallSets
) -> None:
    first = small.load_or_train(lexicon)
    shutil.rmtree(small.models)
    second = small.load_or_train(lexicon)

    assert first.trained_now
    assert second.trained_now
    assert first.version == second.version
    assert (first.threshold, first.crisis_threshold) == (second.threshold, second.crisis_threshold)
    assert first.tuning == second.tuning
    assert [first.score(t) for t in PARAPHRASES] == [second.score(t) for t in PARAPHRASES]


def test_the_thresholds_are_chosen_on_the_tuning_sets_and_named_after_them(
    lexicon: Lexicon, small: SmallSets
) -> None:
    model = small.load_or_train(lexicon)

    assert model.tuning is not None
    assert model.tuning.chosen_on == f"small.yml ({len(SMALL_TUNE)} messages)"
    assert (model.threshold, model.crisis_threshold, model.min_coverage) == (
        model.tuning.concern_threshold,
        model.tuning.crisis_threshold,
        model.tuning.min_coverage,
    )
    assert model.threshold <= model.crisis_threshold


def test_a_model_whose_tuning_sets_hold_no_ordinary_message_never_votes(
    lexicon: Lexicon, small: SmallSets
) -> None:
    """No none-labelled message to count false alarms on: no threshold can be chosen."""
    risky = [(text, level) for text, level in SMALL_TUNE if level != Level.NONE]
    only_risk = write_set(small.evaluation / "tune" / "only_risk.yml", risky)

    model = small.load_or_train(lexicon, tune=[only_risk])

    assert (model.threshold, model.crisis_threshold) == (NEVER, NEVER)
    assert all(model.vote(text) is None for text, _ in [*SMALL_TRAIN, *SMALL_TUNE])


def test_a_test_set_is_refused_as_a_tuning_set_and_nothing_is_cached(
    lexicon: Lexicon, small: SmallSets
) -> None:
    held_out = write_set(small.evaluation / "test" / "held.yml", SMALL_TUNE)

    with pytest.raises(HeldOutSetError, match=r"held\.yml is a test set"):
        small.load_or_train(lexicon, tune=[held_out])

    assert not small.models.exists() or not any(small.models.iterdir())


def test_a_cached_model_is_loaded_not_retrained_and_keeps_its_thresholds_and_predictions(
    lexicon: Lexicon, small: SmallSets, monkeypatch: pytest.MonkeyPatch
) -> None:
    trained = small.load_or_train(lexicon)

    def no_training(*args: object) -> None:
        raise AssertionError("retrained although the cache was there")

    monkeypatch.setattr(cache, "train_model", no_training)
    loaded = small.load_or_train(lexicon)

    assert (trained.trained_now, loaded.trained_now) == (True, False)
    assert loaded.version == trained.version
    assert (loaded.threshold, loaded.crisis_threshold, loaded.min_coverage) == (
        trained.threshold,
        trained.crisis_threshold,
        trained.min_coverage,
    )
    assert loaded.tuning == trained.tuning
    assert loaded.vocabulary == trained.vocabulary
    assert [loaded.score(t) for t in PARAPHRASES] == [trained.score(t) for t in PARAPHRASES]


def test_a_change_in_the_training_config_retrains_under_a_new_hash(
    lexicon: Lexicon, small: SmallSets
) -> None:
    first = small.load_or_train(lexicon)
    second = small.load_or_train(lexicon, TrainingConfig(epochs=3))

    assert second.trained_now
    assert second.version != first.version
    assert [p.name for p in small.models.iterdir()] == [f"{cache.PREFIX}{second.version}"]


def test_a_change_in_the_tuning_sets_retrains_under_a_new_hash(
    lexicon: Lexicon, small: SmallSets
) -> None:
    first = small.load_or_train(lexicon)
    more = write_set(small.evaluation / "tune" / "more.yml", [("see you at group", Level.NONE)])

    second = small.load_or_train(lexicon, tune=[*small.tune, more])

    assert second.trained_now
    assert second.version != first.version
    assert second.tuning is not None
    assert second.tuning.chosen_on == f"small.yml, more.yml ({len(SMALL_TUNE) + 1} messages)"


def test_a_broken_cached_model_is_trained_again(lexicon: Lexicon, small: SmallSets) -> None:
    first = small.load_or_train(lexicon)
    (small.models / f"{cache.PREFIX}{first.version}" / "config.cfg").write_text("garbage")

    again = small.load_or_train(lexicon)

    assert again.trained_now
    assert again.version == first.version
