"""Text -> the tokens the model sees: the rules' normalised words, plus word-piece features.

The model reads text folded exactly as the rules read it (escalation/normalise.py), so "cant",
"can't" and "cnt" are one feature, and a new SMS spelling is fixed once, for both. Character
n-grams of each word ("#ove", "over", "verd", ...) let the model see "overdosing" in
"overdosd" and "kms" in "kmsss": bag-of-words features for word pieces, without a tokenizer of
their own. They come after the words, behind a separator, so the word n-grams never span them.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from escalation.lexicon import Lexicon
from escalation.matching import vocabulary
from escalation.normalise import Normaliser

# Separates the words from the word pieces, so no word n-gram mixes the two.
_SEPARATOR = "|||"
_EDGE = "#"


class ModelText:
    """Makes the Doc a message is classified as. Cheap (tens of microseconds a message)."""

    def __init__(
        self, lexicon: Lexicon, nlp: Language | None = None, char_sizes: tuple[int, ...] = ()
    ) -> None:
        """`char_sizes`: the n-gram sizes of the word pieces; none when empty."""
        self._char_sizes = char_sizes
        self.nlp = nlp if nlp is not None else spacy.blank("en")
        # As the rules' matcher: the normaliser has already spelled every word as wanted.
        tokenizer: Any = self.nlp.tokenizer  # spaCy's Cython tokenizer ships no type stub
        tokenizer.rules = {}
        self._normalise = Normaliser(lexicon.spellings, vocabulary(lexicon))

    def plain(self, text: str) -> list[str]:
        """The normalised words alone, without their pieces."""
        return [token.text for token in self.nlp.tokenizer(self._normalise(text))]

    def words(self, text: str) -> list[str]:
        """The normalised words, then the pieces of the longer ones."""
        words = self.plain(text)
        pieces = [
            piece for word in words if word.isalpha() for piece in _pieces(word, self._char_sizes)
        ]
        return [*words, _SEPARATOR, *pieces] if pieces else words

    def __call__(self, text: str) -> Doc:
        return self.doc(self.words(text))

    def doc(self, words: list[str]) -> Doc:
        return Doc(self.nlp.vocab, words=words)


def plain_words(words: list[str]) -> list[str]:
    """The words of `ModelText.words`, without the pieces after them."""
    return words[: words.index(_SEPARATOR)] if _SEPARATOR in words else words


def _pieces(word: str, sizes: tuple[int, ...]) -> list[str]:
    """Words shorter than a size give no piece of that size."""
    marked = f"{_EDGE}{word}{_EDGE}"
    return [
        marked[start : start + size]
        for size in sizes
        if len(marked) > size
        for start in range(len(marked) - size + 1)
    ]
