"""Which language to answer in, and the wait said in it.

Sticky on purpose: "ok", "911" or "si" says nothing about the language, and a person in crisis
must not see the replies flip between English and Spanish on a one-word message.
"""

from __future__ import annotations

import functools
import re
from datetime import timedelta

from escalation.companion.matching import normalise
from escalation.companion.texts import COMPANION, LANGUAGES
from escalation.policy import humanise

_SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
_SPANISH_WAIT = {
    "a minute": "un minuto",
    "a day": "un día",
    "minutes": "minutos",
    "hours": "horas",
    "days": "días",
}


@functools.cache
def _markers(language: str) -> frozenset[str]:
    return frozenset(normalise(word) for word in COMPANION.language[language])  # type: ignore[index]


# Spanish words that are also English texting ("ya", "yo": yes, hey) say nothing on their own.
_SHARED_WITH_ENGLISH = frozenset({"ya", "yo", "me", "no", "si", "a", "y", "o", "mi", "ok"})


def clearly_spanish(text: str) -> bool:
    """Spanish on its own, by the marker words: two Spanish words not shared with English
    texting, or one and a Spanish mark, and no English marker word. "ya sure", "lol ya",
    "hola" or "gracias" alone are not: kept as the person's language, a program's check-ups
    would follow them into Spanish."""
    words = normalise(text).split()
    if any(word in _markers("en") for word in words):
        return False
    spanish = [w for w in words if w in _markers("es") and w not in _SHARED_WITH_ENGLISH]
    return len(spanish) >= 2 or (len(spanish) == 1 and _SPANISH_MARKS.search(text) is not None)


def language_of(text: str, current: str | None) -> str:
    """'es' when clearly Spanish, 'en' when clearly English, else `current` (or 'en')."""
    fallback = current if current in LANGUAGES else "en"
    words = normalise(text).split()
    english = sum(word in _markers("en") for word in words)
    spanish = sum(word in _markers("es") for word in words) + len(_SPANISH_MARKS.findall(text))
    if english == spanish:
        return fallback
    leader, lead, trail = (
        ("es", spanish, english) if spanish > english else ("en", english, spanish)
    )
    if current not in LANGUAGES or leader == current:
        return leader
    # Switching needs more than one word's worth of evidence: "gracias" alone keeps English.
    return leader if lead - trail >= 2 or (trail == 0 and len(words) >= 2) else fallback


def wait_phrase(wait: timedelta, language: str) -> str:
    """policy.humanise, in the person's language: '15 minutes' / '15 minutos'."""
    said = humanise(wait)
    if language != "es":
        return said
    for english, spanish in _SPANISH_WAIT.items():
        said = said.replace(english, spanish)
    return said
