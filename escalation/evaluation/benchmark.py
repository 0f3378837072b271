"""Screening latency per message over the corpus: p50 and p99, as the median of several runs.

    uv run python -m escalation.evaluation.benchmark [--runs 7]

The screener is built before timing starts, as the gateway builds it once at start-up; each run
screens every corpus message once, in order, timing each message on its own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence

from escalation.evaluation.datasets import load_corpus
from escalation.screening import default_screener


def time_run(texts: Sequence[str]) -> list[float]:
    """Milliseconds per message, one run over all texts."""
    screener = default_screener()
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
    runs = parser.parse_args(argv).runs
    texts = [example.text for example in load_corpus()]
    time_run(texts)  # warm-up: the first messages pay for lazily built spaCy state
    results = [time_run(texts) for _ in range(runs)]
    p50s = [percentile(run, 0.50) for run in results]
    p99s = [percentile(run, 0.99) for run in results]
    for index, (p50, p99) in enumerate(zip(p50s, p99s, strict=True), start=1):
        print(f"run {index}: p50 {p50:.3f} ms  p99 {p99:.3f} ms")
    print(
        f"median of {runs} runs over {len(texts)} messages: "
        f"p50 {statistics.median(p50s):.3f} ms  p99 {statistics.median(p99s):.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
