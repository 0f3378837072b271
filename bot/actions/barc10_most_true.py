"""The answer to the BARC-10's closing question, "Which of those statements feels most true for
you right now?": pure, no I/O.

People answer it with the statement's number ("5", "number 7"), with its words ("the community
one", "friends"), or with a story. A statement named is said back as a strength in the
assistant's words (MI: a reflection of what they chose, then an open question); a story is heard
as the answer to an open question (context_reply.heard). The paraphrases follow the items of the
BARC-10 (Vilsaint et al., Drug and Alcohol Dependence 2017;177:71-76), as bot/domain/barc10.yml
asks them, in the second person.
"""

from __future__ import annotations

import re

from bot.actions.barc10_reflection import OPEN_QUESTION

# The questions the finish ends on (barc10_reflection.py): what answers them is their answer.
CLOSING_QUESTIONS = (
    OPEN_QUESTION,
    "what do you think helped?",
    "What's been weighing on you most?",
    "What's been helping you hold steady?",
)
MOST_TRUE = "utter_barc10_most_true"
CORRECTED = "utter_barc10_corrected"  # one answer changed, as they asked

# Item number -> (what names it in their words, the statement said back).
STATEMENTS: dict[int, tuple[str, str]] = {
    1: (r"more important|important things|other things", "other things in your life matter "
        "more to you than using"),
    2: (r"happy with (?:my )?life|happy in general|in general", "you're happy with your life in "
        "general"),
    3: (r"energy|tasks", "you have the energy for what you set out to do"),
    4: (r"community|neighbou?rhood|proud", "you feel part of your community, and proud of it"),
    5: (r"friends?", "you get real support from friends"),
    6: (r"challenging|fulfill?ing|without (?:the need|using|drugs)", "your life feels full "
        "and challenging without needing to use"),
    7: (r"living space|living situation|my (?:place|home|house|apartment|room)|where i live",
        "where you live is helping your recovery"),
    8: (r"responsib\w*|my actions|own (?:it|my)", "you take full responsibility for your "
        "actions"),
    9: (r"professionals?|doctors?|counselou?rs?", "you're comfortable dealing with the "
        "professionals in your life"),
    10: (r"progress|recovery journey|journey", "you're making good progress in your recovery"),
}  # fmt: skip
_WORDS = tuple((item, re.compile(rf"\b(?:{words})\b")) for item, (words, _) in STATEMENTS.items())
# "5", "#5", "number 5", "statement 5", "the 5th one", "5. definitely": the number leads.
_NUMBER = re.compile(
    r"^\W*(?:(?:number|no\.?|statement|question|item|#)\s*)?(?P<n>10|[1-9])(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:of|/|out of)\s*\d)"
)
# "the 2 was for the community one", "should be 2 not 3": a correction, not a choice.
_CORRECTS = re.compile(r"\b(?:should (?:be|have been)|meant|was for|supposed to be|not a?\s*\d|"
                       r"change|wrong|typo|oops|my bad)\b")  # fmt: skip


def asked_after_barc10(last_said: str) -> bool:
    """The finish's own question was the last thing said: what follows is their answer."""
    return last_said.rstrip().endswith(CLOSING_QUESTIONS)


def asked_which_statement(last_said: str) -> bool:
    return last_said.rstrip().endswith(OPEN_QUESTION)


def statement_chosen(text: str) -> int | None:
    """The item they name as feeling most true, by its number or its words; None if neither, or
    if they are correcting an answer instead."""
    lowered = text.lower().replace("\u2019", "'")
    if _CORRECTS.search(lowered):
        return None
    numbered = _NUMBER.match(lowered)
    if numbered is not None:
        return int(numbered["n"])
    named = [item for item, words in _WORDS if words.search(lowered)]
    return named[0] if len(named) == 1 else None


def said_back(text: str) -> str | None:
    item = statement_chosen(text)
    return None if item is None else STATEMENTS[item][1]


# The item a correction is about: its number ("number 7", "#7", "question 7") or its words
# followed by "one" ("the living space one").
_ITEM_NUMBER = re.compile(r"\b(?:number|no\.?|statement|question|item|#)\s*(?P<n>10|[1-9])\b")
# The new score: "should be 2 (not 3)", "meant 5", "make it a 4", "change it to 3", or the one a
# score "was for" ("the 2 was for the community one").
_NEW_SCORE = re.compile(
    r"\b(?:should (?:be|have been|have said)|meant(?: to say)?|make (?:it|that)|change (?:it|that|"
    r"(?:the )?\w+(?: \w+)? one) to|supposed to be|is actually|was actually)"
    r"\s+(?:an?\s+)?(?P<n>[1-6])\b"
    r"|\b(?:the|a|my)\s+(?P<was>[1-6])\s+was (?:for|meant for|supposed to be for)\b"
)


def correction_in(text: str) -> tuple[int, int] | None:
    """(item, new score) when the message corrects one answer of the check-in just done."""
    lowered = text.lower().replace("\u2019", "'")
    scored = _NEW_SCORE.search(lowered)
    if scored is None:
        return None
    numbered = _ITEM_NUMBER.search(lowered)
    if numbered is not None:
        item = int(numbered["n"])
    else:
        named = [n for n, words in _WORDS if words.search(lowered)]
        if len(named) != 1:
            return None
        item = named[0]
    return item, int(scored["n"] or scored["was"])
