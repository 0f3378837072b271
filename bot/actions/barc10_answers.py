"""Reading a BARC-10 answer from a text message: pure, no I/O.

The scale is 1 strongly disagree, 2 disagree, 3 somewhat disagree, 4 somewhat agree, 5 agree,
6 strongly agree. People text digits ("5", "prob a 4", "4/6"), words ("mostly agree", "disagree
a bit"), typos ("agre", "stongly") and emoji. Anything we cannot read with confidence is None:
the item is asked again, never guessed.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from enum import Enum


class Choice(Enum):
    SKIP = "skip"
    STOP = "stop"


Answer = int | Choice | None

# Whole messages that mean "leave this one out". Not knowing is a fine answer: it is a skip,
# never a guess at the middle of the scale.
_SKIP_PHRASES = {
    "skip", "pass", "next", "idk", "i dont know", "dont know", "dunno", "not sure", "no idea",
    "rather not say", "id rather not say", "prefer not to say", "no comment", "skip it",
}  # fmt: skip
_SKIP_WORDS = {"skip", "pass"}
# "stop" alone is also the carrier opt-out keyword on SMS (the gateway acts on it before we see
# it), so the prompts say "pause"; every form of stopping still ends the check-in here.
_STOP_PHRASES = {
    "stop", "pause", "quit", "done", "im done", "enough", "later", "not now", "not rn",
    "maybe later", "finish later", "another time", "gotta go", "gtg", "g2g", "no more",
    "thats enough", "that is enough", "can we stop", "lets stop", "i want to stop",
    "please stop", "pls stop", "stop please", "stop pls", "done for now", "enough for now",
}  # fmt: skip
_STOP_LEADS = {"stop", "pause"}  # "stop here", "pause for now", "stop the check in"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_STRONG = {"strongly", "totally", "completely", "absolutely", "fully", "very", "definitely"}
_WEAK = {
    "somewhat",
    "bit",
    "little",
    "slightly",
    "kinda",
    "sorta",
    "partly",
    "mildly",
    "kind",
    "sort",
}
_MOSTLY = {"mostly", "generally", "largely"}
_NEGATIONS = {"not", "dont", "doesnt", "never", "cant", "no"}
_VOCABULARY = sorted({"agree", "disagree", *_STRONG, *_WEAK, *_MOSTLY, "skip", "pause"})


def normalise(text: str) -> list[str]:
    """Lowercase words, apostrophes dropped ("don't" -> "dont"), emoji and punctuation gone."""
    text = text.lower().replace("'", "").replace("\u2019", "").replace("100%", "totally")
    text = re.sub(r"(\d)\s*(/|out of)\s*6\b", r"\1", text)  # "4/6", "5 out of 6"
    return re.findall(r"[a-z]+|\d+", text)


def _corrected(word: str) -> str:
    """A typo of a scale word becomes the word ("agre", "dissagree", "stongly")."""
    if len(word) < 4 or word in _VOCABULARY:
        return word
    close = get_close_matches(word, _VOCABULARY, n=1, cutoff=0.75)
    return close[0] if close else word


def _digit(words: list[str]) -> int | None:
    numbers = {int(w) for w in words if w.isdigit()}
    if len(words) == 1 and words[0] in _NUMBER_WORDS:
        numbers.add(_NUMBER_WORDS[words[0]])
    if len(numbers) != 1:
        return None  # none, or "4 or 5": not ours to choose
    (number,) = numbers
    return number if 1 <= number <= 6 else None


def _scale_words(words: list[str]) -> int | None:
    agree, disagree = "agree" in words, "disagree" in words
    if agree == disagree:
        return None
    negated = agree and any(w in _NEGATIONS for w in words)
    if "at" in words and "all" in words:
        return 1 if disagree or negated else None
    if disagree or negated:
        return _graded(words, strong=1, mostly=2, weak=3, plain=2)
    return _graded(words, strong=6, mostly=5, weak=4, plain=5)


def _graded(words: list[str], *, strong: int, mostly: int, weak: int, plain: int) -> int:
    found = set(words)
    if found & _STRONG:
        return strong
    if found & _WEAK:
        return weak
    return mostly if found & _MOSTLY else plain


def _choice(words: list[str]) -> Choice | None:
    phrase = " ".join(words)
    if phrase in _STOP_PHRASES or (words and words[0] in _STOP_LEADS and len(words) <= 4):
        return Choice.STOP
    if phrase in _SKIP_PHRASES or set(words) & _SKIP_WORDS:
        return Choice.SKIP
    return None


def parse_answer(text: str) -> Answer:
    """A score 1-6, skip, stop, or None when the message is not a clear answer."""
    words = [_corrected(w) for w in normalise(text)]
    if not words:
        return None
    if any(w.isdigit() for w in words):
        return _digit(words)
    return _choice(words) or _digit(words) or _scale_words(words)
