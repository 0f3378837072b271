"""What the model's vote may do on its own, chosen on the tuning set (disjoint from training).

The model is trained on the training sets only, then scores the tuning sets, which it never saw;
everything chosen here is chosen on those scores, and the test sets are never read (the loaders
refuse: escalation/evaluation/sets.py). Where the rules found no risk, a lone model vote is:

- `concern` at or above the concern threshold: a peer reviews within a day, and the conversation
  goes on. The lowest threshold at which the vote adds at most `max_concern_alarms` of the
  none-labelled messages to those the rules already rate concern or higher.
- `crisis` at or above the crisis threshold: the crisis reply and a peer now. The lowest
  threshold at which the vote adds at most `max_crisis_alarms` of them to those rated crisis or
  higher. A person should not be sent the crisis reply for an ordinary complaint on a weak vote.

The share of a message's words the model must know before it votes (abstain.py) is chosen with
them: the candidate whose combined recall of emergency+crisis rated crisis or higher is highest,
then of concern rated concern or higher (the higher share on a tie: the vote that needs more
evidence). `Tuning` keeps what each policy costs in recall on the tuning set, for the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from escalation.levels import Level

NEVER = 1.01  # a threshold no probability reaches
URGENT = frozenset({Level.EMERGENCY, Level.CRISIS})


@dataclass(frozen=True, slots=True)
class Scored:
    """A tuning message as the model and the rules saw it."""

    label: Level
    ruled: Level  # the rules' level alone
    score: float  # the model's risk probability
    coverage: float  # share of its words the model knows
    may_vote: bool  # the rules read no context and the message is long enough (abstain.py)


@dataclass(frozen=True, slots=True)
class Policy:
    """A way of combining the vote, and what it gives on the tuning set."""

    name: str
    urgent_recall: float  # emergency+crisis rated crisis or higher
    concern_recall: float  # concern rated concern or higher
    none_crisis: float  # none rated crisis or higher
    none_concern: float  # none rated concern or higher


@dataclass(frozen=True, slots=True)
class Tuning:
    concern_threshold: float
    crisis_threshold: float
    min_coverage: float
    chosen_on: str  # the tuning sets' names and size
    policies: tuple[Policy, ...]  # rules alone, concern only, a stricter crisis vote, chosen


@dataclass(frozen=True, slots=True)
class Bounds:
    max_crisis_alarms: float = 0.03
    max_concern_alarms: float = 0.05
    min_threshold: float = 0.2
    min_coverages: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def level_of(item: Scored, concern: float, crisis: float, min_coverage: float) -> Level:
    """The combined level: the rules', raised by the vote where the model may vote."""
    if item.ruled >= Level.CRISIS or not item.may_vote or item.coverage < min_coverage:
        return item.ruled
    if item.score >= crisis:
        return max(item.ruled, Level.CRISIS)
    return max(item.ruled, Level.CONCERN) if item.score >= concern else item.ruled


def lowest_threshold(
    scored: Sequence[Scored], floor: Level, bound: float, min_coverage: float, others: float
) -> float:
    """The lowest threshold at which the model adds at most `bound` of the none-labelled
    messages to those the rules already rate `floor` or higher, the other threshold held at
    `others`. The bound is on what the vote adds: the rules' own false alarms are the rules' to
    fix, and must not silence a vote that finds what they miss."""
    safe = [item for item in scored if item.label == Level.NONE]
    if not safe:
        return NEVER  # nothing to choose on: the model does not vote
    allowed = int(bound * len(safe)) + sum(item.ruled >= floor for item in safe)
    for threshold in _candidates(safe, min_coverage):
        if _alarms(safe, floor, threshold, others, min_coverage) <= allowed:
            return threshold
    return NEVER


def _candidates(safe: Sequence[Scored], min_coverage: float) -> list[float]:
    """Just above each none-labelled score, lowest first; then never."""
    scores = sorted({round(item.score + 1e-4, 4) for item in safe if item.coverage >= min_coverage})
    return [0.0, *scores, NEVER]


def _alarms(
    safe: Sequence[Scored], floor: Level, threshold: float, others: float, min_coverage: float
) -> int:
    if floor >= Level.CRISIS:
        return sum(level_of(item, others, threshold, min_coverage) >= floor for item in safe)
    return sum(level_of(item, threshold, others, min_coverage) >= floor for item in safe)


def choose(scored: Sequence[Scored], chosen_on: str, bounds: Bounds | None = None) -> Tuning:
    bounds = bounds or Bounds()
    best: tuple[tuple[float, float, float], float, float, float] | None = None
    for min_coverage in sorted(bounds.min_coverages):
        crisis = max(
            bounds.min_threshold,
            lowest_threshold(scored, Level.CRISIS, bounds.max_crisis_alarms, min_coverage, NEVER),
        )
        concern = max(
            bounds.min_threshold,
            lowest_threshold(
                scored, Level.CONCERN, bounds.max_concern_alarms, min_coverage, crisis
            ),
        )
        concern = min(concern, crisis)
        figures = policy("chosen", scored, concern, crisis, min_coverage)
        key = (figures.urgent_recall, figures.concern_recall, min_coverage)
        if best is None or key >= best[0]:
            best = (key, concern, crisis, min_coverage)
    assert best is not None, "no candidate coverage"
    _, concern, crisis, min_coverage = best
    return Tuning(
        concern_threshold=concern,
        crisis_threshold=crisis,
        min_coverage=min_coverage,
        chosen_on=chosen_on,
        policies=compared(scored, concern, crisis, min_coverage, bounds),
    )


def compared(
    scored: Sequence[Scored], concern: float, crisis: float, min_coverage: float, bounds: Bounds
) -> tuple[Policy, ...]:
    """The chosen policy beside the rules alone, a vote that is only ever a concern, and a
    stricter crisis vote (adding at most 1% of none as crisis): what each costs in recall."""
    strict = max(
        bounds.min_threshold,
        lowest_threshold(scored, Level.CRISIS, 0.01, min_coverage, NEVER),
    )
    return (
        policy("rules alone", scored, NEVER, NEVER, min_coverage),
        policy(f"lone vote concern only, at {concern:.2f}", scored, concern, NEVER, min_coverage),
        policy(
            f"stricter: concern at {concern:.2f}, crisis at {_shown(max(strict, concern))}",
            scored,
            concern,
            max(strict, concern),
            min_coverage,
        ),
        policy(
            f"chosen: concern at {concern:.2f}, crisis at {_shown(crisis)}",
            scored,
            concern,
            crisis,
            min_coverage,
        ),
    )


def policy(
    name: str, scored: Sequence[Scored], concern: float, crisis: float, min_coverage: float
) -> Policy:
    levels = [(item.label, level_of(item, concern, crisis, min_coverage)) for item in scored]
    return Policy(
        name=name,
        urgent_recall=_share(levels, URGENT, Level.CRISIS),
        concern_recall=_share(levels, {Level.CONCERN}, Level.CONCERN),
        none_crisis=_share(levels, {Level.NONE}, Level.CRISIS),
        none_concern=_share(levels, {Level.NONE}, Level.CONCERN),
    )


def _share(
    levels: Sequence[tuple[Level, Level]], labels: set[Level] | frozenset[Level], floor: Level
) -> float:
    chosen = [rating >= floor for label, rating in levels if label in labels]
    return sum(chosen) / len(chosen) if chosen else 0.0


def _shown(threshold: float) -> str:
    return "never" if threshold >= NEVER else f"{threshold:.2f}"
