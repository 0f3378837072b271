"""Risk screening: a pure function from a message to a level and the reasons.

The gateway calls it on every inbound message before the engine sees it, so a crisis answer
never waits on the NLU. The screener reads the clinician-reviewed lexicon (lexicon.yml) with
spaCy matchers built once per process (screener.py); rating.py turns phrases into a level.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from escalation.levels import Level, Screening
from escalation.lexicon import load_lexicon

if TYPE_CHECKING:
    from escalation.screener import LexiconScreener

logger = logging.getLogger(__name__)


class Screener(Protocol):
    """Screens a message, knowing the texter's last few messages before it, oldest first."""

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening: ...


@functools.cache
def default_screener() -> LexiconScreener:
    """Built on first use and kept (about two seconds, mostly importing spaCy). Call it at
    start-up so the first person to text does not wait for it."""
    # Imported here, not at the top: spaCy loads only in processes that screen.
    from escalation.screener import LexiconScreener

    return LexiconScreener(load_lexicon())


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
