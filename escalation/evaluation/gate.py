"""The gate in `make test`: what the test sets must keep, until they meet the targets.

The targets (metrics.py) are what the screener must reach on wording nobody tuned on. Where a
test set does not reach one yet, the gate holds the line it was at when the set was first
measured (its floor, below), so that no change makes the screener worse on held-out wording
while the work towards the target goes on. A floor is written once, from the figures of the
commit named beside it, less one message of slack (the model is retrained from seeds, and a
message at its threshold may move). It is never raised by looking at the test set's misses
(they are never printed) and never lowered to let a change through: a change that fails the gate
is a change that made screening worse on messages it never saw.

A target that is met needs no floor: the target itself is the gate. A test set with no floors
listed is gated on the targets alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from escalation.evaluation.metrics import Target


@dataclass(frozen=True, slots=True)
class Floor:
    share: float  # the least (or, for a false-alarm share, the most) the gate accepts
    measured_at: str  # the commit whose figures set it


# Test set -> target name -> floor. Set from the first measurement of each set (see above).
# test_2026_12.yml at db048b5 (issue 15): 121 of 140, 40 of 60, 46 of 70 and 10 of 110; each
# floor one message worse.
_SET_AT = "db048b5"
FLOORS: Mapping[str, Mapping[str, Floor]] = {
    "test_2026_12.yml": {
        "emergency+crisis rated crisis or higher": Floor(120 / 140, _SET_AT),
        "emergency rated emergency": Floor(39 / 60, _SET_AT),
        "concern rated concern or higher": Floor(45 / 70, _SET_AT),
        "none rated crisis or higher": Floor(11 / 110, _SET_AT),
    },
    # test_b_2026_12.yml, measured first at bd587f0: 177 of 210, 64 of 90, 75 of 105, 14 of 165.
    "test_b_2026_12.yml": {
        "emergency+crisis rated crisis or higher": Floor(176 / 210, "bd587f0"),
        "emergency rated emergency": Floor(63 / 90, "bd587f0"),
        "concern rated concern or higher": Floor(74 / 105, "bd587f0"),
        "none rated crisis or higher": Floor(15 / 165, "bd587f0"),
    },
}


@dataclass(frozen=True, slots=True)
class Verdict:
    target: Target
    floor: Floor | None

    @property
    def holds(self) -> bool:
        if self.target.met or not self.target.measured:
            return True
        if self.floor is None:
            return False
        if self.target.at_least:
            return self.target.share >= self.floor.share
        return self.target.share <= self.floor.share


def verdicts(set_name: str, targets: list[Target]) -> list[Verdict]:
    floors = FLOORS.get(set_name, {})
    return [Verdict(target, floors.get(target.name)) for target in targets]
