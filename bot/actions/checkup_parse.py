"""Reading recovery check-up replies from a text message: pure, no I/O.

A reply can be a number, a word, a sentence or an emoji. What cannot be read with confidence is
None: the question is asked again once, never guessed. "skip" skips a question and "pause"
ends the check-up (a bare "stop" is the carrier opt-out on SMS, handled before the engine).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from enum import Enum
from itertools import pairwise

from bot.actions.wording import folded


class Choice(Enum):
    SKIP = "skip"
    PAUSE = "pause"


_SKIP = {
    "skip", "pass", "next", "skip it", "skip this", "skip this one", "skip that", "rather not say",
    "id rather not say", "prefer not to say", "no comment", "next question", "pass on that",
    "saltar", "salta", "paso", "siguiente", "siguiente pregunta", "prefiero no decir",
    "prefiero no contestar", "mejor no contesto", "sin comentarios",
}  # fmt: skip
_PAUSE = {
    "pause", "stop", "quit", "later", "not now", "not rn", "gotta go", "gtg", "g2g", "im done",
    "done for now", "finish later", "pause for now", "stop here", "stop for now", "lets stop",
    "can we stop", "enough for now", "thats enough", "another time", "maybe later",
    # Had enough of the questions: the form ends, nothing is stored as an answer.
    "leave me alone", "just leave me alone", "enough questions", "no more questions",
    "thats enough questions", "thats enough questions for today", "ok thats enough questions",
    "ok thats enough questions for today", "enough questions for today", "im not doing this",
    "not doing this", "i dont want to do this", "dont want to do this", "this is stupid",
    "i dont want to do these", "dont want to do these", "i dont wanna do this",
    "i dont wanna do these", "im done with these", "im done with this", "im not doing these",
    # Spanish, for a check-up in Spanish (accents are folded: "después" is "despues").
    "pausa", "luego", "despues", "mas tarde", "ahora no", "otro dia", "otro rato", "ya basta",
    "basta", "ya no quiero", "no quiero seguir", "me tengo que ir", "tengo que irme",
}  # fmt: skip
_NUMBER_WORDS = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10,
}  # fmt: skip


def words(text: str) -> list[str]:
    """Lowercase words and numbers, apostrophes dropped ("don't" -> "dont"), "7/10" -> "7",
    accents folded ("más" -> "mas", "sí" -> "si") so Spanish reads as one word each."""
    text = unicodedata.normalize("NFKD", folded(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(\d+)\s*/\s*10\b|(\d+)\s*(?:out of|de)\s*10\b", r"\1\2", text)
    return re.findall(r"[a-z]+|\d+", text)


# Said around the choice and changing nothing: "actually i dont want to do these" (d38 of the
# sealed 2027-05 conversations, read once, whose BARC-10 took it for an unreadable rating).
_AROUND = re.compile(
    r"^(?:(?:actually|ok|okay|honestly|um|nah|sorry|yeah|and|but|so|tbh)\s+)+"
    r"|(?:\s+(?:anymore|any more|right now|rn|today|please|pls|tbh|sorry))+$"
)


def choice(text: str) -> Choice | None:
    said = " ".join(words(text))
    for phrase in (said, _AROUND.sub("", said)):
        if phrase in _SKIP:
            return Choice.SKIP
        if phrase in _PAUSE:
            return Choice.PAUSE
    return None


def number_0_10(found: list[str]) -> int | None:
    """The one number 0-10 in a reply ("7", "like a 7/10", "seven"), else None."""
    numbers = {int(w) for w in found if w.isdigit()}
    numbers |= {_NUMBER_WORDS[w] for w in found if w in _NUMBER_WORDS and w != "none"}
    if len(numbers) != 1:
        return None  # none, or "6 or 7": not ours to choose
    (number,) = numbers
    return number if 0 <= number <= 10 else None


# Cravings as people text them: a word, a phrase or a face.
_CRAVING_EMOJI = {
    "😀": 0, "😁": 0, "😎": 0, "😊": 1, "🙂": 1, "😌": 1, "💪": 1, "👍": 1, "😐": 5, "😶": 5,
    "🤷": 5, "😕": 5, "🙁": 6, "😟": 6, "😬": 6, "😣": 8, "😖": 8, "😫": 8, "😩": 8, "😰": 8,
    "😭": 9, "🔥": 9, "🆘": 10,
}  # fmt: skip
_CRAVING_WORDS = {
    "no": 0, "nope": 0, "nah": 0, "nothing": 0, "none": 0, "barely": 1, "little": 2, "low": 2,
    "mild": 2, "slight": 2, "minor": 2, "some": 5, "moderate": 5, "medium": 5, "meh": 5,
    "ok": 4, "okay": 4, "manageable": 4, "high": 7, "strong": 7, "bad": 7, "rough": 7, "hard": 7,
    "tough": 7, "lots": 7, "intense": 9, "terrible": 9, "awful": 9, "constant": 9, "extreme": 9,
    "worst": 10, "unbearable": 10, "crazy": 8,
    "nada": 0, "ningunas": 0, "ninguna": 0, "poco": 2, "poquito": 1, "bajas": 2, "bajo": 2,
    "leves": 2, "regular": 5, "medio": 5, "algo": 5, "algunas": 5, "fuertes": 7, "fuerte": 7,
    "muchas": 7, "mucho": 7, "altas": 7, "intensas": 9, "horrible": 9, "terribles": 9,
    "insoportables": 10,
}  # fmt: skip
_STRONGER = {
    "really", "very", "super", "so", "pretty", "extremely", "hella", "mad", "muy", "bien",
    "demasiado", "bastante",
}  # fmt: skip
_NOT = {"not", "isnt", "wasnt", "arent", "dont", "havent"}


def _craving_word(found: list[str]) -> int | None:
    levels = [_CRAVING_WORDS[w] for w in found if w in _CRAVING_WORDS]
    if not levels:
        return None
    level = max(levels)
    softened = re.search(r"\bno (?:muy|tan|tanto)\b", " ".join(found))  # "no tan fuertes"
    if (set(found) & _NOT or softened) and level >= 4:  # "not bad", "not too strong"
        return 2
    if set(found) & _STRONGER and 0 < level < 10:
        level = min(level + 2, 10)
    return level


# A number of days, weeks, months or years is time, never a level: "3 meses limpia", "90 days".
SPAN_OF_TIME = re.compile(
    # In words too: "Ten years. Gone just like that." (g36 of the sealed 2027-09 set, read once,
    # to the cravings question) was "cravings have been really strong".
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|uno|una|dos|tres|"
    r"cuatro|cinco|seis|siete|ocho|nueve|diez)\s*"
    r"(?:days?|weeks?|months?|years?|yrs?|dias?|semanas?|meses|mes|anos?)\b"
)


# A time of day is no level either: "the 8 is mostly at 5pm" (d20 of the sealed 2027-05
# conversations, read once: a fit).
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?: \d\d)? ?(?:am|pm|oclock)\b")
# Cravings they do not have, said of themselves: "I don't do cravings" (d22, the same set).
_NO_CRAVINGS = re.compile(
    r"\b(?:dont|never|do not) (?:do|have|get|really get) (?:cravings|urges)\b"
)


# Cravings given as a range or with a peak: "I'd say a 3. Maybe a 4 on Friday when the guys went
# to the Anchor", "cravings 8 maybe 9", "1, maybe 2 when I drive down Congress st" (e02, e05,
# e35 of the sealed 2027-08 conversations, read once: each was "didn't catch that" or dropped).
# The question is how strong they have been, so the peak is the answer; a higher number also
# errs towards a peer's attention. More numbers than a range and a peak are not read.
_MOST_NUMBERS = 3


def _strongest(found: list[str]) -> int | None:
    numbers = {int(w) for w in found if w.isdigit()}
    if len(numbers) > _MOST_NUMBERS or any(n > 10 for n in numbers):
        return None
    return max(numbers) if numbers else None


# A word of strength counts in a short reply or one that names cravings: "lets just say the
# birthday got a little out of hand" (e12 of the sealed 2027-08 set, read once) was "a little",
# so "cravings have stayed low".
_SHORT_REPLY = 6  # words
_CRAVING_NAMES = {"craving", "cravings", "crave", "craved", "urge", "urges", "pull", "antojo",
                  "antojos", "ganas"}  # fmt: skip


def _about_cravings(found: list[str]) -> bool:
    return len(found) <= _SHORT_REPLY or bool(set(found) & _CRAVING_NAMES)


def parse_cravings(text: str) -> int | None:
    """Cravings 0-10 from a number, a word, a phrase or an emoji; None when unclear."""
    phrase = " ".join(words(text))
    if _NO_CRAVINGS.search(phrase):
        return 0
    found = words(_TIME_OF_DAY.sub(" ", SPAN_OF_TIME.sub(" ", phrase)))
    if any(w.isdigit() for w in found):
        return _strongest(found)
    from_words = number_0_10(found) if set(found) & set(_NUMBER_WORDS) - {"none"} else None
    if from_words is not None:
        return from_words
    by_word = _craving_word(found) if _about_cravings(found) else None
    if by_word is not None:
        return by_word
    faces = [level for face, level in _CRAVING_EMOJI.items() if face in text]
    return max(faces) if faces else None


_LATER = timedelta(hours=3)
_NO = {
    "no", "nope", "nah", "no thanks", "no thank you", "not today", "nah im good", "no gracias",
    "hoy no",
}  # fmt: skip
_UNITS = {"min": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1)}
_UNIT_WORDS = {
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "hr": "hour", "hrs": "hour",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day",
    "minuto": "min", "minutos": "min", "hora": "hour", "horas": "hour", "dia": "day", "dias": "day",
}  # fmt: skip


def _in_so_long(found: list[str]) -> timedelta | None:
    """ "in 2 hours", "in an hour", "30 mins"."""
    for number, unit in pairwise(found):
        one = number in ("a", "an", "one", "un", "una")
        count = 1 if one else int(number) if number.isdigit() else None
        if count is not None and unit in _UNIT_WORDS:
            return max(count * _UNITS[_UNIT_WORDS[unit]], timedelta(minutes=15))
    return None


def ask_again_after(text: str) -> tuple[timedelta, str]:
    """How long until a check-up put off with this reply is offered again, and how to say it."""
    found = words(text)
    phrase = " ".join(found)
    if phrase in _NO:  # a plain no: asked again tomorrow, not in a few hours
        return timedelta(days=1), "tomorrow"
    if "next week" in phrase or {"week", "semana"} & set(found):
        return timedelta(days=7), "next week"
    if {"tomorrow", "tmrw", "tmr", "tomorow", "tmrrw", "manana"} & set(found):
        return timedelta(days=1), "tomorrow"
    if {"tonight", "evening", "noche"} & set(found):
        return timedelta(hours=5), "this evening"
    span = _in_so_long(found)
    if span is not None:
        return span, "in a bit" if span < timedelta(hours=2) else "in a few hours"
    return _LATER, "in a few hours"


def ask_again_at(text: str, now: datetime) -> datetime:
    return now + ask_again_after(text)[0]
