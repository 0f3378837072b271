"""Finds the lexicon's risk phrases and context cues in one normalised text.

The spaCy pipeline is built from code (`spacy.blank("en")`): nothing is downloaded, at install
or at run time. Build a `LexiconMatcher` once and reuse it; building costs ~0.5 s, matching a
text well under a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Any

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from escalation.lexicon import Lexicon
from escalation.normalise import Normaliser
from escalation.patterns import compile_pattern, pattern_words

RISK = "risk:"
CUE = "cue:"
# Every text ends with a stop, so a phrase at the very end ends as one mid-text does.
_END = " ."


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon entry found at tokens [start, end): a category (`risk:…`) or a cue (`cue:…`)."""

    label: str
    start: int
    end: int

    def contains(self, other: Hit) -> bool:
        """Strictly: the same words found by two categories explain neither away."""
        longer = self.end - self.start > other.end - other.start
        return longer and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


class LexiconMatcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.nlp = spacy.blank("en")
        # Drop the English special cases ("dont" -> "do nt", "gonna" -> "gon na"): the
        # normaliser has already written every word the way the lexicon spells it.
        tokenizer: Any = self.nlp.tokenizer  # spaCy's Cython tokenizer ships no type stub
        tokenizer.rules = {}
        self.normalise = Normaliser(lexicon.spellings, vocabulary(lexicon))
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._patterns = Matcher(self.nlp.vocab)
        for category in lexicon.categories:
            self._add(RISK + category.id, category.phrases, category.patterns, lexicon)
        for kind, phrases in lexicon.cue_phrases.items():
            self._add(CUE + kind, phrases, lexicon.cue_patterns.get(kind, ()), lexicon)

    def __call__(self, text: str) -> tuple[Doc, list[Hit]]:
        doc = self.nlp.make_doc(self.normalise(text) + _END)
        found = chain(self._phrases(doc), self._patterns(doc))
        hits = {Hit(self.nlp.vocab.strings[key], start, end) for key, start, end in found}
        return doc, sorted(hits, key=lambda hit: (hit.start, -hit.end, hit.label))

    def _add(
        self, label: str, phrases: tuple[str, ...], patterns: tuple[str, ...], lexicon: Lexicon
    ) -> None:
        if phrases:
            docs = [self.nlp.make_doc(self.normalise(phrase)) for phrase in phrases]
            self._phrases.add(label, docs)
        if patterns:
            compiled = [compile_pattern(pattern, lexicon.word_lists) for pattern in patterns]
            self._patterns.add(label, compiled)


def vocabulary(lexicon: Lexicon) -> frozenset[str]:
    """Every word the lexicon is written in: the words the normaliser may repair a typo into."""
    phrases = chain(
        chain.from_iterable(c.phrases for c in lexicon.categories),
        chain.from_iterable(lexicon.cue_phrases.values()),
        chain.from_iterable(lexicon.word_lists.values()),
        lexicon.spellings.words.values(),
    )
    patterns = chain(
        chain.from_iterable(c.patterns for c in lexicon.categories),
        chain.from_iterable(lexicon.cue_patterns.values()),
    )
    words = {word for phrase in phrases for word in phrase.split()}
    words.update(word for pattern in patterns for word in pattern_words(pattern))
    return frozenset(words | set(chain.from_iterable(lexicon.word_sets.values())))
