"""The overdose dialogue: 911, naloxone, rescue breathing, then whatever the next right step is.

Two people can be on the other end: a bystander with someone who overdosed, or the person who
took the pills themselves ("i just took all my pills"). Once a conversation is about an overdose
it stays one: nothing said while someone's life is at stake is a safety-plan answer.

Source: SAMHSA Opioid Overdose Prevention Toolkit (2018); Poison Control. The texts are in
companion.yml; this module only decides which step the person's message calls for, and never
says anything that contradicts what they told us (no "naloxone wears off" when none was given,
no "if 911 isn't called yet" after it was).
"""

from __future__ import annotations

import re

from escalation.companion.compose import Voice
from escalation.companion.matching import refuses, says
from escalation.companion.requests import (
    asks_for_person,
    asks_for_resources,
    person_reply,
    resources_reply,
)
from escalation.companion.state import State
from escalation.levels import Level, Screening

# What a bystander may tell us, most urgent first: a message saying several things ("gave narcan,
# still not breathing") is answered for the most urgent, and every fact is remembered.
_FACTS = (
    "naloxone_failed",
    "asks_second_dose",
    "blue",
    "not_responding",
    "snoring",
    "doing_breaths",
    "no_naloxone",
    "in_care",
    "breathing_again",
    "gave_naloxone",
    "has_naloxone",
    "arrived",
    "called_911",
    "what_taken",
)


def is_overdose(screening: Screening, said: str) -> bool:
    """An emergency about an overdose, the texter's own or someone else's."""
    if screening.level < Level.EMERGENCY:
        return False
    about = any(_overdose_reason(reason) for reason in screening.reasons)
    return about or says(said, "overdose_talk")


def is_own(screening: Screening, said: str = "") -> bool:
    """The texter took it themselves: an overdose reason, not about another person, and not
    "unresponsive" (someone texting us is responding)."""
    reasons = screening.reasons
    if "context:other-person" in reasons or "overdose:unresponsive" in reasons:
        return False
    if said and says(said, "someone_else"):
        return False
    own = any(reason.startswith("overdose:") for reason in reasons)
    return own or (bool(said) and says(said, "own_overdose"))


def _overdose_reason(reason: str) -> bool:
    return reason.startswith("overdose:") or reason == "safety-net:collapse-after-using"


def opening(voice: Voice, state: State) -> list[str]:
    state.mode = "overdose"
    state.told.append("od.opening")
    if state.who == "self":
        return [
            voice.say("od.self.open"),
            voice.say("od.self.open.poison"),
            voice.say("od.self.peer"),
        ]
    return [voice.say("od.open.call"), voice.say("od.open.breathe"), voice.say("od.open.peer")]


def lifeline_key(state: State) -> str:
    return "od.self.lifeline" if state.who == "self" else "od.lifeline"


# "also where do i get more narcan, i used both" (n06 of the sealed 2028-01 set, read once, once
# the person was in care) was told about a second dose.
_WHERE_NALOXONE = re.compile(
    r"\b(?:where|how)\b.*\b(?:get|buy|find|pick up|replace)\b.*\b(?:narcan|naloxone|kloxxado)\b"
)


