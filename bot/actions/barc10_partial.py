"""A person's own BARC-10 results when their last check-in left statements out: pure, no I/O.

A total needs all ten statements and a skipped one is never filled in, so there is no total to
give. What is honest instead: which statements they answered (named in plain words,
bot/resources/barc10_items.yml, or by what they left out when that is the shorter list), that a
total needs all ten, and, when an earlier check-in has answers to the same statements, whether
they agreed more, the same or less with each. Their last full total, if one exists, is said as
a total of that day. Never a pass mark, a band or a cut-off.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.actions.barc10_results import MEANING, QUESTION
from store.barc10 import ITEM_COUNT, Finished, Scores

ITEMS_PATH = Path(__file__).resolve().parents[1] / "resources" / "barc10_items.yml"
OPENING = "In your last check-in, on "
NO_TOTAL = "A total needs all ten, so that one doesn't have one, and leaving some out is fine."
ALL_SKIPPED = "you left all ten statements out, so there's nothing to add up, and that's fine."


@functools.cache
def item_labels() -> dict[int, str]:
    data: dict[str, Any] = yaml.safe_load(ITEMS_PATH.read_text(encoding="utf-8"))
    labels = {int(item): str(label) for item, label in data["items"].items()}
    if sorted(labels) != list(range(1, ITEM_COUNT + 1)):
        raise ValueError(f"{ITEMS_PATH}: needs a label for each of the ten statements")
    return labels


def _day(when: datetime) -> str:
    return f"{when.strftime('%B')} {when.day}"


def listed(items: Sequence[int]) -> str:
    labels = [item_labels()[item] for item in items]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def answered_part(scores: Scores) -> str:
    """Which statements they answered: named, or, when fewer were left out, all but those."""
    answered = sorted(item for item, score in scores.items() if score is not None)
    left_out = [item for item in range(1, ITEM_COUNT + 1) if item not in answered]
    if not answered:
        return ALL_SKIPPED
    count = f"you answered {len(answered)} of the ten statements"
    if len(left_out) < len(answered):
        return f"{count}, all but the {_ones(left_out)} about {listed(left_out)}."
    return f"{count}: the {_ones(answered)} about {listed(answered)}."


def _ones(items: Sequence[int]) -> str:
    return "one" if len(items) == 1 else "ones"


def compared(scores: Scores, earlier: Finished) -> str:
    """Agreement on the statements answered both times: which they agreed with more and which
    less (named), and how many the same (counted, to keep a text message short)."""
    both = [i for i, s in sorted(scores.items()) if s is not None and earlier.scores.get(i)]
    if not both:
        return ""
    more = [i for i in both if (scores[i] or 0) > (earlier.scores[i] or 0)]
    less = [i for i in both if (scores[i] or 0) < (earlier.scores[i] or 0)]
    same = len(both) - len(more) - len(less)
    said = [f"{way} with the {_ones(items)} about {listed(items)}"
            for way, items in (("more", more), ("less", less)) if items]  # fmt: skip
    if same:
        said.append(f"about the same with {_same(same, bool(said))}")
    joined = said[0] if len(said) == 1 else ", ".join(said[:-1]) + ", and " + said[-1]
    return f"Compared with {_day(earlier.at)}, you agreed {joined}."


def _same(count: int, others: bool) -> str:
    if not others:
        return {1: "the one you answered both times", 2: "both of them"}.get(count, f"all {count}")
    return "the other one" if count == 1 else f"the other {count}"


def earlier_with_answers(latest: Finished, earlier: Sequence[Finished]) -> Finished | None:
    """The most recent earlier check-in that answered any statement this one answered."""
    answered = {i for i, s in latest.scores.items() if s is not None}
    for checkin in reversed(earlier):
        if answered & {i for i, s in checkin.scores.items() if s is not None}:
            return checkin
    return None


def partial_text(latest: Finished, earlier: Sequence[Finished]) -> str:
    """What is said back about a last check-in with statements left out."""
    opening = f"{OPENING}{_day(latest.at)}, {answered_part(latest.scores)}"
    parts = [opening if opening.endswith(".") else opening + "."]
    if any(score is not None for score in latest.scores.values()):
        parts.append(NO_TOTAL)
    before = earlier_with_answers(latest, earlier)
    if before is not None:
        parts.append(compared(latest.scores, before))
    totals = [checkin for checkin in earlier if checkin.total is not None]
    if totals:
        full = totals[-1]
        parts.append(f"Your last full total, on {_day(full.at)}, was {full.total} out of 60.")
        parts.append(MEANING)
    parts.append(QUESTION)
    return " ".join(part for part in parts if part)
