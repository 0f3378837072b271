"""The project's labelled sets by role, and the only code that reads them.

A set's role is the folder it lives in under escalation/evaluation/, never its file name or a
list kept somewhere else; every *.yml in a role folder belongs to it, in name order:

    train/   TRAIN. The rules are written against these and the risk model is trained on them.
             Anyone may read them, misses included, for anything; figures on them are a fit.
    tune/    TUNE. Thresholds are chosen and misses are read here. Never trained on (a model
             that learnt them would be tuned on its own training data); figures on them are
             optimistic, because choices were made by looking at them.
    test/    TEST. Held out: nothing is trained or tuned on them and no miss is ever listed.
             Read only for figures, by the report, whose gate in `make test` they decide. A set
             whose misses have been read is no longer a test set: it moves to tune/ or train/.
    sealed/  SEALED. Written blind and read once, at the very end of the screening work, when its
             figures and misses go into the closing note. Until then nothing opens it: only
             load_sealed(unseal=True) reads it, and its size is declared here, not counted.

Each purpose may read only some roles (MAY_READ): training reads TRAIN only; tuning (choosing a
threshold, reading misses) reads TRAIN and TUNE; measuring (figures only) reads TRAIN, TUNE and
TEST. Anything else, a file outside every role folder included, raises HeldOutSetError, so
training or tuning on a test set needs a deliberate edit of this file, not an accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import yaml

from escalation.evaluation.datasets import Example
from escalation.levels import Level

# Read at each call, not bound as a default, so the tests can point it at sets of their own.
EVALUATION_DIR = Path(__file__).parent
FEEDBACK_DIR = Path(__file__).resolve().parents[2] / "var" / "screening-feedback"


class Role(Enum):
    TRAIN = "train"
    TUNE = "tune"
    TEST = "test"
    SEALED = "sealed"


class Purpose(Enum):
    TRAINING = "training"  # learn from it: train the model, write rules
    TUNING = "tuning"  # choose thresholds, read misses
    MEASURING = "measuring"  # print figures only


MAY_READ: dict[Purpose, frozenset[Role]] = {
    Purpose.TRAINING: frozenset({Role.TRAIN}),
    Purpose.TUNING: frozenset({Role.TRAIN, Role.TUNE}),
    Purpose.MEASURING: frozenset({Role.TRAIN, Role.TUNE, Role.TEST}),
}

# Each sealed set's size, declared when it was committed (its bytes are hash-checked by
# tests/escalation/test_sealed_blind_set.py), so the report can name it without opening it.
SEALED_SIZES: dict[str, int] = {"blind_2026_12.yml": 448}


class HeldOutSetError(Exception):
    """A labelled set was asked for a purpose its role forbids."""


@dataclass(frozen=True, slots=True)
class LabelledSet:
    path: Path
    role: Role
    examples: tuple[Example, ...]

    @property
    def name(self) -> str:
        return self.path.name

    def __len__(self) -> int:
        return len(self.examples)


def feedback_folder() -> Path:
    """Peers' corrections (false alarms, missed risk) exported by `warmline screening-feedback
    --train`: TRAIN data, private to this deployment (participants' own words: var/ is never
    committed), learnt by the next model build. Read at each call, so tests can point it
    elsewhere."""
    return FEEDBACK_DIR


def feedback_paths() -> list[Path]:
    return sorted(feedback_folder().glob("*.yml"))


def role_folder(role: Role) -> Path:
    return EVALUATION_DIR / role.value


def set_paths(role: Role) -> list[Path]:
    """Every *.yml in the role's folder, by name. Lists names only: nothing is opened."""
    return sorted(role_folder(role).glob("*.yml"))


def role_of(path: Path) -> Role | None:
    """The role of the folder the file is in (links followed, so a link in train/ to a test set
    is a test set), or None when that is no role folder."""
    folder = path.resolve().parent
    if folder == feedback_folder().resolve():
        return Role.TRAIN
    for role in Role:
        if folder == role_folder(role).resolve():
            return role
    return None


def load_labelled(path: Path, purpose: Purpose) -> LabelledSet:
    """The set at `path`, when its role may be read for `purpose`; else HeldOutSetError."""
    role = role_of(path)
    if role is None:
        folders = ", ".join(f"{each.value}/" for each in Role)
        raise HeldOutSetError(
            f"{path} is in no role folder ({folders} under {EVALUATION_DIR}): a set of unknown"
            f" role may not be read for {purpose.value}"
        )
    if role is Role.SEALED:
        raise HeldOutSetError(
            f"{path.name} is sealed: it is read once, at the end, by load_sealed(unseal=True),"
            f" never for {purpose.value}"
        )
    if role not in MAY_READ[purpose]:
        allowed = ", ".join(sorted(f"{each.value}/" for each in MAY_READ[purpose]))
        raise HeldOutSetError(
            f"{path.name} is a {role.value} set: {purpose.value} may read only {allowed};"
            f" a {role.value} set used for {purpose.value} would no longer be {_kept(role)}"
        )
    return LabelledSet(path, role, tuple(_read(path)))


def training_sets() -> list[LabelledSet]:
    """The TRAIN sets: what the model learns from and the rules are written against."""
    return [load_labelled(path, Purpose.TRAINING) for path in set_paths(Role.TRAIN)]


def load_training_examples() -> list[Example]:
    return [example for labelled in training_sets() for example in labelled.examples]


def tuning_sets() -> list[LabelledSet]:
    """The TUNE sets: where thresholds are chosen and misses read."""
    return [load_labelled(path, Purpose.TUNING) for path in set_paths(Role.TUNE)]


def test_sets() -> list[LabelledSet]:
    """The TEST sets, for figures only: the report's gate."""
    return [load_labelled(path, Purpose.MEASURING) for path in set_paths(Role.TEST)]


def sealed_paths() -> list[Path]:
    """The sealed sets' files, unopened."""
    return set_paths(Role.SEALED)


def load_sealed(*, unseal: bool) -> list[LabelledSet]:
    """The sealed sets, read: only with unseal=True, once, when the screening work is done."""
    if not unseal:
        raise HeldOutSetError("the sealed sets are read once, at the very end: pass unseal=True")
    return [LabelledSet(path, Role.SEALED, tuple(_read(path))) for path in sealed_paths()]


def _kept(role: Role) -> str:
    return "held out" if role is Role.TEST else "apart from training"


def _read(path: Path) -> list[Example]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("messages"), list):
        raise ValueError(f"{path}: not a labelled set (version, messages: [{{text, level}}])")
    return [
        Example(str(item["text"]), Level[str(item["level"]).upper()], str(item.get("topic", "")))
        for item in raw["messages"]
    ]
