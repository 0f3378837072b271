"""The trained risk model at run time: a score per message, and a vote of concern, crisis or
nothing.

Pure: no I/O per message, only the spaCy model loaded once. The vote is capped at crisis by
construction: the model may say "a person should look at this now", never "this is an
emergency", which needs the rules' explicit evidence (means at hand, an overdose in progress).
A weak vote is only a concern (a peer reviews within a day): the thresholds for each are chosen
on the tuning set (thresholds.py).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import TextCategorizer

from escalation.levels import Level, Screening
from escalation.lexicon import Lexicon
from escalation.model.abstain import too_short, unfamiliar
from escalation.model.features import ModelText, plain_words
from escalation.model.reasons import REASON, WEAK_REASON
from escalation.model.thresholds import NEVER, Tuning
from escalation.model.train import RISK

__all__ = ["REASON", "WEAK_REASON", "RiskModel"]


class RiskModel:
    """A trained pipeline, the thresholds chosen on the tuning set, and where it came from."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        threshold: float,
        version: str,
        char_sizes: tuple[int, ...] = (),
        *,
        crisis_threshold: float = NEVER,
        trained_now: bool = False,
        tuning: Tuning | None = None,
        vocabulary: frozenset[str] = frozenset(),
        min_coverage: float = 0.0,
    ) -> None:
        """`threshold`: a score at or above it is a concern; `crisis_threshold`: a crisis (never,
        by default). `vocabulary`: the words trained on; the model votes only on messages at
        least `min_coverage` of whose words it holds (abstain.py)."""
        self.nlp = nlp
        textcat = nlp.get_pipe("textcat")
        assert isinstance(textcat, TextCategorizer)
        self._model = textcat.model
        self._column = list(textcat.labels).index(RISK)
        self._text = ModelText(lexicon, nlp, char_sizes)
        self.threshold = threshold
        self.crisis_threshold = max(crisis_threshold, threshold)
        self.version = version  # the hash of the training data and code (cache.py)
        self.trained_now = trained_now  # False when loaded from the on-disk cache
        self.tuning = tuning  # the figures the thresholds were chosen on
        self.vocabulary = vocabulary
        self.min_coverage = min_coverage

    def score(self, text: str) -> float:
        """The model's probability that the message is an emergency or a crisis (0 for a
        message with no words: there is nothing to weigh)."""
        return self._score(self._text.words(text))

    def _score(self, words: list[str]) -> float:
        if not words:
            return 0.0
        scores = self._model.predict([self._text.doc(words)])
        return float(scores[0][self._column])

    def vote(self, text: str) -> Screening | None:
        """Crisis at or above the crisis threshold, concern at or above the other, with the
        score in the reason; else no vote (also on too short a message, or one of too many
        words never trained on: abstain.py)."""
        words = self._text.words(text)
        if too_short(words) or unfamiliar(plain_words(words), self.vocabulary, self.min_coverage):
            return None
        score = self._score(words)
        if score >= self.crisis_threshold:
            return Screening(Level.CRISIS, (f"{REASON}({score:.2f})",))
        if score >= self.threshold:
            return Screening(Level.CONCERN, (f"{WEAK_REASON}({score:.2f})",))
        return None
