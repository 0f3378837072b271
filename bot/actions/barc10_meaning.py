"""A question about a BARC-10 statement itself ("what do you mean by community?", "like my
apartment?"): answered with what the statement asks, in plain words, then the statement again.
The glosses are in bot/domain/barc10.yml (`utter_barc10_meaning_<item>`)."""

from __future__ import annotations

import re

from bot.actions.barc10_answers import parse_answer
from store import barc10

MEANINGS = tuple(f"utter_barc10_meaning_{item}" for item in range(1, barc10.ITEM_COUNT + 1))
# A question about the statement itself: "what do you mean by community?", "like my apartment?",
# "does that count work people", "que significa".
_ASKS_WHAT_IT_MEANS = re.compile(
    r"\bwhat (?:do (?:you|u|they)|does (?:it|that|this|that one|this one)(?: even)?) mean\b"
    r"|\bwhat(?:s| is) (?:that|this|it) (?:even )?mean\b|\bmean by\b"
    r"|\bwhat does (?:community|living space|professional people|responsibility) mean\b"
    r"|\bwhat counts as\b|\b(?:does|do) (?:that|it|this) (?:count|include|mean)\b"
    r"|\bwhat(?:s| is| does) (?:a |my |the )?(?:community|living space|professional people)\b"
    r"|^\W*(?:like|you mean|u mean|as in) (?:my|the|a|where|who)\b[^?]{0,40}\?\s*$"
    r"|\bqu[eé] (?:significa|quiere decir)\b|\bc[oó]mo que\b",
    re.IGNORECASE,
)


def asks_what_it_means(text: str) -> bool:
    return parse_answer(text) is None and _ASKS_WHAT_IT_MEANS.search(text.strip()) is not None
