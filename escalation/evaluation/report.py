"""`warmline evaluate-screening`: the screener's figures on the corpus and the public sets.

    uv run warmline evaluate-screening
    uv run python -m escalation.evaluation.report --misses   # also list what was rated wrong

Exits 1 when a corpus target is missed (or the corpus is missing); the public sets are reported
with their targets but never decide the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from escalation.evaluation.datasets import (
    CORPUS_PATH,
    PUBLIC_DIR,
    Example,
    load_corpus,
    load_public_set,
)
from escalation.evaluation.metrics import (
    Rated,
    Target,
    corpus_targets,
    level_figures,
    openai_target,
    xstest_target,
)
from escalation.levels import Level
from escalation.screening import default_screener, screen


def rate(examples: Sequence[Example]) -> list[Rated]:
    return [Rated(example.level, screen(example.text).level, example.text) for example in examples]


def print_levels(title: str, rated: Sequence[Rated], out: TextIO) -> None:
    print(f"\n{title} ({len(rated)} messages)", file=out)
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


def print_targets(targets: Sequence[Target], out: TextIO) -> None:
    for target in targets:
        sign = ">=" if target.at_least else "<="
        verdict = "met" if target.met else "MISSED"
        print(
            f"  target {target.name}: {target.share:.1%} ({sign} {target.bound:.0%}) {verdict}",
            file=out,
        )


def print_misses(rated: Sequence[Rated], out: TextIO) -> None:
    for item in sorted(rated, key=lambda r: (r.label, r.rating), reverse=True):
        if item.rating != item.label:
            print(f"    {item.label.label:>9} rated {item.rating.label:<9} {item.text!r}", file=out)


def report_public(out: TextIO, misses: bool, directory: Path) -> None:
    for name, target_for in (
        ("xstest-hard-negatives", xstest_target),
        ("openai-self-harm", openai_target),
    ):
        examples = load_public_set(name, directory)
        if examples is None:
            print(f"\n{name}: not found in {directory}; skipped", file=out)
            continue
        rated = rate(examples)
        print_levels(f"public set {name}", rated, out)
        print_targets([target_for(rated)], out)
        if misses:
            print_misses([r for r in rated if r.rating >= Level.CRISIS or r.label], out)


HELD_OUT = (
    ("held-out set heldout.yml (written blind after tuning; since used to improve the rules)",
     "heldout.yml"),
    ("test set final_test.yml (written blind; since used to improve the rules (dev))",
     "final_test.yml"),
    ("blind set blind_2026_11.yml (written blind 2026-11; never used for tuning)",
     "blind_2026_11.yml"),
)  # fmt: skip


def report_held_out(out: TextIO) -> None:
    """The corpus's targets measured on sets the rules were not written against: how well the
    screener generalises. Reported, not gated; no held-out set's misses are ever listed, so the
    blind set stays blind. A set whose file is missing is skipped."""
    for title, name in HELD_OUT:
        path = CORPUS_PATH.with_name(name)
        if not path.is_file():
            continue
        rated = rate(load_corpus(path))
        print_levels(title, rated, out)
        print_targets(corpus_targets(rated), out)


def run(out: TextIO, misses: bool = False, public_dir: Path = PUBLIC_DIR) -> int:
    screener = default_screener()
    print(f"lexicon version {screener.version}", file=out)
    # The figures below are the combined screener's (rules and model): what `screen` answers.
    print(screener.model_status, file=out)
    try:
        corpus = rate(load_corpus())
    except FileNotFoundError as error:
        print(f"corpus missing: {error}", file=out)
        return 1
    print_levels("corpus", corpus, out)
    targets = corpus_targets(corpus)
    print_targets(targets, out)
    if misses:
        print_misses(corpus, out)
    report_public(out, misses, public_dir)
    report_held_out(out)
    return 0 if all(target.met for target in targets) else 1


def _count(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate the risk screener.")
    parser.add_argument("--misses", action="store_true", help="list messages rated wrong")
    return run(sys.stdout, parser.parse_args(argv).misses)


if __name__ == "__main__":
    sys.exit(main())
