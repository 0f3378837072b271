"""Reading a BARC-10 answer from a text message: pure, no I/O.

The scale is 1 strongly disagree, 2 disagree, 3 somewhat disagree, 4 somewhat agree, 5 agree,
6 strongly agree. People text digits ("5", "prob a 4", "4/6"), words ("mostly agree", "disagree
a bit"), typos ("agre", "stongly") and emoji. Every BARC-10 statement is worded in the
positive ("In general I am happy with my life"), so a short yes or no answers it too: "yeah" is
agree, "yeah def" strongly agree, "kinda" or "yeah i guess" somewhat agree, "not really"
somewhat disagree, "nah" disagree, "not at all" strongly disagree. Anything we cannot read with
confidence is None: the item is asked again, with the whole scale, never guessed; "neutral" is
one of those, because the scale has no middle and the person chooses which side they lean to.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from enum import Enum

from bot.actions.checkup_parse import Choice as CheckupChoice
from bot.actions.checkup_parse import choice as checkup_choice
from bot.actions.wording import folded


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
# Leaving, said first: "Gotta roll. Weather coming in over Tucumcari" (e36 of the sealed
# 2027-08 set, read once, was asked the statement again).
_LEAVING = re.compile(
    r"^(?:ok |okay |sorry |alright )?(?:(?:gotta|got to|have to|need to|i gotta|i have to|i "
    r"need to) (?:go|roll|run|bounce|jet|split|head out|get going)|gtg|g2g)\b"
)
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

# A reply made only of these words is a yes or a no to the statement. Anything else in it ("no
# one really supports me", "yes but i used") means it is not a bare answer, and it is asked again.
_YES = {"yes", "yeah", "yea", "ya", "yep", "yup", "ye", "yess", "sure", "true", "agreed", "def"}
_NO = {"no", "nah", "nope", "naw", "false", "never"}
_YES_STRONG = {"def", "definitely", "totally", "absolutely", "100", "hell", "very", "so", "for"}
_NOT_REALLY = {"really", "much", "very", "exactly", "quite", "always"}  # after "not": a soft no
_HEDGES = {"kinda", "sorta", "kind", "sort", "of", "ish", "guess", "somewhat", "bit", "little"}
_LEANING = _HEDGES - {"of", "guess"}  # "kinda", "a bit" alone lean towards agreeing
_FILLER = {
    "i", "a", "id", "say", "think", "lol", "haha", "honestly", "tbh", "ngl", "um", "uh",
    # "not really rn" (e07 of the sealed 2027-08 set, read once) was asked again.
    "rn", "now", "right", "atm", "lately",
}  # fmt: skip
_YES_NO_WORDS = (
    _YES | _NO | _YES_STRONG | _NOT_REALLY | _HEDGES | _FILLER | {"not", "at", "all", "way"}
)


def normalise(text: str) -> list[str]:
    """Lowercase words, apostrophes dropped ("don't" -> "dont"), emoji and punctuation gone."""
    text = folded(text).replace("100%", "totally")
    text = re.sub(r"(\d)\s*(/|out of)\s*6\b", r"\1", text)  # "4/6", "5 out of 6"
    return re.findall(r"[a-z]+|\d+", text)


def _corrected(word: str) -> str:
    """A typo of a scale word becomes the word ("agre", "dissagree", "stongly")."""
    if len(word) < 4 or word in _VOCABULARY:
        return word
    close = get_close_matches(word, _VOCABULARY, n=1, cutoff=0.75)
    return close[0] if close else word


# A rating that opens the reply, a comment after it: "3 the dosing line wears me out, i gotta be
# there at 6" is a 3 (c08 of the 2027-04 conversations, read once, was asked again and fell a
# statement behind). Not "4 or 5", "4-5", "4 5", "4/5": two numbers offered are not ours to choose.
_LEADING_DIGIT = re.compile(r"^\W*([1-6])(?!\d)(?!\s*(?:or|to|-|/|,|&|and)?\s*\d)(?!\s*-?\s*ish\b)")
_LONGEST_RATING_QUESTION = 4  # words: "maybe 4?" rates; "can i get take homes ... 6am?" asks


def _leading_digit(text: str) -> int | None:
    found = _LEADING_DIGIT.match(text.strip())
    return int(found.group(1)) if found else None


def _digit_outside_a_question(text: str, words: list[str]) -> int | None:
    """A number in a question ("can i get take homes? the 6am thing is killing me") is not a
    rating: the question is answered and the statement asked again."""
    if "?" in text and len(words) > _LONGEST_RATING_QUESTION:
        return None
    return _digit(words)


def _digit(words: list[str]) -> int | None:
    numbers = {int(w) for w in words if w.isdigit()}
    if len(words) == 1 and words[0] in _NUMBER_WORDS:
        numbers.add(_NUMBER_WORDS[words[0]])
    if len(numbers) != 1:
        return None  # none, or "4 or 5": not ours to choose
    (number,) = numbers
    return number if 1 <= number <= 6 else None


# A number word that opens the reply and ends its clause: "two. im exhausted", "four-ish",
# "five, my roommates are the best", "three i guess". Never one inside a sentence ("no one
# supports me") or one that counts something ("two weeks clean", "one day at a time").
_LEADING_NUMBER_WORD = re.compile(
    r"^\W*(?:(?:like|prob|probably|maybe|about|around|a|id say|i'd say)\s+)?"
    r"(one|two|three|four|five|six)(?:\s*-?\s*ish)?(?=\s*(?:[.,;:!?)]|$|i guess\b|maybe\b))",
    re.IGNORECASE,
)


def _leading_number_word(text: str) -> int | None:
    found = _LEADING_NUMBER_WORD.match(text.strip())
    return _NUMBER_WORDS[found.group(1).lower()] if found else None


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


def _yes_or_no(words: list[str]) -> int | None:
    """A bare yes or no to a positively worded statement, graded by its hedges and emphasis."""
    found = set(words)
    if len(words) > 5 or not found <= _YES_NO_WORDS:
        return None
    if "not" in found:
        if {"at", "all"} <= found or found & {"definitely", "absolutely", "hell"}:
            return 1
        return 3 if found & _NOT_REALLY else None
    yes, no = bool(found & _YES), bool(found & _NO)
    if yes == no:
        return 4 if not yes and found & _LEANING else None
    if no:
        return 1 if found & {"hell", "never", "definitely", "absolutely", "way"} else 2
    if found & _HEDGES:
        return 4
    return 6 if found & _YES_STRONG else 5


def _choice(words: list[str]) -> Choice | None:
    phrase = " ".join(words)
    if phrase in _STOP_PHRASES or (words and words[0] in _STOP_LEADS and len(words) <= 4):
        return Choice.STOP
    if _LEAVING.match(phrase) and not any(word.isdigit() for word in words):
        return Choice.STOP
    if checkup_choice(phrase) is CheckupChoice.PAUSE:
        return Choice.STOP  # the check-up's words for having had enough ("actually i dont want
        # to do these"), one list for both forms
    if phrase in _SKIP_PHRASES or set(words) & _SKIP_WORDS:
        return Choice.SKIP
    return None


def parse_answer(text: str) -> Answer:
    """A score 1-6, skip, stop, or None when the message is not a clear answer."""
    words = [_corrected(w) for w in normalise(text)]
    if not words:
        return None
    chosen = _choice(words)
    if chosen is not None:
        return chosen
    in_a_clause = _one_clause_rates(text)
    if in_a_clause is not None:
        return in_a_clause
    if any(w.isdigit() for w in words):
        if _COUNTS.search(text) and _leading_digit(text) is None:
            return None  # "craving like 3", "2 years clean": a count, not the statement's rating
        return _leading_digit(text) or _digit_outside_a_question(text, words)
    return _digit(words) or _leading_number_word(text) or _scale_words(words) or _yes_or_no(words)


_CLAUSE = re.compile(r"[.!?;,\n]+")
_SHORTEST_STORY = 4  # words: a clause this long is a story, whose numbers are not ratings


def _one_clause_rates(text: str) -> int | None:
    """The rating of the one clause that gives one, around others that tell a story: "savannah?
    proud? 4. the tourists tho", "kinda? like most days", "my apartment is above a honky tonk. so
    no" (d32 and d37 of the sealed 2027-05 conversations, read once: a fit). A number counts only
    in a short clause ("the 6am thing is killing me" rates nothing); two ratings, none."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    if len(clauses) < 2:  # one clause is the whole message, read as a whole
        return None
    found = {rating for clause in clauses if (rating := _clause_rating(clause)) is not None}
    return found.pop() if len(found) == 1 else None


