"""The gate: a test target that is met needs nothing more; one that is missed must hold the floor
recorded for it, and a missed target with no floor fails."""

from __future__ import annotations

from escalation.evaluation import gate
from escalation.evaluation.gate import Floor, Verdict, verdicts
from escalation.evaluation.metrics import Target, screening_targets
from escalation.evaluation.sets import Role, set_paths

RECALL = "emergency+crisis rated crisis or higher"
ALARMS = "none rated crisis or higher"


def target(name: str, share: float, bound: float, at_least: bool, n: int = 100) -> Target:
    return Target(name, share, bound, at_least, n)


def test_a_met_target_holds_whatever_its_floor() -> None:
    assert Verdict(target(RECALL, 0.99, 0.98, True), Floor(1.0, "x")).holds


def test_a_missed_recall_target_holds_only_at_or_above_its_floor() -> None:
    floor = Floor(0.80, "x")
    assert Verdict(target(RECALL, 0.80, 0.98, True), floor).holds
    assert not Verdict(target(RECALL, 0.79, 0.98, True), floor).holds


def test_a_missed_false_alarm_target_holds_only_at_or_below_its_floor() -> None:
    floor = Floor(0.07, "x")
    assert Verdict(target(ALARMS, 0.07, 0.03, False), floor).holds
    assert not Verdict(target(ALARMS, 0.08, 0.03, False), floor).holds


def test_a_missed_target_without_a_floor_fails_the_gate() -> None:
    assert not Verdict(target(RECALL, 0.97, 0.98, True), None).holds


def test_an_unmeasured_target_is_not_judged() -> None:
    assert Verdict(target(RECALL, 0.0, 0.98, True, n=0), None).holds


def test_floors_are_looked_up_by_set_and_target_name() -> None:
    judged = verdicts("test_2026_12.yml", [target(RECALL, 0.5, 0.98, True)])
    assert judged[0].floor == gate.FLOORS["test_2026_12.yml"][RECALL]
    assert verdicts("no-such-set.yml", [target(RECALL, 0.5, 0.98, True)])[0].floor is None


def test_every_floor_names_a_test_set_that_exists_and_a_target_the_report_measures() -> None:
    names = {target.name for target in screening_targets([])}
    test_sets = {path.name for path in set_paths(Role.TEST)}
    for set_name, floors in gate.FLOORS.items():
        assert set_name in test_sets
        assert set(floors) <= names


def test_no_floor_is_laxer_than_doing_nothing() -> None:
    """A recall floor above 0 and a false-alarm ceiling below 100%: a floor the screener would
    hold by rating everything none, or everything crisis, is no gate."""
    for floors in gate.FLOORS.values():
        assert floors[RECALL].share > 0.5
        assert floors[ALARMS].share < 0.5
