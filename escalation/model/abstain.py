"""When the model keeps quiet, so that it adds recall where the rules are blind without
undoing what they know.

- The rules found risk words and judged them by their context ("im NOT suicidal", "i USED to
  cut", "what if someone overdosed?", "my sister overdosed last year"): those judgements are
  clinician-reviewed, and a bag of words cannot read a negation. Most of the model's false
  alarms in cross-validation were exactly these.
- Fewer than `MIN_WORDS` words ("took my meds", "home alone tonight", a row of emoji): too
  little for a bag of words to go on; the lexicon covers short messages well.
"""

from __future__ import annotations

from escalation.levels import Screening

MIN_WORDS = 4
_CONTEXT = "context:"


def defers_to_rules(ruled: Screening) -> bool:
    return any(reason.startswith(_CONTEXT) for reason in ruled.reasons)


def too_short(words: list[str]) -> bool:
    return sum(word.isalpha() for word in words) < MIN_WORDS
