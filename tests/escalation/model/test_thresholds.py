"""What the model's lone vote may do, chosen on hand-built tuning scores (thresholds.py): concern on
a weak score, crisis on a strong one, never lowering the rules; thresholds bounded by the false
alarms the vote adds; no vote at all without ordinary messages to count false alarms on."""

from __future__ import annotations

import itertools

import pytest

from escalation.levels import Level
from escalation.model.thresholds import (
    NEVER,
    Bounds,
    Scored,
    choose,
    compared,
    level_of,
    lowest_threshold,
    policy,
)


def item(
    label: Level,
    score: float,
    ruled: Level = Level.NONE,
    coverage: float = 1.0,
    may_vote: bool = True,
) -> Scored:
    return Scored(label=label, ruled=ruled, score=score, coverage=coverage, may_vote=may_vote)


# Ten ordinary messages: three the rules already rate `floor` on their own (scored high by the
# model too), seven they rate none, scored 0.1 to 0.7.
def ordinary(floor: Level) -> list[Scored]:
    ruled = [item(Level.NONE, 0.95, ruled=floor) for _ in range(3)]
    return [*ruled, *(item(Level.NONE, tenths / 10) for tenths in range(1, 8))]


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0.39, Level.NONE),
        (0.4, Level.CONCERN),
        (0.69, Level.CONCERN),
        (0.7, Level.CRISIS),
        (0.99, Level.CRISIS),
    ],
)
def test_the_lone_vote_is_concern_below_the_crisis_threshold_and_crisis_at_or_above_it(
    score: float, expected: Level
) -> None:
    assert level_of(item(Level.NONE, score), 0.4, 0.7, 0.0) == expected


@pytest.mark.parametrize("ruled", list(Level))
def test_level_of_never_lowers_the_rules_level_nor_raises_past_crisis(ruled: Level) -> None:
    grid = itertools.product((0.0, 0.3, 0.5, 0.8, 1.0), (0.0, 0.6, 1.0), (True, False))
    levels = [
        level_of(item(Level.NONE, score, ruled, coverage, may_vote), 0.3, 0.6, 0.5)
        for score, coverage, may_vote in grid
    ]

    assert min(levels) == ruled
    assert max(levels) == max(ruled, Level.CRISIS)


@pytest.mark.parametrize(
    ("coverage", "may_vote"), [(0.4, True), (1.0, False)], ids=["unfamiliar", "may-not-vote"]
)
def test_the_vote_is_not_counted_where_the_model_may_not_vote(
    coverage: float, may_vote: bool
) -> None:
    assert level_of(item(Level.NONE, 1.0, Level.NONE, coverage, may_vote), 0.3, 0.6, 0.5) == (
        Level.NONE
    )


@pytest.mark.parametrize("floor", [Level.CRISIS, Level.CONCERN])
def test_the_lowest_threshold_bounds_only_the_alarms_the_vote_adds_over_the_rules(
    floor: Level,
) -> None:
    scored = ordinary(floor)

    # 10% of ten ordinary messages: the vote may add one, beside the rules' own three.
    threshold = lowest_threshold(scored, floor, 0.1, 0.0, NEVER)

    assert threshold == pytest.approx(0.6001)
    added = [
        one for one in scored if one.ruled < floor and level_of(one, threshold, threshold, 0.0)
    ]
    assert [one.score for one in added] == [0.7]


def test_a_tighter_bound_raises_the_lowest_threshold() -> None:
    scored = ordinary(Level.CRISIS)

    assert lowest_threshold(scored, Level.CRISIS, 0.0, 0.0, NEVER) == pytest.approx(0.7001)
    assert lowest_threshold(scored, Level.CRISIS, 0.3, 0.0, NEVER) == pytest.approx(0.4001)


def test_with_no_ordinary_tuning_message_the_model_never_votes() -> None:
    risky = [item(Level.CRISIS, 0.9), item(Level.EMERGENCY, 0.8), item(Level.CONCERN, 0.5)]

    tuning = choose(risky, "risky only")

    assert lowest_threshold(risky, Level.CRISIS, 0.5, 0.0, NEVER) == NEVER
    assert lowest_threshold([], Level.CONCERN, 0.5, 0.0, NEVER) == NEVER
    assert (tuning.concern_threshold, tuning.crisis_threshold) == (NEVER, NEVER)
    assert all(level_of(one, NEVER, NEVER, 0.0) == one.ruled for one in risky)


def test_choose_prefers_the_coverage_with_the_higher_urgent_recall() -> None:
    """Only the lower coverage lets the model vote on the unfamiliar crisis message."""
    scored = [
        item(Level.CRISIS, 0.9, coverage=0.3),
        item(Level.CRISIS, 0.9),
        item(Level.NONE, 0.1),
    ]

    tuning = choose(scored, "hand-built", Bounds(min_coverages=(0.0, 0.5)))

    assert tuning.min_coverage == 0.0
    assert tuning.policies[-1].urgent_recall == 1.0
    assert policy("stricter", scored, 0.2, 0.2, 0.5).urgent_recall == 0.5


def test_choose_takes_the_higher_coverage_on_a_tie() -> None:
    scored = [item(Level.CRISIS, 0.9), item(Level.CONCERN, 0.5), item(Level.NONE, 0.1)]

    tuning = choose(scored, "hand-built", Bounds(min_coverages=(0.0, 0.8, 0.5)))

    assert tuning.min_coverage == 0.8
    figures = {
        (one.urgent_recall, one.concern_recall)
        for one in (policy("x", scored, 0.2, 0.2, low) for low in (0.0, 0.5, 0.8))
    }
    assert figures == {(1.0, 1.0)}  # a tie in recall at every candidate coverage


def test_choose_never_sets_a_threshold_below_the_floor_nor_concern_above_crisis() -> None:
    scored = [item(Level.CRISIS, 0.9), item(Level.NONE, 0.01), item(Level.NONE, 0.02)]

    tuning = choose(scored, "hand-built", Bounds(min_threshold=0.25))

    assert tuning.concern_threshold == 0.25
    assert tuning.crisis_threshold == 0.25
    assert tuning.chosen_on == "hand-built"


def test_compared_gives_four_policies_with_the_rules_alone_first() -> None:
    scored = [
        item(Level.CRISIS, 0.9, ruled=Level.CRISIS),
        item(Level.CRISIS, 0.8),  # missed by the rules, found by a strong vote
        item(Level.CONCERN, 0.5),  # missed by the rules, found by a weak vote
        item(Level.NONE, 0.5),  # a weak vote's false alarm: concern, not crisis
        item(Level.NONE, 0.1),
    ]

    policies = compared(scored, 0.4, 0.7, 0.0, Bounds())

    assert [one.name for one in policies] == [
        "rules alone",
        "lone vote concern only, at 0.40",
        "stricter: concern at 0.40, crisis at 0.50",
        "chosen: concern at 0.40, crisis at 0.70",
    ]
    rules_alone, chosen = policies[0], policies[-1]
    assert (rules_alone.urgent_recall, rules_alone.concern_recall) == (0.5, 0.0)
    assert (rules_alone.none_crisis, rules_alone.none_concern) == (0.0, 0.0)
    assert (chosen.urgent_recall, chosen.concern_recall) == (1.0, 1.0)
    assert (chosen.none_crisis, chosen.none_concern) == (0.0, 0.5)


def test_the_chosen_policy_shows_a_crisis_threshold_never_reached_as_never() -> None:
    policies = compared([item(Level.NONE, 0.1)], 0.4, NEVER, 0.0, Bounds())

    assert policies[-1].name == "chosen: concern at 0.40, crisis at never"
