"""The rules and the risk model voting together: "when in doubt, escalate".

The final level is the higher of the two votes. The rules decide alone whenever they already say
crisis or emergency (the model can add nothing then, and is not even asked: that keeps the
common case as fast as the rules). Below crisis the model may raise the message to concern on a
weak vote and to crisis on a strong one (thresholds chosen on the tuning set:
model/thresholds.py), never higher, and never lowers anything; it keeps quiet where the rules
judged risk words by their context, on very short messages, and on messages of too many words
it never trained on (model/abstain.py). Should the model fail, for one message or altogether,
the rules' answer stands and the failure is reported: screening never fails towards silence.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from escalation.levels import Level, Screening
from escalation.model.abstain import defers_to_rules
from escalation.model.reasons import MEANS_NAMED

if TYPE_CHECKING:
    from escalation.model.classifier import RiskModel
    from escalation.screener import LexiconScreener

logger = logging.getLogger(__name__)

MODEL_FAILED = "model:failed"
# A crisis vote with nothing behind it: no word of death, a method or harm in the message
# (risk_words.yml), no means named in it or the last few, no rule's crisis in those. The level
# stands (the screening figures measure it); in ordinary talk the gateway weighs it
# (channels/weighing.py).
UNSUPPORTED = "vote:unsupported"


class CombinedScreener:
    def __init__(
        self, rules: LexiconScreener, model: RiskModel | None, model_status: str = ""
    ) -> None:
        """`model` None: the rules alone, with `model_status` saying why."""
        self.rules = rules
        self.model = model
        self.version = rules.version  # the lexicon's
        self.model_status = model_status or _status(model)

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening:
        ruled = self.rules(text, recent)
        if self.model is None or ruled.level >= Level.CRISIS or defers_to_rules(ruled):
            return ruled
        try:
            vote = self.model.vote(text)
        except Exception:
            logger.exception("the risk model failed on a message; the rules' level stands")
            return Screening(ruled.level, (*ruled.reasons, MODEL_FAILED))
        if vote is None:
            return ruled
        # A crisis vote says what supports it: on words that name the means ("i keep looking at
        # my dads old pistol") it is never weighed down, in a form or out (channels/weighing.py).
        support = self._support(text, recent) if vote.level >= Level.CRISIS else ()
        return Screening(max(ruled.level, vote.level), (*ruled.reasons, *vote.reasons, *support))

    def _support(self, text: str, recent: Sequence[str]) -> tuple[str, ...]:
        """What stands behind a crisis vote: the means named here, else a word of risk here or
        risk the rules found in the person's last few messages, else nothing (`UNSUPPORTED`)."""
        if self.rules.names_means(text):
            return (MEANS_NAMED,)
        if self.rules.speaks_of_risk(text):
            return ()
        if any(map(self.rules.names_means_or_crisis, recent)):
            return ()
        return (UNSUPPORTED,)


def _status(model: RiskModel | None) -> str:
    if model is None:
        return "risk model not in use: screening with the rules alone"
    crisis = model.crisis_threshold
    status = (
        f"risk model {model.version}: a lone vote is concern at >= {model.threshold:.2f}, crisis"
        f" at {'never' if crisis > 1 else f'>= {crisis:.2f}'}; votes on messages with"
        f" >= {model.min_coverage:.0%} of words known"
    )
    tuning = model.tuning
    return status if tuning is None else f"{status}; chosen on {tuning.chosen_on}"
