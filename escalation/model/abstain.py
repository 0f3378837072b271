"""When the model keeps quiet, so that it adds recall where the rules are blind without
undoing what they know.

- The rules found risk words and judged them by their context ("im NOT suicidal", "i USED to
  cut", "what if someone overdosed?", "my sister overdosed last year"): those judgements are
  clinician-reviewed, and a bag of words cannot read a negation. Most of the model's false
  alarms in the old cross-validation (before issue 15) were exactly these.
- Fewer than `MIN_WORDS` words ("took my meds", "home alone tonight", a row of emoji): too
  little for a bag of words to go on; the lexicon covers short messages well.
- Too few of the message's words seen in training (`unfamiliar`): with nothing it knows to
  weigh, a bag of words scores near its prior, not on evidence; "in michigan rn" or "my dealer
  keeps texting me" were rated crisis that way. The share of known words needed is chosen on
  the tuning set with the thresholds (thresholds.py). Where the model knows the words, "when in
  doubt, escalate" holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from escalation.levels import Screening

MIN_WORDS = 4
_CONTEXT = "context:"


def defers_to_rules(ruled: Screening) -> bool:
    return any(reason.startswith(_CONTEXT) for reason in ruled.reasons)


def too_short(words: list[str]) -> bool:
    return sum(word.isalpha() for word in words) < MIN_WORDS


def known_words(texts: Iterable[Sequence[str]]) -> frozenset[str]:
    """The words (as the model reads them: normalised, alphabetic) of the training messages."""
    return frozenset(word for words in texts for word in words if word.isalpha())


def coverage(words: Sequence[str], vocabulary: AbstractSet[str]) -> float:
    """The share of the message's alphabetic words seen in training (0 with none)."""
    alpha = [word for word in words if word.isalpha()]
    return sum(word in vocabulary for word in alpha) / len(alpha) if alpha else 0.0


def unfamiliar(words: Sequence[str], vocabulary: AbstractSet[str], min_coverage: float) -> bool:
    return coverage(words, vocabulary) < min_coverage
