"""`warmline evaluate-screening`: the screener's figures on each labelled set, by the set's role.

    uv run warmline evaluate-screening
    uv run python -m escalation.evaluation.report --misses            # misses: train and tune only
    uv run python -m escalation.evaluation.report --unseal [--misses]  # once, at the very end

The sets are read through sets.py, whose folders give each set its role; each section says which
role it shows, and who may read it:

    FIT     train/: the rules are written against these and the model is trained on them.
            Anyone may read them and their misses; their figures are a fit, never a test.
    TUNE    tune/: thresholds are chosen and misses are read here; figures are optimistic.
    TEST    test/: held out, nothing is trained or tuned on them. Figures only, never a miss:
            these sets, and only these, decide the exit code (the gate in `make test`).
    PUBLIC  public/: external test sets, reported against their own targets, never gating and
            never listing misses. Earlier work read their misses while writing rules, so they are
            closer to tune than to test.
    SEALED  sealed/: not read at all unless --unseal is given (the sealed set is read once, when
            the screening work is finished, and its figures and misses go into the closing note).

Exits 1 when a test set misses a target and falls below the floor the gate holds for it until
the target is met (gate.py), or when no test set measures one of the targets (no test set at all
included); train, tune, public and sealed figures never decide the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from escalation.evaluation import sets
from escalation.evaluation.datasets import PUBLIC_DIR, PUBLIC_SETS, Example, load_public_set
from escalation.evaluation.gate import Verdict, verdicts
from escalation.evaluation.generated import report_generated
from escalation.evaluation.metrics import (
    Rated,
    Target,
    level_figures,
    openai_target,
    screening_targets,
    xstest_target,
)
from escalation.evaluation.sets import LabelledSet, Role
from escalation.screening import default_screener, screen

FIT = "FIT (train; the rules were written against these and the model trained on them)"
TUNE = "TUNE (thresholds are chosen and misses read here)"
TEST = "TEST (held out; nothing tuned on it; the gate)"
PUBLIC = "PUBLIC test sets (misses were read in earlier work: closer to tune than test)"
SEALED = "SEALED"


def rate(examples: Sequence[Example]) -> list[Rated]:
    return [Rated(example.level, screen(example.text).level, example.text) for example in examples]


def print_section(title: str, out: TextIO) -> None:
    print(f"\n== {title} ==", file=out)


def print_levels(title: str, rated: Sequence[Rated], out: TextIO) -> None:
    print(f"\n{title}", file=out)
    print(f"  {'level':<10}{'n':>5}{'exact':>14}{'at or above':>16}{'false alarms':>20}", file=out)
    for figures in level_figures(rated):
        if figures.n == 0 and figures.false_alarms == 0:
            continue
        alarms = f"{figures.false_alarms}/{figures.below}" if figures.below else "-"
        print(
            f"  {figures.level.label:<10}{figures.n:>5}"
            f"{_count(figures.exact, figures.n):>14}{_count(figures.at_or_above, figures.n):>16}"
            f"{alarms:>20}",
            file=out,
        )


def print_targets(targets: Sequence[Target], out: TextIO, what: str = "target") -> None:
    for target in targets:
        sign = ">=" if target.at_least else "<="
        if not target.measured:
            print(f"  {what} {target.name}: not measured (no such messages)", file=out)
            continue
        verdict = "met" if target.met else "MISSED"
        print(
            f"  {what} {target.name}: {target.share:.1%} of {target.n} ({sign} {target.bound:.0%})"
            f" {verdict}",
            file=out,
        )


def print_gate(judged: Sequence[Verdict], out: TextIO) -> None:
    """Each target, met or missed, and where it is missed, the floor the gate holds instead."""
    print_targets([verdict.target for verdict in judged], out)
    for verdict in judged:
        floor, target = verdict.floor, verdict.target
        if target.met or not target.measured:
            continue
        if floor is None:
            print(f"    gate: no floor for {target.name}: the target is the gate", file=out)
            continue
        sign = ">=" if target.at_least else "<="
        state = "held" if verdict.holds else "BROKEN"
        print(
            f"    gate: floor {sign} {floor.share:.1%} (set at {floor.measured_at}) {state}",
            file=out,
        )


def print_misses(rated: Sequence[Rated], out: TextIO) -> None:
    for item in sorted(rated, key=lambda r: (r.label, r.rating), reverse=True):
        if item.rating != item.label:
            print(f"    {item.label.label:>9} rated {item.rating.label:<9} {item.text!r}", file=out)


def describe(labelled: LabelledSet) -> str:
    return (
        f"{labelled.role.value} set {labelled.name} ({len(labelled)} messages,"
        f" {_shown(labelled.path)})"
    )


def report_fit(out: TextIO, misses: bool, model_status: str) -> None:
    """Every training set, then their union against the targets: a fit, as the heading says."""
    print_section(FIT, out)
    union: list[Rated] = []
    for labelled in sets.training_sets():
        rated = rate(labelled.examples)
        union.extend(rated)
        print_levels(describe(labelled), rated, out)
        if misses:
            print_misses(rated, out)
    if not union:
        print(f"\nno train set in {_shown(sets.role_folder(Role.TRAIN))}/", file=out)
        return
    print(f"\nall train sets together ({len(union)} messages): targets, as fit", file=out)
    print_targets(screening_targets(union), out, "fit")
    print(f"  model fit (trained on the train sets; not a test): {model_status}", file=out)


def report_tune(out: TextIO, misses: bool) -> None:
    print_section(TUNE, out)
    tuning = sets.tuning_sets()
    if not tuning:
        print(f"\nno tune set in {_shown(sets.role_folder(Role.TUNE))}/", file=out)
    for labelled in tuning:
        rated = rate(labelled.examples)
        print_levels(describe(labelled), rated, out)
        print_targets(screening_targets(rated), out)
        if misses:
            print_misses(rated, out)


def report_test(out: TextIO) -> bool:
    """The test sets' figures and targets (never a miss): True when the gate is met, that is
    every measured target of every test set met or its floor held (gate.py), and every target
    measured on some test set."""
    print_section(TEST, out)
    tests = sets.test_sets()
    if not tests:
        folder = _shown(sets.role_folder(Role.TEST))
        print(f"\nno test set in {folder}/: the gate fails", file=out)
        return False
    measured: set[str] = set()
    met = True
    for labelled in tests:
        rated = rate(labelled.examples)
        print_levels(describe(labelled), rated, out)
        targets = screening_targets(rated)
        judged = verdicts(labelled.name, targets)
        print_gate(judged, out)
        measured.update(target.name for target in targets if target.measured)
        met = met and all(verdict.holds for verdict in judged)
    unmeasured = [target.name for target in screening_targets([]) if target.name not in measured]
    for name in unmeasured:
        print(f"  no test set measures {name}: the gate fails", file=out)
    return met and not unmeasured


def report_public(out: TextIO, directory: Path) -> None:
    print_section(PUBLIC, out)
    for name, target_for in (
        ("xstest-hard-negatives", xstest_target),
        ("openai-self-harm", openai_target),
    ):
        examples = load_public_set(name, directory)
        if examples is None:
            print(f"\n{name}: not found in {directory}; skipped", file=out)
            continue
        rated = rate(examples)
        file = _shown(directory / PUBLIC_SETS[name])
        print_levels(f"public test set {name} ({len(rated)} messages, {file})", rated, out)
        print_targets([target_for(rated)], out)


def report_sealed(out: TextIO, misses: bool, unseal: bool) -> None:
    print_section(SEALED, out)
    if not unseal:
        for path in sets.sealed_paths():  # named, never opened
            size = sets.SEALED_SIZES.get(path.name)
            count = f"{size} messages" if size is not None else "size not declared"
            print(f"\nsealed set {path.name} ({count}): sealed, not read", file=out)
        return
    for labelled in sets.load_sealed(unseal=True):
        rated = rate(labelled.examples)
        print_levels(f"{describe(labelled)}, UNSEALED", rated, out)
        declared = sets.SEALED_SIZES.get(labelled.name)
        if declared is not None and declared != len(labelled):
            print(f"  declared {declared} messages, found {len(labelled)}", file=out)
        print_targets(screening_targets(rated), out)
        if misses:
            print_misses(rated, out)


def run(
    out: TextIO, misses: bool = False, unseal: bool = False, public_dir: Path = PUBLIC_DIR
) -> int:
    screener = default_screener()
    print(f"lexicon version {screener.version}", file=out)
    # The figures below are the combined screener's (rules and model): what `screen` answers.
    report_fit(out, misses, screener.model_status)
    report_generated(out, misses)
    report_tune(out, misses)
    gate = report_test(out)
    report_public(out, public_dir)
    report_sealed(out, misses, unseal)
    verdict = "met" if gate else "MISSED"
    print(f"\ngate (test sets only): {verdict}", file=out)
    return 0 if gate else 1


def _count(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "-"


def _shown(path: Path) -> str:
    """The path from the project's root where it is inside it, as a reader finds the file."""
    root = Path(__file__).resolve().parents[2]
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate the risk screener.")
    parser.add_argument(
        "--misses", action="store_true", help="list messages rated wrong (train and tune only)"
    )
    parser.add_argument(
        "--unseal",
        action="store_true",
        help="read the sealed set (once, at the very end of the screening work)",
    )
    args = parser.parse_args(argv)
    return run(sys.stdout, args.misses, args.unseal)


if __name__ == "__main__":
    sys.exit(main())
