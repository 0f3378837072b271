"""No screening or model code names a held-out set: not the test/ or sealed/ folders, not a file
in them, not the loaders that read them. The loaders refuse a held-out set for training; this
makes sure nobody wires one in by hand around them either (evaluation/ itself, which holds the
loaders and the report, is the one package that may name them)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from escalation.evaluation import sets
from escalation.evaluation.sets import Role

ESCALATION = Path(__file__).resolve().parents[3] / "escalation"
SCANNED = sorted([*ESCALATION.glob("*.py"), *(ESCALATION / "model").glob("*.py")])
HELD_OUT = (Role.TEST, Role.SEALED)
# The held-out sets announced for these folders, named here as well in case a file is not there.
ANNOUNCED = ("test_2026_12", "generated_test", "blind_2026_12")
FOLDER = re.compile(
    r"(?<![\w.-])(?:test|sealed)/"  # evaluation/test/..., "sealed/x.yml"
    r"|[\"'](?:test|sealed)[\"']"  # EVALUATION_DIR / "test"
    r"|\bRole\.(?:TEST|SEALED)\b|\bPurpose\.MEASURING\b"
    r"|\b(?:test_sets|load_sealed|sealed_paths)\b"
)


def held_out_names() -> set[str]:
    """The held-out files' names without .yml: listed, never opened."""
    listed = {path.stem for role in HELD_OUT for path in sets.set_paths(role)}
    return listed | set(ANNOUNCED)


def references(paths: Iterable[Path], names: set[str]) -> list[str]:
    """`file:line: text` for every line naming a held-out folder, file or loader."""
    name = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FOLDER.search(line) or name.search(line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_no_screening_or_model_code_names_a_held_out_set() -> None:
    assert SCANNED
    assert references(SCANNED, held_out_names()) == []


def test_the_scan_finds_a_held_out_set_wired_in_by_hand(tmp_path: Path) -> None:
    wired = [
        'TRAINING_SETS = ("corpus.yml", "test_2026_12.yml")',
        'extra = EVALUATION_DIR / "test" / "x.yml"',
        'path = Path("escalation/evaluation/sealed/blind.yml")',
        "data = [*training_sets(), *test_sets()]",
        "data = load_sealed(unseal=True)",
        "paths = set_paths(Role.TEST)",
        "held = load_labelled(path, Purpose.MEASURING)",
    ]
    clean = ["paths = set_paths(Role.TRAIN)", "# the latest/ folder; pytest/ is not a set"]
    module = tmp_path / "module.py"
    module.write_text("\n".join([*wired, *clean]) + "\n", encoding="utf-8")

    assert len(references([module], held_out_names())) == len(wired)
