"""The trained risk model, cached on disk and keyed by a hash of everything that shapes it.

Training takes seconds, loading a fraction of one: app start-up, `warmline evaluate-screening`
and the tests load `<models dir>/risk-model-<hash>/` when it is there and train only when the
hash is new. The hash covers the training sets, the tuning sets its thresholds are chosen on,
the snapshot of ordinary talk (the bot's NLU examples as they were, trained on as not risk:
nlu.py), the lexicon and the frames (their spellings shape the normalised text, their rules the
thresholds), the code of the model and of the rules, the training config and spaCy's version:
change any of them and the next build retrains, so a stale model is never used. Writes are
atomic (a temporary folder renamed into place), so two processes starting at once cannot leave
half a model behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

import spacy

from escalation.lexicon import LEXICON_PATH, Lexicon
from escalation.model.classifier import RiskModel
from escalation.model.nlu import ordinary_examples, ordinary_talk_paths
from escalation.model.thresholds import Policy, Tuning, choose
from escalation.model.train import (
    TrainingConfig,
    fit,
    generated_training,
    load_training,
    load_tuning,
    training_paths,
    tuning_paths,
    tuning_scores,
    vocabulary_of,
)

logger = logging.getLogger(__name__)

PREFIX = "risk-model-"
META = "risk-model.json"
VOCABULARY = "risk-vocabulary.txt"  # the words trained on, one a line (abstain.py)
_ESCALATION = Path(__file__).resolve().parent.parent
# Code whose change changes the trained model, what it is fed, or its threshold (chosen with the
# rules' votes beside it): the model's own code and the rules'.
_CODE = (
    *sorted((_ESCALATION / "model").glob("*.py")),
    *sorted(_ESCALATION.glob("*.py")),
    _ESCALATION / "frames.yml",  # the risk frames, built into the rules' categories
    _ESCALATION / "generation.yml",  # the grammar the model's generated examples come from
)


def models_dir() -> Path:
    """`var/screening-models` in the project, whatever the data dir: like the engine's model
    cache, it is built from the repository's own files only (keyed by their hash), so every
    system on this checkout (tests with their own data dirs included) shares one training.
    Not var/models: that folder holds the engine's models, and the engine picks its newest."""
    from core.settings import PROJECT_ROOT

    return PROJECT_ROOT / "var" / "screening-models"


def fingerprint(
    config: TrainingConfig,
    paths: Sequence[Path],
    lexicon_path: Path = LEXICON_PATH,
    nlu: Sequence[Path] = (),
) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(asdict(config), sort_keys=True).encode())
    digest.update(metadata.version("spacy").encode())
    for path in (*paths, *nlu, lexicon_path, *_CODE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def load_or_train(
    lexicon: Lexicon,
    directory: Path,
    config: TrainingConfig | None = None,
    paths: Sequence[Path] | None = None,
    lexicon_path: Path = LEXICON_PATH,
    nlu: Sequence[Path] | None = None,
    tuning: Sequence[Path] | None = None,
) -> RiskModel:
    """The cached model for this hash, else a newly trained one (then cached). Raises when it
    can neither load nor train; the caller falls back to the rules alone. `nlu`: the files of
    NLU examples to learn as not risk (default: the snapshot in ordinary_talk.yml); `tuning`:
    the sets the thresholds are chosen on (default: evaluation/tune/)."""
    config = config or TrainingConfig()
    paths = list(paths) if paths is not None else training_paths()
    nlu = list(nlu) if nlu is not None else ordinary_talk_paths()
    tuning = list(tuning) if tuning is not None else tuning_paths()
    version = fingerprint(config, [*paths, *tuning], lexicon_path, nlu)
    target = directory / f"{PREFIX}{version}"
    if (target / META).is_file():
        try:
            return _load(target, lexicon, version)
        except Exception:
            logger.exception("cached risk model %s did not load; training it again", target)
    model = train_model(lexicon, config, paths, version, nlu, tuning)
    try:
        _save(model, config, directory, target)
    except OSError:
        logger.exception("could not cache the risk model in %s; using it from memory", directory)
    return model


def train_model(
    lexicon: Lexicon,
    config: TrainingConfig,
    paths: Sequence[Path],
    version: str,
    nlu: Sequence[Path] = (),
    tuning: Sequence[Path] = (),
) -> RiskModel:
    """Trains on `paths` (and `nlu` as not risk), then chooses the thresholds on `tuning`; with
    no tuning set the model never votes (nothing to choose its thresholds on)."""
    data = [*load_training(paths), *generated_training(lexicon, config)]
    ordinary = ordinary_examples(lexicon, nlu, [item.text for item in data if item.risk])
    nlp = fit(lexicon, data, config, ordinary)
    vocabulary = vocabulary_of(lexicon, [*(item.text for item in data), *ordinary])
    held = load_tuning(tuning)
    scored = tuning_scores(lexicon, nlp, vocabulary, held, config.char_sizes)
    names = ", ".join(path.name for path in tuning) or "no tuning set"
    chosen = choose(scored, f"{names} ({len(held)} messages)", config.bounds)
    model = RiskModel(
        nlp,
        lexicon,
        chosen.concern_threshold,
        version,
        config.char_sizes,
        crisis_threshold=chosen.crisis_threshold,
        trained_now=True,
        tuning=chosen,
        vocabulary=vocabulary,
        min_coverage=chosen.min_coverage,
    )
    logger.info("trained risk model %s: %s", version, chosen)
    return model


def _load(target: Path, lexicon: Lexicon, version: str) -> RiskModel:
    meta = json.loads((target / META).read_text(encoding="utf-8"))
    if meta["version"] != version:
        raise ValueError(f"{target}: holds model {meta['version']}, not {version}")
    nlp = spacy.load(target)
    sizes = tuple(int(size) for size in meta["config"]["char_sizes"])
    raw = meta["tuning"]
    tuning = Tuning(**{**raw, "policies": tuple(Policy(**item) for item in raw["policies"])})
    vocabulary = frozenset((target / VOCABULARY).read_text(encoding="utf-8").split())
    return RiskModel(
        nlp,
        lexicon,
        tuning.concern_threshold,
        version,
        sizes,
        crisis_threshold=tuning.crisis_threshold,
        tuning=tuning,
        vocabulary=vocabulary,
        min_coverage=tuning.min_coverage,
    )


def _save(
    model: RiskModel,
    config: TrainingConfig,
    directory: Path,
    target: Path,
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=directory))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide the model from the app's own user
    try:
        model.nlp.to_disk(staging)
        meta = {
            "version": model.version,
            "config": asdict(config),
            "tuning": asdict(model.tuning) if model.tuning else None,
        }
        words = "".join(f"{word}\n" for word in sorted(model.vocabulary))
        (staging / VOCABULARY).write_text(words, encoding="utf-8")
        (staging / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        if target.exists():  # another process cached the same model first, or a broken copy
            shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for stale in directory.glob(f"{PREFIX}*"):
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
