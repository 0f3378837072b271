"""The overdose dialogue: 911, naloxone, rescue breathing, then whatever the next right step is.

Source: SAMHSA Opioid Overdose Prevention Toolkit (2018). The texts are in companion.yml; this
module only decides which step the person's message calls for.
"""

from __future__ import annotations

from escalation.companion.compose import Voice
from escalation.companion.matching import says
from escalation.companion.requests import (
    asks_for_person,
    asks_for_resources,
    person_reply,
    resources_reply,
)
from escalation.companion.state import State
from escalation.levels import Level, Screening

# What the person may tell us, most urgent first: a message saying several things ("gave narcan,
# still not breathing") is answered for the most urgent, and every fact is remembered.
_FACTS = (
    "naloxone_failed",
    "not_responding",
    "no_naloxone",
    "breathing_again",
    "gave_naloxone",
    "called_911",
)
_REPLIES = {
    "naloxone_failed": ["od.second_dose"],
    "no_naloxone": ["od.no_naloxone"],
    "breathing_again": ["od.breathing"],
    "gave_naloxone": ["od.gave"],
    "called_911": ["od.called", "od.good_samaritan"],
}


def is_overdose(screening: Screening, said: str) -> bool:
    """An emergency about an overdose, the texter's own or someone else's."""
    if screening.level < Level.EMERGENCY:
        return False
    about = any(_overdose_reason(reason) for reason in screening.reasons)
    return about or says(said, "overdose_talk")


def _overdose_reason(reason: str) -> bool:
    return reason.startswith("overdose:") or reason == "safety-net:collapse-after-using"


def opening(voice: Voice) -> list[str]:
    return [voice.say("od.open.call"), voice.say("od.open.breathe"), voice.say("od.open.peer")]


def answer(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    facts = [fact for fact in _FACTS if says(said, fact)]
    for fact in facts:
        _remember(fact, state)
    if facts:
        return [voice.say(key) for key in _replies(facts[0], state)]
    return _otherwise(said, screening, state, voice)


def _replies(fact: str, state: State) -> list[str]:
    return [_not_responding(state)] if fact == "not_responding" else _REPLIES[fact]


def _otherwise(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """No news about the person who overdosed: a question, a request, thanks, or a check-in."""
    if says(said, "safe") and screening.level < Level.EMERGENCY:
        return [voice.say("od.safe")]
    if says(said, "should_call") or says(said, "asks_help"):
        return [voice.say(next_step(state))]
    if asks_for_resources(said):
        return resources_reply(said, voice)
    if asks_for_person(said):
        return person_reply(voice)
    if says(said, "thanks"):
        return [voice.say("od.thanks")]
    return [voice.say("od.check_in_breathing" if state.breathing else "od.check_in")]


def _remember(fact: str, state: State) -> None:
    if fact == "no_naloxone":
        state.naloxone = "none"
    elif fact in ("gave_naloxone", "naloxone_failed"):
        state.naloxone = "given"
    elif fact == "breathing_again":
        state.breathing = True
    elif fact == "called_911":
        state.called = True


def _not_responding(state: State) -> str:
    """Still not breathing: a 2nd dose after one; breaths without any; otherwise both."""
    if state.naloxone == "given":
        return "od.second_dose"
    return "od.no_naloxone" if state.naloxone == "none" else "od.not_breathing"


def next_step(state: State) -> str:
    """When they ask what to do: the first step not yet done."""
    if state.breathing:
        return "od.breathing"
    if not state.called:
        return "od.next.call"
    return "od.next.naloxone" if not state.naloxone else "od.next.breathe"
