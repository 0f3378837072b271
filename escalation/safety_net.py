"""The safety net: when in doubt, escalate.

The categories name risk in words a clinician wrote down; people in crisis often say it
sideways. "thanks for trying" is kind, "the rope is up" could be camping; sent together they
are a goodbye with the means at hand. Each rule in the lexicon's `safety_net` names two or
more signals (cue kinds); a rule fires when every one of them is found, at words of its own,
read as the texter's (or, for `anyone` rules, anybody's) and present: not negated, not
history, not a what-if. The net only ever raises a text, and its reason says which rule did.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from escalation.context import Scene, Subject
from escalation.levels import Level
from escalation.lexicon import NetRule
from escalation.matching import Hit

# The signals must sit within this many words of each other: a text message says it in a few
# lines, while a long story that mentions a bridge and, pages on, a death is not a plan.
_REACH = 30


def caught(
    rules: Sequence[NetRule], scene: Scene, lookalikes: Sequence[Hit]
) -> tuple[Level, tuple[str, ...]]:
    """The highest level a rule lifts the text to, and the rules that lift it that high."""
    fired = [rule for rule in rules if _fires(rule, scene, lookalikes)]
    if not fired:
        return Level.NONE, ()
    joking = bool(scene.named({"joking"}))
    levels = {rule.id: min(rule.level, Level.CRISIS) if joking else rule.level for rule in fired}
    top = max(levels.values())
    return top, tuple(f"safety-net:{name}" for name, level in levels.items() if level == top)


def _fires(rule: NetRule, scene: Scene, lookalikes: Sequence[Hit]) -> bool:
    found = [
        [hit for hit in scene.has(kind) if _counts(hit, scene, lookalikes, rule.anyone)]
        for kind in rule.needs
    ]
    if not all(found):
        return False
    # Each signal at words of its own: "goodbye" is not a farewell and a moment at once.
    return any(_apart_and_near(pick) for pick in product(*found))


def _apart_and_near(pick: tuple[Hit, ...]) -> bool:
    apart = all(not a.overlaps(b) for i, a in enumerate(pick) for b in pick[i + 1 :])
    return apart and max(hit.end for hit in pick) - min(hit.start for hit in pick) <= _REACH


def _counts(hit: Hit, scene: Scene, lookalikes: Sequence[Hit], anyone: bool) -> bool:
    if any(hit.overlaps(lookalike) for lookalike in lookalikes):
        return False  # "dying laughing", "killing it": everyday words, not a signal
    reading = scene.read(hit)
    if reading.negated or reading.past or reading.hypothetical:
        return False
    return anyone or reading.subject is Subject.SELF
