"""Trains the risk model from code, on the project's own labelled sets, deterministically.

Nothing is downloaded: the pipeline is `spacy.blank("en")` plus spaCy's own `textcat` with a
bag-of-words model (`spacy.TextCatBOW.v3`, word uni- and bigrams and word pieces), small enough to
train in seconds and to classify a message in well under a millisecond. The label is binary:
risk (a message labelled emergency or crisis) or not.

The decision threshold is chosen by k-fold cross-validation over the training sets only: the
lowest threshold at which the combined screener (rules, and the model where it may vote: see
abstain.py) rates at most `max_false_alarms` of the held-out folds' none-labelled messages
crisis or higher. The lowest, because a missed crisis costs more than a false alarm; bounded,
because a screener that cries wolf teaches the peers on call to ignore it.

Beside the labelled sets the model learns the assistant's own NLU examples as not risk
(nlu.py): everyday wording the labelled sets hold little of. They are in every fold's training
but in no fold's held-out figures, which stay those of the labelled messages. The share of a
message's words the model must have seen before it may vote (abstain.py) is chosen with the
threshold, by the same cross-validation: each candidate share gets its own lowest threshold
within the false-alarm bound, and the share whose model recall is highest wins (the higher share
on a tie: at equal recall, the vote that needs more evidence).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example as SpacyExample
from thinc.api import fix_random_seed

from escalation.evaluation.sets import Purpose, Role, load_labelled, set_paths
from escalation.levels import Level
from escalation.lexicon import Lexicon
from escalation.model.abstain import coverage, defers_to_rules, known_words, too_short
from escalation.model.features import ModelText

logger = logging.getLogger(__name__)

# The model learns from every set in evaluation/train/ and nothing else: load_training reads
# through the loader that refuses a set from any other folder, so a held-out set cannot be
# trained on by passing its path here (evaluation/sets.py).
RISK, SAFE = "RISK", "SAFE"
RISK_LEVELS = frozenset({Level.EMERGENCY, Level.CRISIS})


@dataclass(frozen=True, slots=True)
class TrainingConfig:
    """Every choice that changes the trained model; all of it goes into the model's hash."""

    seed: int = 0
    ngram_size: int = 2
    epochs: int = 12
    batch_size: int = 16
    dropout: float = 0.1
    folds: int = 5
    max_false_alarms: float = 0.03  # of none-labelled messages, in held-out folds
    min_threshold: float = 0.2  # never vote on a message the model itself thinks is safe
    length: int = 2**16  # hashed feature rows: plenty for a few thousand distinct n-grams
    # Word-piece sizes (features.py). Tried 3, 4, 5 and 3+4: no better recall at the same false
    # alarms in cross-validation on these sets, and slower; so off, kept one setting away.
    char_sizes: tuple[int, ...] = ()
    # Candidate shares of known words a message needs before the model votes (abstain.py).
    min_coverages: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    level: Level

    @property
    def risk(self) -> bool:
        return self.level in RISK_LEVELS


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Held-out-fold figures at the chosen threshold (each message scored by a model that did
    not see it)."""

    folds: int
    threshold: float
    min_coverage: float  # share of a message's words seen in training for the model to vote
    # Emergency+crisis the model alone rates crisis (scored at or above the threshold, where it
    # may vote): the rules were written against these sets, so the combined recall here is
    # 100% and says nothing; this is the model's own, as on wording the rules never saw.
    model_risk_recall: float
    none_false_alarms: float  # none-labelled the combined screener rates crisis or higher
    concern_false_alarms: float  # concern-labelled the combined screener rates crisis or higher
    n: int
    ordinary: int = 0  # NLU examples trained on as not risk (in every fold, never held out)


def training_paths() -> list[Path]:
    """Every training set (evaluation/train/*.yml), by name."""
    return set_paths(Role.TRAIN)


def load_training(paths: Sequence[Path]) -> list[Labelled]:
    """The labelled messages of `paths`; raises HeldOutSetError for a path outside train/."""
    return [
        Labelled(example.text, example.level)
        for path in paths
        for example in load_labelled(path, Purpose.TRAINING).examples
    ]


def new_pipeline(config: TrainingConfig) -> Language:
    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": config.ngram_size,
        "no_output_layer": False,
        "length": config.length,
    }
    textcat = nlp.add_pipe("textcat", config={"model": model, "threshold": 0.5})
    assert isinstance(textcat, TextCategorizer)
    textcat.add_label(RISK)
    textcat.add_label(SAFE)
    return nlp


def fit(
    lexicon: Lexicon,
    data: Sequence[Labelled],
    config: TrainingConfig,
    ordinary: Sequence[str] = (),
) -> Language:
    """A pipeline trained on `data`, and on `ordinary` texts as not risk; the same data and
    config give the same model, bit for bit."""
    fix_random_seed(config.seed)
    nlp = new_pipeline(config)
    text = ModelText(lexicon, nlp, config.char_sizes)
    labelled = [(item.text, item.risk) for item in data]
    examples = [
        SpacyExample.from_dict(text(item), {"cats": {RISK: float(risk), SAFE: float(not risk)}})
        for item, risk in [*labelled, *((item, False) for item in ordinary)]
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(config.seed)  # noqa: S311 - a reproducible shuffle, not a secret
    for _ in range(config.epochs):
        shuffled = examples[:]
        order.shuffle(shuffled)
        for start in range(0, len(shuffled), config.batch_size):
            batch = shuffled[start : start + config.batch_size]
            nlp.update(batch, sgd=optimizer, drop=config.dropout)
    return nlp


def risk_scores(
    nlp: Language, lexicon: Lexicon, texts: Sequence[str], char_sizes: tuple[int, ...] = ()
) -> list[float]:
    text = ModelText(lexicon, nlp, char_sizes)
    textcat = nlp.get_pipe("textcat")
    assert isinstance(textcat, TextCategorizer)
    column = list(textcat.labels).index(RISK)
    scores = textcat.model.predict([text(item) for item in texts])
    return [float(row[column]) for row in scores]


def fold_of(data: Sequence[Labelled], config: TrainingConfig) -> list[int]:
    """Stratified by level, shuffled with the seed: each fold holds each level in proportion."""
    folds = [0] * len(data)
    order = random.Random(config.seed)  # noqa: S311 - a reproducible shuffle, not a secret
    for level in Level:
        members = [index for index, item in enumerate(data) if item.level == level]
        order.shuffle(members)
        for position, index in enumerate(members):
            folds[index] = position % config.folds
    return folds


def vocabulary_of(lexicon: Lexicon, texts: Sequence[str]) -> frozenset[str]:
    """The words the model was trained on, as it reads them (abstain.py)."""
    text = ModelText(lexicon)
    return known_words(text.plain(item) for item in texts)


def out_of_fold_scores(
    lexicon: Lexicon,
    data: Sequence[Labelled],
    config: TrainingConfig,
    ordinary: Sequence[str] = (),
) -> tuple[list[float], list[float]]:
    """Each message's risk score from the model trained on the other folds (and `ordinary`),
    and the share of its words that model had seen."""
    folds = fold_of(data, config)
    scores, coverages = [0.0] * len(data), [0.0] * len(data)
    text = ModelText(lexicon)
    for fold in range(config.folds):
        held = [index for index, value in enumerate(folds) if value == fold]
        train = [data[i] for i, value in enumerate(folds) if value != fold]
        nlp = fit(lexicon, train, config, ordinary)
        vocabulary = vocabulary_of(lexicon, [*(item.text for item in train), *ordinary])
        held_scores = risk_scores(nlp, lexicon, [data[i].text for i in held], config.char_sizes)
        for index, score in zip(held, held_scores, strict=True):
            scores[index] = score
            coverages[index] = coverage(text.plain(data[index].text), vocabulary)
    return scores, coverages


def choose_threshold(
    data: Sequence[Labelled],
    scores: Sequence[float],
    votes: Sequence[Vote],
    config: TrainingConfig,
    may_vote: Sequence[bool] | None = None,
) -> float:
    """The lowest threshold keeping the combined screener's held-out false alarms (none-labelled
    rated crisis or higher, by the rules or by the model where it may vote) within the bound.
    `may_vote`: where the model is asked at all, when narrower than the votes' own."""
    asked = may_vote if may_vote is not None else [vote.may_vote for vote in votes]
    safe = [index for index, item in enumerate(data) if item.level == Level.NONE]
    allowed = int(config.max_false_alarms * len(safe))
    ruled = sum(votes[index].rules_alarm for index in safe)
    # Scores of the none-labelled messages only the model could turn into false alarms.
    open_scores = sorted(
        (scores[index] for index in safe if asked[index] and not votes[index].rules_alarm),
        reverse=True,
    )
    room = max(allowed - ruled, 0)  # this many may reach the threshold
    boundary = open_scores[room] if room < len(open_scores) else 0.0
    return max(config.min_threshold, round(boundary + 1e-4, 4))


@dataclass(frozen=True, slots=True)
class Vote:
    """What the rules said of a training message, as far as the model's vote is concerned."""

    rules_alarm: bool  # the rules alone rate it crisis or higher
    may_vote: bool  # the model is asked at all (abstain.py)


def rules_votes(lexicon: Lexicon, data: Sequence[Labelled]) -> list[Vote]:
    from escalation.screener import LexiconScreener

    rules, text = LexiconScreener(lexicon), ModelText(lexicon)
    votes = []
    for item in data:
        ruled = rules(item.text)
        alarm = ruled.level >= Level.CRISIS
        # As deployed: the model defers to the rules' context only when they rated it lower.
        deferred = defers_to_rules(ruled) and not alarm
        votes.append(Vote(alarm, not deferred and not too_short(text.words(item.text))))
    return votes


def cross_validate(
    lexicon: Lexicon,
    data: Sequence[Labelled],
    config: TrainingConfig,
    ordinary: Sequence[str] = (),
) -> CrossValidation:
    scores, coverages = out_of_fold_scores(lexicon, data, config, ordinary)
    votes = rules_votes(lexicon, data)
    best: CrossValidation | None = None
    for min_coverage in sorted(config.min_coverages):
        asked = [
            vote.may_vote and share >= min_coverage
            for vote, share in zip(votes, coverages, strict=True)
        ]
        threshold = choose_threshold(data, scores, votes, config, asked)
        model = [ask and score >= threshold for ask, score in zip(asked, scores, strict=True)]
        combined = [vote.rules_alarm or alarm for vote, alarm in zip(votes, model, strict=True)]
        figures = CrossValidation(
            folds=config.folds,
            threshold=threshold,
            min_coverage=min_coverage,
            model_risk_recall=_share(data, model, RISK_LEVELS),
            none_false_alarms=_share(data, combined, {Level.NONE}),
            concern_false_alarms=_share(data, combined, {Level.CONCERN}),
            n=len(data),
            ordinary=len(ordinary),
        )
        logger.info("cross-validation at coverage %.2f: %s", min_coverage, figures)
        # Ascending shares, so a tie goes to the higher one: the vote needing more evidence.
        if best is None or figures.model_risk_recall >= best.model_risk_recall:
            best = figures
    assert best is not None, "no candidate coverage"
    return best


def _share(data: Sequence[Labelled], alarms: Sequence[bool], levels: AbstractSet[Level]) -> float:
    chosen = [alarm for item, alarm in zip(data, alarms, strict=True) if item.level in levels]
    return sum(chosen) / len(chosen) if chosen else 0.0
