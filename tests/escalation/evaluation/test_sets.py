"""The labelled sets' loaders: a set's role is its folder, and each purpose reads only the roles
it may (training: train; tuning: train and tune; figures: train, tune and test; the sealed set
only when unsealed). Every refusal is a HeldOutSetError."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.evaluation import sets
from escalation.evaluation.sets import HeldOutSetError, Purpose, Role
from escalation.levels import Level
from escalation.model.train import load_training, training_paths
from tests.escalation.evaluation.layout import use_layout, write_set

ONE = [("a message", Level.NONE)]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_layout(tmp_path, monkeypatch)


def test_a_sets_role_is_the_folder_it_is_in(root: Path) -> None:
    paths = {role: write_set(root / role.value / "a.yml", ONE) for role in Role}
    stray = write_set(root / "a.yml", ONE)

    assert {role: sets.role_of(path) for role, path in paths.items()} == {r: r for r in Role}
    assert sets.role_of(stray) is None


def test_each_loader_returns_every_set_of_its_own_role_by_name_and_no_other(root: Path) -> None:
    for role in Role:
        write_set(root / role.value / f"{role.value}_b.yml", ONE)
        write_set(root / role.value / f"generated_{role.value}.yml", ONE)

    loaded = {
        "training": [s.name for s in sets.training_sets()],
        "tuning": [s.name for s in sets.tuning_sets()],
        "test": [s.name for s in sets.test_sets()],
        "sealed": [s.name for s in sets.load_sealed(unseal=True)],
    }

    assert loaded == {
        "training": ["generated_train.yml", "train_b.yml"],
        "tuning": ["generated_tune.yml", "tune_b.yml"],
        "test": ["generated_test.yml", "test_b.yml"],
        "sealed": ["generated_sealed.yml", "sealed_b.yml"],
    }


def test_the_training_examples_are_those_of_the_train_sets_only(root: Path) -> None:
    write_set(root / "train" / "a.yml", [("learn me", Level.CRISIS)])
    for role in (Role.TUNE, Role.TEST, Role.SEALED):
        write_set(root / role.value / "a.yml", [(f"never learn {role.value}", Level.NONE)])

    assert [(e.text, e.level) for e in sets.load_training_examples()] == [
        ("learn me", Level.CRISIS)
    ]


@pytest.mark.parametrize(
    ("role", "purpose"),
    [
        (Role.TEST, Purpose.TRAINING),
        (Role.TEST, Purpose.TUNING),
        (Role.TUNE, Purpose.TRAINING),
        (Role.SEALED, Purpose.TRAINING),
        (Role.SEALED, Purpose.TUNING),
        (Role.SEALED, Purpose.MEASURING),
    ],
)
def test_a_set_is_refused_for_a_purpose_its_role_forbids(
    root: Path, role: Role, purpose: Purpose
) -> None:
    path = write_set(root / role.value / "a.yml", ONE)

    with pytest.raises(HeldOutSetError, match=f"a.yml is (a {role.value} set|sealed)"):
        sets.load_labelled(path, purpose)


@pytest.mark.parametrize(
    ("role", "purpose"),
    [
        (Role.TRAIN, Purpose.TRAINING),
        (Role.TRAIN, Purpose.TUNING),
        (Role.TRAIN, Purpose.MEASURING),
        (Role.TUNE, Purpose.TUNING),
        (Role.TUNE, Purpose.MEASURING),
        (Role.TEST, Purpose.MEASURING),
    ],
)
def test_a_set_is_read_for_a_purpose_its_role_allows(
    root: Path, role: Role, purpose: Purpose
) -> None:
    path = write_set(root / role.value / "a.yml", ONE)

    assert sets.load_labelled(path, purpose).role == role


@pytest.mark.parametrize("purpose", list(Purpose))
def test_a_set_outside_every_role_folder_is_refused(root: Path, purpose: Purpose) -> None:
    path = write_set(root / "copied.yml", ONE)

    with pytest.raises(HeldOutSetError, match="in no role folder"):
        sets.load_labelled(path, purpose)


def test_a_link_in_train_to_a_test_set_is_a_test_set(root: Path) -> None:
    held_out = write_set(root / "test" / "a.yml", ONE)
    link = root / "train" / "a.yml"
    link.symlink_to(held_out)

    with pytest.raises(HeldOutSetError, match="a test set"):
        sets.load_labelled(link, Purpose.TRAINING)


def test_the_sealed_sets_are_read_only_when_unsealed(root: Path) -> None:
    write_set(root / "sealed" / "a.yml", ONE)

    with pytest.raises(HeldOutSetError, match="pass unseal=True"):
        sets.load_sealed(unseal=False)
    assert [len(s) for s in sets.load_sealed(unseal=True)] == [1]


def test_listing_the_sealed_sets_does_not_open_them(root: Path) -> None:
    # Not YAML at all: reading it would raise.
    (root / "sealed" / "a.yml").write_text("{{ not: [yaml", encoding="utf-8")

    assert [path.name for path in sets.sealed_paths()] == ["a.yml"]


def test_the_model_trains_on_every_train_set_and_nothing_else(root: Path) -> None:
    write_set(root / "train" / "b.yml", [("second", Level.NONE)])
    write_set(root / "train" / "a.yml", [("first", Level.CRISIS)])
    write_set(root / "tune" / "a.yml", ONE)

    assert [path.name for path in training_paths()] == ["a.yml", "b.yml"]
    assert [item.text for item in load_training(training_paths())] == ["first", "second"]


@pytest.mark.parametrize("folder", ["tune", "test", "sealed", "."])
def test_the_model_refuses_to_train_on_a_set_outside_train(root: Path, folder: str) -> None:
    path = write_set(root / folder / "a.yml", ONE)

    with pytest.raises(HeldOutSetError):
        load_training([path])


def test_the_projects_sets_are_filed_by_role() -> None:
    # Names only: the sealed set is listed, never opened.
    names = {role: [path.name for path in sets.set_paths(role)] for role in Role}

    assert {"blind_2026_11.yml", "corpus.yml", "final_test.yml", "heldout.yml"} <= set(
        names[Role.TRAIN]
    )
    assert names[Role.SEALED] == ["blind_2026_12.yml"]
    assert sets.SEALED_SIZES == {"blind_2026_12.yml": 448}
