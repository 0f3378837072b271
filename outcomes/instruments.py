"""The two instruments as the assistant asks them, read from the bot's domain so an export can
never drift from the words people saw: the BARC-10's ten items verbatim (Vilsaint et al., 2017)
with its 1-6 agreement scale, and the recovery check-up's questions.

A check-up question has more than one wording in the domain (the assistant varies how it asks);
the first is the one an export shows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DOMAIN = Path(__file__).resolve().parent.parent / "bot" / "domain"
ITEM_COUNT = 10
# The BARC-10 agreement scale, 1-6 (no item is reverse-scored).
SCALE = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)
_ITEM = re.compile(r"^(\d+) of 10: (.+?)\nReply ")

# The check-up's questions in the order asked; how each answer is kept (store/checkup.py): the
# person's words only ("text"), a number, or a code from a fixed list.
CHECKUP_QUESTIONS = ("how", "cravings", "use", "use_often", "supports", "went_well", "next_step")
FREE_TEXT = frozenset({"how", "went_well", "next_step"})
USE_CODES = ("none", "less_than_weekly", "weekly_or_more", "unknown")  # store.checkup.UseFrequency
# The bot's SUPPORTS, in its order.
SUPPORT_CODES = (
    "meetings", "sponsor", "peer", "counselor", "medication", "family", "friends", "faith",
)  # fmt: skip


class InstrumentError(RuntimeError):
    """The bot's domain no longer says what an export needs: fail rather than guess."""


def _responses(name: str) -> dict[str, list[dict[str, Any]]]:
    loaded = yaml.safe_load((DOMAIN / f"{name}.yml").read_text(encoding="utf-8"))
    responses: dict[str, list[dict[str, Any]]] = loaded["responses"]
    return responses


def _first_wording(responses: dict[str, list[dict[str, Any]]], name: str) -> str:
    plain = [each["text"] for each in responses.get(name, []) if "condition" not in each]
    if not plain:
        raise InstrumentError(f"the domain has no wording for {name}")
    return str(plain[0])


@cache
def barc10_items() -> tuple[str, ...]:
    """The ten items, verbatim, in order."""
    responses = _responses("barc10")
    items = []
    for number in range(1, ITEM_COUNT + 1):
        found = _ITEM.match(_first_wording(responses, f"utter_ask_barc10_q{number}"))
        if found is None or int(found[1]) != number:
            raise InstrumentError(f"BARC-10 item {number} is not worded as expected")
        items.append(found[2])
    return tuple(items)


@cache
def checkup_wordings() -> dict[str, str]:
    """Each check-up question as first worded in the domain."""
    responses = _responses("checkup")
    return {q: _first_wording(responses, f"utter_ask_checkup_{q}") for q in CHECKUP_QUESTIONS}
