"""Importance and confidence rulers (0-10) and the stage of change a message expresses: pure.

The stage is read from the person's own words about a change, so the assistant meets them where
they are: no action planning for someone who is not thinking of changing (pre-contemplation).
"""

from __future__ import annotations

import re

from bot.actions.checkup_parse import number_0_10, words
from store.checkup_rulers import Stage

_RULER_WORDS = {
    "not at all": 0, "not important": 0, "not really": 1, "a little": 3, "kinda": 4,
    "somewhat": 5, "fairly": 6, "pretty": 7, "very": 8, "really": 8, "totally": 10,
    "extremely": 10, "super": 9,
}  # fmt: skip


def parse_ruler(text: str) -> int | None:
    """A 0-10 rating from a number ("7", "like a 6/10", "seven") or a few words ("very")."""
    found = ["10" if w == "100" else w for w in words(text)]  # "100%": all the way
    number = number_0_10(found)
    if number is not None or any(w.isdigit() for w in found):
        return number
    phrase = " ".join(found)
    hits = [level for said, level in _RULER_WORDS.items() if re.search(rf"\b{said}\b", phrase)]
    return hits[0] if hits else None


def lower_than(score: int) -> int:
    """The number for "why a 5 and not a 2?": it evokes the reasons that are already there."""
    return max(score - 3, 0)


def higher_than(score: int) -> int:
    """The number for "what would it take to go from 5 to 6?": one small step up."""
    return min(score + 1, 10)


# Checked in this order: the most specific wording first ("not ready to quit" before "quit").
_STAGES: tuple[tuple[Stage, tuple[str, ...]], ...] = (
    (Stage.PRECONTEMPLATION, (
        "dont have a problem", "dont think i have a problem", "not a problem", "not ready",
        "dont want to quit", "dont want to stop", "dont need to", "im fine", "its fine",
        "not an issue", "no reason to", "everyone is overreacting", "i can handle it",
        "dont see the point", "not gonna quit", "not going to quit", "not quitting",
    )),
    (Stage.MAINTENANCE, (
        r"(sober|clean) (for )?(\d+|a|one|two|three|six) (months?|years?)",
        r"(\d+|a|one|two) (months?|years?) (sober|clean)", "staying sober", "staying clean",
        "stay sober", "stay clean", "keep my sobriety", "dont want to relapse",
    )),
    (Stage.ACTION, (
        "i quit", "ive quit", "i stopped", "ive stopped", "i cut back", "ive cut back",
        "been cutting", "cutting back now", "started going to", "ive been sober", "been clean",
        r"(\d+|a|one|two|three) (days?|weeks?) (sober|clean)", "havent had a drink",
        "havent used", "started suboxone", "started treatment",
    )),
    (Stage.PREPARATION, (
        "going to quit", "gonna quit", "going to stop", "gonna stop", "planning to", "ready to",
        "i will quit", "ill quit", "ill stop", "next week", "on monday", "starting tomorrow",
        "set a date", "need to stop", "need to quit", "have to stop", "have to quit",
        "need to cut", "want to start", "signed up",
    )),
    (Stage.CONTEMPLATION, (
        "thinking about", "thinkin about", "maybe i should", "i should", "might", "want to",
        "wanna", "wish i could", "part of me", "not sure if", "considering", "cut back",
        "cut down", "quit", "quitting", "stop drinking", "stop using", "idk if",
    )),
)  # fmt: skip


def stage_of(text: str) -> Stage | None:
    """The stage of change a message about changing expresses, or None when it says none."""
    phrase = " ".join(words(text))
    for stage, patterns in _STAGES:
        if any(re.search(rf"\b{pattern}\b", phrase) for pattern in patterns):
            return stage
    return None
