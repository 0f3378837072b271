"""What the person said, as the phrase lists are written: lower case, accents and apostrophes
dropped, SMS spellings fixed ("hes breathin" -> "hes breathing", "ya llamé" -> "ya llame")."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from escalation.companion.texts import COMPANION

_QUOTES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'"))
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)'(?=\w)")
_NOT_A_WORD = re.compile(r"[^a-z0-9?]+")
_QUESTION = re.compile(r"\?+")
_LONG_RUN = re.compile(r"([a-z])\1{2,}")  # "pleeease", "helppp": typed fast, read the same


def fold(text: str) -> str:
    """Lower case without accents: "Llamé" and "llame" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES).lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(text: str) -> str:
    text = _APOSTROPHE_IN_WORD.sub("", fold(text))
    text = _QUESTION.sub(" ? ", text)
    text = _LONG_RUN.sub(r"\1", _NOT_A_WORD.sub(" ", text))
    return _spellings()(" ".join(text.split()))


@functools.cache
def _spellings() -> Callable[[str], str]:
    table = {_plain(key): value for key, value in COMPANION.spellings.items()}
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<!\S)(" + "|".join(re.escape(key) for key in keys) + r")(?!\S)")
    return lambda text: pattern.sub(lambda match: table[match.group(1)], text)


def _plain(text: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", _APOSTROPHE_IN_WORD.sub("", fold(text))).split())


@functools.cache
def phrases(name: str) -> tuple[str, ...]:
    """Both languages' phrases, longest first: people mix them ("no tengo narcan", "ok gracias")."""
    entry = COMPANION.phrases[name]
    return tuple(sorted({normalise(p) for p in (*entry.en, *entry.es)}, key=len, reverse=True))


def says(said: str, name: str) -> bool:
    """Whether the normalised message holds one of the phrases, word for word."""
    padded = f" {said} "
    return any(f" {phrase} " in padded for phrase in phrases(name))


def opens_with(said: str, name: str) -> bool:
    """Whether the normalised message begins with one of the phrases, word for word."""
    padded = f" {said} "
    return any(padded.startswith(f" {phrase} ") for phrase in phrases(name))


def residue(said: str, *names: str) -> str:
    """What is left once these phrases are taken out: "nothing really" leaves nothing."""
    padded = f" {said} "
    for phrase in sorted({p for name in names for p in phrases(name)}, key=len, reverse=True):
        while f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
    return " ".join(padded.split())


_LONGEST_REFUSAL = 2  # words beside "leave me alone": "ugh just leave me alone" still is one


def refuses(said: str) -> bool:
    """ "leave me alone", "this is stupid", "no quiero": respected, never filed as an answer
    ("ya no quiero vivir" is not a refusal)."""
    if not says(said, "refusal") or says(said, "wants_to_die") or says(said, "feeling"):
        return False
    rest = residue(said, "refusal", "fillers", "acknowledge", "thanks")
    return len(rest.split()) <= _LONGEST_REFUSAL