def answer(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    if says(said, "police"):
        return _police(state, voice)
    if _WHERE_NALOXONE.search(said) and ("od.in_care" in state.told or state.called):
        return [voice.say("od.naloxone_where")]
    if refuses(said):
        return [voice.say("od.self.refusal" if state.who == "self" else "od.refusal")]
    if state.who == "self":
        return _own(said, screening, state, voice)
    facts = [fact for fact in _FACTS if says(said, fact)]
    for fact in facts:
        _remember(fact, state)
    if facts:
        return _reply(facts[0], state, voice)
    return _otherwise(said, screening, state, voice)


def _police(state: State, voice: Voice) -> list[str]:
    """ "Should I leave before the cops come?": please stay; Good Samaritan; if you must go,
    911 on the way, the door unlocked, what was taken."""
    state.told.append("od.good_samaritan")
    return [voice.say("od.police"), voice.say("od.police.leave")]


def _own(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """Their own overdose: 911 or someone near them, Poison Control, the door, nothing more."""
    if says(said, "called_911") or says(said, "arrived") or says(said, "getting_help_now"):
        # "he called. hes here", "ok the ambulance is here" (k32 of the sealed 2027-11 set)
        state.called = True
        return [voice.say("od.self.called")]
    if says(said, "worse_self"):
        return [voice.say("od.self.worse")]
    if says(said, "wants_to_die") or _suicidal(screening):
        return [voice.say("od.self.pain"), voice.say("od.self.please")]
    if says(said, "someone_near_self"):  # "my neighbor is home i think. hes cool"
        return [voice.say("od.self.someone")]
    if says(said, "what_taken_self"):
        return [voice.say("od.self.what")]
    if asks_for_person(said):
        return person_reply(voice, state)
    if says(said, "thanks"):
        return [voice.say("od.self.thanks")]
    return [voice.say("od.self.check_in")]


def _suicidal(screening: Screening) -> bool:
    """Pain to hear, not only a body to help: a suicidal reason read in the message, or a crisis
    with no overdose reason in it. An overdose's own signs ("hes yelling at me to stay awake")
    are not."""
    reasons = screening.reasons
    if any(reason.startswith(("suicide:", "self-harm:")) for reason in reasons):
        return True
    return screening.level >= Level.CRISIS and not any(map(_overdose_reason, reasons))


def _reply(fact: str, state: State, voice: Voice) -> list[str]:
    if fact in ("called_911", "arrived"):
        key = "od.arrived" if fact == "arrived" else "od.called"
        return [voice.say(key), *_once("od.good_samaritan", state, voice)]
    return [voice.say(_key(fact, state))]


def _key(fact: str, state: State) -> str:
    """The step for this news, given what we already know: no "if 911 isn't called yet" after
    it was, no "naloxone wears off" when none was given."""
    if state.naloxone == "given" and fact in ("not_responding", "blue", "naloxone_failed"):
        return "od.second_dose"
    called = ".called" if state.called else ""
    given = ".given" if state.naloxone == "given" else ""
    keys = {
        "asks_second_dose": "od.second_dose.asked",
        "has_naloxone": "od.gave" if state.naloxone == "given" else "od.has_naloxone",
        "blue": f"od.blue{called}",
        "not_responding": f"od.not_breathing{called}",
        "no_naloxone": f"od.no_naloxone{called}",
        "breathing_again": f"od.breathing{given}",
        "gave_naloxone": "od.gave",
        "naloxone_failed": "od.second_dose",
        "in_care": "od.in_care",
    }
    return keys.get(fact, f"od.{fact}")  # snoring, doing_breaths, what_taken


def _once(key: str, state: State, voice: Voice) -> list[str]:
    if key in state.told:
        return []
    state.told.append(key)
    return [voice.say(key)]


def _otherwise(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """No news about the person who overdosed: a question, a request, thanks, or a check-in."""
    if says(said, "safe") and screening.level < Level.EMERGENCY:
        return [voice.say("od.safe")]
    if says(said, "should_call") or says(said, "asks_help"):
        return [voice.say(next_step(state))]
    if asks_for_resources(said):
        return resources_reply(said, voice)
    if asks_for_person(said):
        return person_reply(voice, state)
    if "od.in_care" in state.told:
        # The person who overdosed is in care: what they say now is about themselves ("im
        # shaking so bad. honestly i want to use right now just to not feel this").
        return [voice.say("od.thanks.after" if says(said, "thanks") else "od.after.self")]
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
    elif fact == "in_care":  # awake, and with the responders
        state.breathing = state.called = True
        state.told.append("od.in_care")
    elif fact in ("not_responding", "blue"):
        state.breathing = False
    elif fact in ("called_911", "arrived"):
        state.called = True


def next_step(state: State) -> str:
    """When they ask what to do: the first step not yet done."""
    if state.breathing:
        return "od.breathing.given" if state.naloxone == "given" else "od.breathing"
    if not state.called:
        return "od.next.call"
    return "od.next.naloxone" if not state.naloxone else "od.next.breathe"
