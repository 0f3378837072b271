"""Judging one check-up reply: what to store, which slots to set, what to reflect back.

Pure apart from `days_since_last` being read by the caller. Each reply gives a `Judged`: the
slot events' values, the (text, value) to store (None: nothing to store) and the domain
responses to utter (each carries its MI behaviour code in the domain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.actions.checkup_parse import Choice, choice, parse_cravings
from bot.actions.checkup_read import parse_supports, parse_use
from store.checkup import UseFrequency

SKIPPED = "__skipped__"
REASK = "checkup_reask"
OPEN_QUESTIONS = ("how", "went_well", "next_step")
QUESTIONS = ("how", "cravings", "use", "use_often", "supports", "went_well", "next_step")


def slot_of(question: str) -> str:
    return f"checkup_{question}"


def question_of(slot: str) -> str | None:
    question = slot.removeprefix("checkup_")
    return question if slot.startswith("checkup_") and question in QUESTIONS else None


@dataclass
class Judged:
    slots: dict[str, Any]
    stored: tuple[str | None, Any] | None = None
    say: list[str] = field(default_factory=list)


def _cravings_reflection(level: int) -> str:
    if level >= 7:
        return "utter_checkup_reflect_cravings_high"
    return (
        "utter_checkup_reflect_cravings_mid" if level >= 4 else "utter_checkup_reflect_cravings_low"
    )


def _read(question: str, text: str, days_since_last: float) -> tuple[Any, list[str]]:
    """What the reply says and the reflection it gets; (None, []) when it is unclear."""
    if question in OPEN_QUESTIONS:
        return text, ["utter_checkup_affirm_went_well"] if question == "went_well" else []
    if question == "cravings":
        level = parse_cravings(text)
        return level, [] if level is None else [_cravings_reflection(level)]
    if question == "supports":
        named = parse_supports(text)
        return text, ["utter_checkup_reflect_supports" if named else "utter_checkup_reflect_alone"]
    use = parse_use(text, days_since_last)
    if use is None and question == "use_often":
        use = UseFrequency.UNKNOWN  # asked once how often: never pressed further
    if use is None or question == "use_often":
        return use, []
    return use, [
        "utter_checkup_reflect_no_use" if use is UseFrequency.NONE else "utter_checkup_reflect_use"
    ]


def judge(question: str, text: str, reasked: bool, days_since_last: float) -> Judged:
    slot = slot_of(question)
    said = choice(text)
    if said is Choice.PAUSE:  # the form ends; the answers so far are kept
        return Judged({slot: None, "requested_slot": None, REASK: False})
    if said is Choice.SKIP:
        return Judged({slot: SKIPPED, REASK: False}, (None, None))
    value, say = _read(question, text, days_since_last)
    if value is None and not reasked:
        return Judged({slot: None, REASK: True})  # asked again once, with examples
    if value is None:  # kept as they said it, never guessed
        return Judged({slot: SKIPPED, REASK: False}, (text, None), ["utter_checkup_let_it_go"])
    if isinstance(value, UseFrequency):
        value = value.value
    return Judged({slot: value, REASK: False}, (text, _kept(question, text, value)), say)


def _kept(question: str, text: str, value: Any) -> Any:
    """What is stored beside the text: the number, the frequency, or the supports named."""
    if question == "supports":
        return parse_supports(text)
    return None if question in OPEN_QUESTIONS else value
