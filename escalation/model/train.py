"""Trains the risk model from code, on the project's own labelled sets, deterministically.

Nothing is downloaded: the pipeline is `spacy.blank("en")` plus spaCy's own `textcat` with a
bag-of-words model (`spacy.TextCatBOW.v3`, word uni- and bigrams and word pieces), small enough to
train in seconds and to classify a message in well under a millisecond. The label is binary:
risk (a message labelled emergency or crisis) or not.

What a vote may do is chosen on the tuning sets, which the model never trains on
(thresholds.py): `tuning_scores` scores them with the model trained here. The training sets'
own figures are a fit and are reported as one (escalation/evaluation/report.py).

Beside the labelled sets the model learns the assistant's own NLU examples as not risk
(nlu.py): everyday wording the labelled sets hold little of.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example as SpacyExample
from thinc.api import fix_random_seed

from escalation.evaluation.sets import Purpose, Role, feedback_paths, load_labelled, set_paths
from escalation.generation import generate, load_grammar
from escalation.levels import Level
from escalation.lexicon import Lexicon
from escalation.model.abstain import coverage, defers_to_rules, known_words, too_short
from escalation.model.features import ModelText
from escalation.model.thresholds import Bounds, Scored

DEFAULT_BOUNDS = Bounds()

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
    length: int = 2**16  # hashed feature rows: plenty for a few thousand distinct n-grams
    # Word-piece sizes (features.py). Tried 3, 4, 5 and 3+4: no better recall at the same false
    # alarms in cross-validation on these sets (before issue 15), and slower; so off.
    char_sizes: tuple[int, ...] = ()
    # Messages written from generation.yml per scene, trained on beside the labelled sets; 0 is
    # none. Chosen on the tuning set (thresholds.py prints the comparison), never a test set.
    generated_per_scene: int = 0
    # What the thresholds are chosen to keep within (thresholds.py); frozen, so safe to share.
    bounds: Bounds = DEFAULT_BOUNDS


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    level: Level

    @property
    def risk(self) -> bool:
        return self.level in RISK_LEVELS


def training_paths() -> list[Path]:
    """Every training set (evaluation/train/*.yml), by name, then the peers' feedback exported
    for training on this deployment, if any (sets.feedback_folder)."""
    return [*set_paths(Role.TRAIN), *feedback_paths()]


def load_training(paths: Sequence[Path]) -> list[Labelled]:
    """The labelled messages of `paths`; raises HeldOutSetError for a path outside train/."""
    return [
        Labelled(example.text, example.level)
        for path in paths
        for example in load_labelled(path, Purpose.TRAINING).examples
    ]


def generated_training(lexicon: Lexicon, config: TrainingConfig) -> list[Labelled]:
    """Messages the structure grammar writes (escalation/generation.py), with their scenes'
    levels; drawn with the training seed, so the same config trains the same model."""
    if config.generated_per_scene <= 0:
        return []
    drawn = generate(lexicon, load_grammar(), config.generated_per_scene, config.seed)
    return [Labelled(item.text, item.level) for item in drawn]


def tuning_paths() -> list[Path]:
    """Every tuning set (evaluation/tune/*.yml), by name."""
    return set_paths(Role.TUNE)


def load_tuning(paths: Sequence[Path]) -> list[Labelled]:
    """The labelled messages of `paths` for choosing thresholds; raises HeldOutSetError for a
    test or sealed set."""
    return [
        Labelled(example.text, example.level)
        for path in paths
        for example in load_labelled(path, Purpose.TUNING).examples
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
    if not texts:
        return []  # thinc cannot predict on an empty batch
    text = ModelText(lexicon, nlp, char_sizes)
    textcat = nlp.get_pipe("textcat")
    assert isinstance(textcat, TextCategorizer)
    column = list(textcat.labels).index(RISK)
    scores = textcat.model.predict([text(item) for item in texts])
    return [float(row[column]) for row in scores]


def vocabulary_of(lexicon: Lexicon, texts: Sequence[str]) -> frozenset[str]:
    """The words the model was trained on, as it reads them (abstain.py)."""
    text = ModelText(lexicon)
    return known_words(text.plain(item) for item in texts)


def tuning_scores(
    lexicon: Lexicon,
    nlp: Language,
    vocabulary: frozenset[str],
    tuning: Sequence[Labelled],
    char_sizes: tuple[int, ...] = (),
) -> list[Scored]:
    """Each tuning message as the trained model and the rules see it: the model never saw these
    messages, so the thresholds chosen on them are chosen on unseen wording."""
    from escalation.screener import LexiconScreener

    rules, text = LexiconScreener(lexicon), ModelText(lexicon)
    scores = risk_scores(nlp, lexicon, [item.text for item in tuning], char_sizes)
    scored = []
    for item, score in zip(tuning, scores, strict=True):
        ruled = rules(item.text)
        words = text.words(item.text)
        scored.append(
            Scored(
                label=item.level,
                ruled=ruled.level,
                score=score,
                coverage=coverage(text.plain(item.text), vocabulary),
                # As deployed: the model defers to the rules' context, and skips short texts.
                may_vote=not defers_to_rules(ruled) and not too_short(words),
            )
        )
    return scored
