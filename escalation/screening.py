"""Risk screening: a pure function from a message to a level and the reasons.

The gateway calls it on every inbound message before the engine sees it, so a crisis answer
never waits on the NLU. The screener reads the clinician-reviewed lexicon (lexicon.yml) with
spaCy matchers built once per process (screener.py); rating.py turns phrases into a level.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from escalation.levels import Level, Screening
from escalation.lexicon import load_lexicon

if TYPE_CHECKING:
    from escalation.combined import CombinedScreener
    from escalation.lexicon import Lexicon
    from escalation.model.classifier import RiskModel

logger = logging.getLogger(__name__)


class Screener(Protocol):
    """Screens a message, knowing the texter's last few messages before it, oldest first."""

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening: ...


@functools.cache
def default_screener() -> CombinedScreener:
    """Built on first use and kept (about two seconds, mostly importing spaCy; the first build
    after the training data or model code changed also trains the risk model, ~10 s). Call it
    at start-up so the first person to text does not wait for it."""
    from escalation.model.cache import load_or_train, models_dir

    return build_screener(load_lexicon(), lambda lexicon: load_or_train(lexicon, models_dir()))


def build_screener(
    lexicon: Lexicon, load_model: Callable[[Lexicon], RiskModel]
) -> CombinedScreener:
    """The rules, with the risk model beside them when it loads (or trains). A model that
    cannot be had is logged and reported in `model_status`, and the rules screen alone: the
    rules must never be lost with the model."""
    # Imported here, not at the top: spaCy loads only in processes that screen.
    from escalation.combined import CombinedScreener
    from escalation.screener import LexiconScreener

    rules = LexiconScreener(lexicon)
    try:
        model = load_model(lexicon)
    except Exception as error:
        logger.exception("the risk model could not be loaded or trained; rules alone")
        status = f"risk model UNAVAILABLE ({type(error).__name__}: {error}): rules alone"
        return CombinedScreener(rules, None, status)
    return CombinedScreener(rules, model)


def screen(text: str, recent: Sequence[str] = ()) -> Screening:
    """Screens a message knowing the texter's recent messages, where given: a suicidal thought
    now, with the means named a few messages ago, is a plan with means now."""
    return default_screener()(text, recent)


def screen_in_conversation(text: str, recent: Sequence[str]) -> Screening:
    return screen(text, recent)


def screen_safely(screener: Screener, text: str, recent: Sequence[str] = ()) -> Screening:
    """A screener that raises must fail towards a human, never towards silence."""
    try:
        return screener(text, recent)
    except Exception:
        logger.exception("risk screening failed; treating the message as a concern")
        return Screening(Level.CONCERN, ("screening-failed",))
