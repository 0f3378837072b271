"""Screening latency per message over the train sets: p50 and p99, as the median of several runs.

    uv run python -m escalation.evaluation.benchmark [--runs 7] [--set train|tune]

Only train and tune sets may be timed (sets.py): timing reads every text, and the held-out sets
are read for figures by the report alone. The screener is built before timing starts, as the
gateway builds it once at start-up; each run screens every message of the chosen sets once, in
order, timing each message on its own. The screeners keep nothing between calls, so every run
times screening a text, never a look-up. The rules alone and the combined screener (rules and
risk model: what `screen` answers) are timed in turns in the same runs, so on a shared, loaded
machine their ratio still means something when the absolute figures do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from escalation.evaluation.sets import LabelledSet, training_sets, tuning_sets
from escalation.screening import Screener, default_screener

# The roles whose texts may be timed, by the name --set takes.
TIMED: dict[str, Callable[[], list[LabelledSet]]] = {"train": training_sets, "tune": tuning_sets}


def time_run(texts: Sequence[str], screener: Screener | None = None) -> list[float]:
    """Milliseconds per message, one run over all texts."""
    screener = screener or default_screener()
    timings = []
    for text in texts:
        started = time.perf_counter()
        screener(text)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--set", choices=sorted(TIMED), default="train", dest="role")
    args = parser.parse_args(argv)
    runs = args.runs
    texts = [example.text for labelled in TIMED[args.role]() for example in labelled.examples]
    if not texts:
        parser.error(f"no {args.role} set to time")
    combined = default_screener()
    screeners: dict[str, Screener] = {
        "rules alone": combined.rules,
        "combined": combined,
    }
    for screener in screeners.values():
        time_run(texts, screener)  # warm-up: the first messages pay for lazily built state
    results: dict[str, list[list[float]]] = {name: [] for name in screeners}
    for _ in range(runs):
        for name, screener in screeners.items():
            results[name].append(time_run(texts, screener))
    print(combined.model_status)
    p99 = {}
    for name, timings in results.items():
        p50s = [percentile(run, 0.50) for run in timings]
        p99s = [percentile(run, 0.99) for run in timings]
        p99[name] = statistics.median(p99s)
        print(
            f"{name:<12} median of {runs} runs over {len(texts)} messages: "
            f"p50 {statistics.median(p50s):.3f} ms  p99 {p99[name]:.3f} ms"
        )
    print(f"p99 combined / rules alone: {p99['combined'] / p99['rules alone']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