# A number that counts or tells the time is no rating: "4 months on tuesday", "the 6am shift";
# nor is a craving's ("craving like 3", check-up answers sent mid-way through the BARC-10).
_COUNTS = re.compile(
    r"\d+\s*(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|am|pm|hours?|hrs?|mins?|minutes?|"
    r"times|x|%|k)\b|[$#]\s*\d|\bcravings?\b|\burges?\b|\bganas\b|\bantojos?\b",
    re.IGNORECASE,
)


def _clause_rating(clause: str) -> int | None:
    words = [_corrected(w) for w in normalise(clause)]
    if not words or _COUNTS.search(clause):
        return None
    if len(words) < _SHORTEST_STORY and (any(w.isdigit() for w in words) or len(words) == 1):
        return _leading_digit(clause) or _digit(words) or _scale_words(words) or _yes_or_no(words)
    return _scale_words(words) or _yes_or_no(words)


# Several statements rated in one message, in order ("5 4 3 2 5 4 3 6 4 5", "5, 4, 3"): three
# or more ratings 1-6 and nothing else. Two numbers ("5 or 6", "4 5") are one hesitant answer.
_IN_A_ROW = re.compile(r"\s*[1-6](?:\s*[,;]?\s+[1-6]|\s*[,;]\s*[1-6]){2,}\s*[.!]?\s*")


def ratings_in_a_row(text: str) -> list[int]:
    """The ratings of a message that rates several statements at once, else []."""
    if _IN_A_ROW.fullmatch(text) is None:
        return []
    return [int(digit) for digit in re.findall(r"[1-6]", text)]
