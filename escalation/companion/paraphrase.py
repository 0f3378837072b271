"""The person's own words, turned to second person for a reflection: "my brother Mike" becomes
"your brother Mike". Word for word, so nothing they said is reworded or lost; never quoted back
in quotation marks (a reflection, not a transcript), never cut in the middle of a phrase.
"""

from __future__ import annotations

import functools
import re

from escalation.companion.matching import fold
from escalation.companion.texts import COMPANION

LONGEST = 200
_GERUNDS = ("ing", "ando", "iendo")
_TOKEN = re.compile(r"[\w'\u2019]+|[^\w'\u2019]+")
_CLAUSE_END = re.compile(r"[.,;:!?)]\s|\s(?:and|but|y|pero)\s")
_EDGES = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?-\u2013\u2014"


@functools.cache
def _table(language: str) -> dict[tuple[str, ...], str]:
    raw = COMPANION.paraphrase["es" if language == "es" else "en"]
    return {tuple(fold(key).split()): value for key, value in raw.items()}


def second_person(text: str, language: str) -> str:
    """The answer reflected back: second person, trimmed of quotes and end marks, <= LONGEST."""
    words = _swap(_TOKEN.findall(" ".join(text.split())), _table(language))
    return _opening_lowered(_shorten("".join(words).strip(_EDGES)))


def _opening_lowered(text: str) -> str:
    """ "Walking the dog" -> "walking the dog" after a colon; "Mike" stays a name."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower().endswith(_GERUNDS):
        return text[:1].lower() + text[1:]
    return text


def _swap(tokens: list[str], table: dict[tuple[str, ...], str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(tokens):
        size, replacement = _match(tokens, index, table)
        out.append(replacement if size else tokens[index])
        index += max(size, 1)
    return out


def _match(tokens: list[str], start: int, table: dict[tuple[str, ...], str]) -> tuple[int, str]:
    """The longest first-person phrase starting here ("i am" before "i"), over word tokens and
    the single spaces between them; (0, "") when none does."""
    for words in (3, 2, 1):
        span = tokens[start : start + 2 * words - 1]
        if len(span) < 2 * words - 1 or any(gap != " " for gap in span[1::2]):
            continue
        key = tuple(fold(token).replace("'", "") for token in span[::2])
        if key in table:
            return len(span), table[key]
    return 0, ""


def _shorten(text: str) -> str:
    """At most LONGEST characters, ending where a clause ends (a whole thought, even if short,
    reads better than one cut off), else where a word ends."""
    if len(text) <= LONGEST:
        return text
    ends = [match.start() + 1 for match in _CLAUSE_END.finditer(text[: LONGEST + 1])]
    cut = ends[-1] if ends else text.rfind(" ", 0, LONGEST + 1)
    return text[: cut if cut > 0 else LONGEST].strip(_EDGES)


@functools.cache
def _hedges(language: str) -> re.Pattern[str]:
    """Filler to drop from a reflection ("fine. walking i guess" -> "walking"), matched with or
    without an apostrophe, as whole words; "like" and "fine" only where a sentence opens."""
    entry = COMPANION.phrases["hedges"]
    words = entry.es if language == "es" else entry.en
    alternatives = sorted((_loose(phrase) for phrase in words), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])[.,!]*", re.I)


def _loose(phrase: str) -> str:
    return r"\s+".join(
        "".join(re.escape(char) + "'?" for char in word[:-1]) + re.escape(word[-1])
        for word in phrase.replace("'", "").split()
    )


_OPENERS = re.compile(r"^(?:(?:fine|ok|okay|well|so|like|um|uh|bueno|pues|este)\b[.,!]*\s*)+", re.I)


def tidy(text: str, language: str) -> str:
    """The answer without hedges and filler, so a reflection reads as a sentence; a message in
    capitals (a phone stuck on caps lock) is said back in lower case, not shouted."""
    text = text.lower() if _shouted(text) else text
    cleaned = _hedges(language).sub(_keep_the_stop, " ".join(text.split()))
    cleaned = _OPENERS.sub("", " ".join(cleaned.split()).strip(_EDGES))
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(cleaned.split())) or text


_SPACE_BEFORE_STOP = re.compile(r"\s+([.!,])")


def _keep_the_stop(found: re.Match[str]) -> str:
    """ "been rough tbh. landlord is on me": the filler goes, the sentence break stays."""
    return ". " if "." in found.group() or "!" in found.group() else " "


def _shouted(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 3 and sum(char.isupper() for char in letters) > 0.8 * len(letters)


_CLAUSE = re.compile(r"[.;!?]\s|,?\s(?:but|pero)\s", re.I)


def first_clause(text: str) -> str:
    """The first whole thought, for echoing back: "your sponsor Dave but you don't want to bother
    him" -> "your sponsor Dave"; "your daughter. shes 6" -> "your daughter"."""
    head = _CLAUSE.split(text, maxsplit=1)[0].strip(_EDGES)
    return head or text
