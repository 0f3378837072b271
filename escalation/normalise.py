"""Text as people send it -> text as the lexicon is written.

People in crisis text fast, on small keyboards: "cant breath", "pleeease", "I\u2019m gonna od",
"💊💊". Normalising before matching lets one phrase in the lexicon stand for all of these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from escalation.lexicon import Spellings

# Curly and look-alike apostrophes and quotes, as phones type them.
_QUOTES = str.maketrans(
    dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'") | dict.fromkeys("\u201c\u201d", '"')
)
_CONTROL = {"Cc", "Co", "Cs"}
_ACCENT = "Mn"  # combining marks: "tomó", "mamá", "daño" are matched as "tomo", "mama", "dano"
_FORMAT = "Cf"  # zero-width spaces and joiners, sometimes typed inside a word
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)'(?=\w)")
_HYPHEN_IN_WORD = re.compile(r"(?<=[a-z])-(?=[a-z])")
_LONG_RUN = re.compile(r"([a-z])\1{2,}")
_WORD = re.compile(r"[a-z]+")
_NUMBER_THEN_WORD = re.compile(r"(?<=\d)(?=[a-z]{2,}\b)(?!(?:st|nd|rd|th|am|pm|s)\b)")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
_SPACES = re.compile(r"\s+")
# Markdown and escapes ("*self harm*", "\\bloodlet\\") would otherwise stick to the words.
_DECORATION = re.compile(r"[\\*_#~^|<>\[\]{}()\"=+]")


class Normaliser:
    def __init__(self, spellings: Spellings, vocabulary: frozenset[str]) -> None:
        self._emoji = spellings.emoji
        self._cased = _replacer(spellings.cased)
        self._marks = _replacer(spellings.marks)
        self._words = _replacer(spellings.words)
        self._vocabulary = vocabulary

    def __call__(self, text: str) -> str:
        text = _visible(unicodedata.normalize("NFKC", text)).translate(_QUOTES)
        text = _unaccented(self._cased(text).lower())
        for emoji, word in self._emoji.items():
            text = text.replace(emoji, f" {word} ")
        text = self._marks(text)
        text = _APOSTROPHE_IN_WORD.sub("", text).replace("'", " ")
        text = _DECORATION.sub(" ", text)
        text = _HYPHEN_IN_WORD.sub(" ", text)
        text = _WORD.sub(self._shorten_runs, text)
        text = self._words(text)
        text = _WORD.sub(self._restore_dropped_g, text)
        text = _NUMBER_THEN_WORD.sub(" ", text)
        # A line break ends a thought as a full stop does.
        return _SPACES.sub(" ", _NEWLINES.sub(" . ", text)).strip()

    def _shorten_runs(self, match: re.Match[str]) -> str:
        """'killlll' -> 'kill', 'dieeee' -> 'die': keep a double letter where the lexicon does."""
        word = match.group(0)
        if not _LONG_RUN.search(word):
            return word
        doubled, single = _LONG_RUN.sub(r"\1\1", word), _LONG_RUN.sub(r"\1", word)
        return doubled if doubled in self._vocabulary or single not in self._vocabulary else single

    def _restore_dropped_g(self, match: re.Match[str]) -> str:
        """'dyin', 'breathin' -> 'dying', 'breathing', when the lexicon has the -ing word."""
        word = match.group(0)
        if word.endswith("in") and word not in self._vocabulary and word + "g" in self._vocabulary:
            return word + "g"
        return word


def _unaccented(text: str) -> str:
    """Accents dropped, as many people text them anyway: one spelling matches both."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if unicodedata.category(char) != _ACCENT)
    return unicodedata.normalize("NFC", kept)


def _visible(text: str) -> str:
    """Control characters become spaces (line breaks stay) and zero-width ones disappear."""
    return "".join(_visible_char(char) for char in text)


def _visible_char(char: str) -> str:
    if char in "\r\n":
        return char
    category = unicodedata.category(char)
    if category == _FORMAT:
        return ""
    return " " if category in _CONTROL else char


def _replacer(table: Mapping[str, str]) -> Callable[[str], str]:
    if not table:
        return lambda text: text
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'])(" + "|".join(re.escape(key) for key in keys) + r")(?![\w'])")
    return lambda text: pattern.sub(lambda match: table[match.group(1)], text)
