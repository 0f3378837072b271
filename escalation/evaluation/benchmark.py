"""Screening latency per message over the corpus: p50 and p99, as the median of several runs.

    uv run python -m escalation.evaluation.benchmark [--runs 7]

The screener is built before timing starts, as the gateway builds it once at start-up; each run
screens every corpus message once, in order, timing each message on its own. The screeners
cache what they have screened (the gateway screens each text twice), so their caches are
cleared before each timed message: what is timed is screening a text, never a look-up. The
rules alone and the combined screener (rules and risk model: what `screen` answers) are timed
in turns in the same runs, so on a shared, loaded machine their ratio still means something
when the absolute figures do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Protocol

from escalation.evaluation.datasets import load_corpus
from escalation.levels import Screening
from escalation.screening import default_screener


class Timed(Protocol):
    """A screener whose caches can be emptied: the rules alone, or rules and model."""

    def __call__(self, text: str) -> Screening: ...

    def clear_cache(self) -> None: ...


def time_run(texts: Sequence[str], screener: Timed | None = None) -> list[float]:
    """Milliseconds per message, one run over all texts, each screened afresh."""
    screener = screener or default_screener()
    timings = []
    for text in texts:
        screener.clear_cache()  # not timed: a text seen before would be a look-up
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
    runs = parser.parse_args(argv).runs
    texts = [example.text for example in load_corpus()]
    combined = default_screener()
    screeners: dict[str, Timed] = {
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
