"""Risk screening: a pure function from a message to a level and the reasons.

The gateway calls it on every inbound message before the engine sees it, so a crisis answer
never waits on the NLU. The lexicon-based screener is the safety issue's work; until it lands
this screener rates every message `none` and the pipeline around it is already in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from escalation.levels import Level, Screening

logger = logging.getLogger(__name__)

Screener = Callable[[str], Screening]


def screen(text: str) -> Screening:  # noqa: ARG001 - the lexicon screener replaces this
    return Screening(Level.NONE)


def screen_safely(screener: Screener, text: str) -> Screening:
    """A screener that raises must fail towards a human, never towards silence."""
    try:
        return screener(text)
    except Exception:
        logger.exception("risk screening failed; treating the message as a concern")
        return Screening(Level.CONCERN, ("screening-failed",))
