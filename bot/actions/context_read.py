"""Reading a message the assistant's script did not expect: how the person says they are, a
milestone they name, and what the assistant itself said last. Pure functions, no engine.

The words are the ones people text in answer to "How are you doing today?": one word, an emoji,
a few words. A feeling is named by its kind only, so the reply paraphrases it rather than
quoting the person's words back.
"""

from __future__ import annotations

import re
from enum import Enum


class Feeling(Enum):
    LOW = "low"
    TIRED = "tired"
    SO_SO = "so_so"
    GOOD = "good"


FEELING_NAMES = tuple(f.value for f in Feeling)


# Checked in this order: "not great" is low before "great" is good; "tired but ok" is tired.
_FEELINGS: tuple[tuple[Feeling, re.Pattern[str]], ...] = (
    (
        Feeling.LOW,
        re.compile(
            r"\bnot\s+(?:so\s+|too\s+|that\s+|very\s+)?(?:good|great|well|ok|okay|amazing)\b"
            r"|\b(?:bad|rough|hard|awful|terrible|horrible|shit+y?|crap+y?|sad|down|depressed|"
            r"lonely|anxious|stressed|struggling|sucks?|worst|upset|angry|mad|low|lost|"
            r"miserable|scared|overwhelmed|hopeless)\b"
            r"|[\U0001F622\U0001F61E\U0001F614\U0001F62D\u2639\U0001F641\U0001F629\U0001F62B"
            r"\U0001F494\U0001F625\U0001F613\U0001F61F]"
        ),
    ),
    (
        Feeling.TIRED,
        re.compile(r"\b(?:tired|exhausted|drained|worn\s+out|sleepy|wiped|beat|no\s+sleep)\b"),
    ),
    (
        Feeling.SO_SO,
        re.compile(
            r"\b(?:meh|ok|okay|alright|aight|so[\s-]so|fine|eh+|idk|not\s+bad|could\s+be\s+"
            r"(?:better|worse)|surviving|getting\s+by|same\s+old)\b|\U0001F610|\U0001F937"
        ),
    ),
    (
        Feeling.GOOD,
        re.compile(
            r"\b(?:good|great|well|better|awesome|amazing|happy|blessed|grateful|solid|"
            r"fantastic|excellent|gr8)\b|[\U0001F60A\U0001F642\U0001F600\U0001F601\U0001F44D"
            r"\U0001F4AA\U0001F64F\u263A]"
        ),
    ),
)

_NUMBER = r"\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = r"days?|weeks?|months?|years?|yrs?|mos?"
_MILESTONE = re.compile(
    rf"\b(?P<count>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b(?=.*\b(?:clean|sober|chip|free|"
    r"sobriety|anniversary|recovery|without|no\s+(?:drinking|using|drugs|booze)|off))"
)
_UNITS = {"day": "day", "week": "week", "month": "month", "mo": "month", "year": "year"}


# What people say helps them, as the assistant says it back ("my sponsor and meetings").
_SUPPORTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{words})\b"), said)
    for words, said in (
        (r"sponsor", "your sponsor"),
        (r"meetings?|aa|na|smart|group", "meetings"),
        (r"god|church|faith|pray(?:ing|er)?|higher\s+power", "your faith"),
        (r"kids?|son|daughter|children|grandkids?", "your kids"),
        (r"family|mom|dad|wife|husband|partner|sister|brother", "your family"),
        (r"counsell?or|therapist|therapy|counseling", "counseling"),
        (r"suboxone|methadone|bupe|subs|vivitrol|naltrexone|meds|medication", "your medication"),
        (r"gym|exercise|running|walks?|walking|workout|lifting", "staying active"),
        (r"friends?|buddy|buddies", "your friends"),
        (r"work|job", "work"),
    )
)


# A support named with a strain on it ("my sponsor keeps calling n i dont pick up", "stopped
# going to meetings"): said back as a strain, never as something that helps.
_STRAINED = re.compile(
    r"\b(?:(?:dont|don't|do not|didnt|didn't|havent|haven't|wont|won't|cant|can't|never|not|"
    r"stopped|quit)\s+(?:really\s+|even\s+|been\s+)?(?:pick\w*|call\w*|answer\w*|go\b|going|"
    r"went|talk\w*|trust\w*|see\b|seeing|reach\w*|face|stand|speak\w*)|"
    r"ignor\w*|avoid\w*|dodg\w*|ghost\w*|fight\w*|fought|mad\s+at|angry\s+at|pissed\s+at|"
    r"kicked\s+me|cut\s+me\s+off|blocked|done\s+with|skipp\w*)\b"
)


def support_strained(text: str) -> bool:
    """Whether the support a message names is one the person is pulling away from or at odds
    with right now."""
    return _STRAINED.search(text.lower()) is not None


def support_in(text: str) -> str | None:
    """The first support a message names, in the assistant's words."""
    lowered = text.lower()
    return next((said for pattern, said in _SUPPORTS if pattern.search(lowered)), None)


def feeling_in(text: str) -> Feeling | None:
    """The kind of feeling a short answer names, or None when it names none."""
    lowered = text.lower()
    for feeling, pattern in _FEELINGS:
        if pattern.search(lowered):
            return feeling
    return None


def milestone_in(text: str) -> str | None:
    """Clean or sober time the person names ("90 days clean today"), as "90 days"."""
    found = _MILESTONE.search(text.lower())
    if found is None:
        return None
    count = found["count"]
    unit = _UNITS.get(found["unit"].rstrip("s").replace("yr", "year"), "day")
    plural = count not in {"a", "one", "1"}
    return f"{'one' if count == 'a' else count} {unit}{'s' if plural else ''}"
