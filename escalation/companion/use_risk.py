"""Using with an overdose risk but not (yet) overdosing: alone, or after mixing.

"snorted a bump like 10 min ago, home alone. feel kinda weird" is not a night for a safety plan's
warning signs (as it was asked, replayed for issue 18): it is a night for Never Use Alone,
naloxone within reach, the door unlocked, and someone who can check on them. Signs of an
overdose said later make it an emergency, which the overdose dialogue takes over.

Source: Never Use Alone; SAMHSA Opioid Overdose Prevention Toolkit (2018). Texts in companion.yml.
"""

from __future__ import annotations

from escalation.companion.compose import Voice
from escalation.companion.matching import refuses, says
from escalation.companion.requests import (
    asks_for_person,
    asks_for_resources,
    person_reply,
    resources_reply,
)
from escalation.companion.state import USE_RISK, State
from escalation.levels import Level, Screening

# The rules that read a risk of overdose in using, not an overdose under way.
_RISKS = frozenset(
    {"overdose:using-alone", "overdose:alone-with-substance", "overdose:high-risk-use"}
)
# What they tell us, and the reply; first found first.
_TOLD = (
    ("worse_self", "od.self.worse"),
    ("someone_near_self", "use_risk.someone"),
    ("someone_with", "use_risk.someone"),
    ("no_naloxone_here", "use_risk.no_naloxone"),
    ("has_naloxone", "use_risk.naloxone"),
    ("sleep_it_off", "use_risk.sleep"),
)


def is_use_risk(screening: Screening) -> bool:
    """A crisis read only as a risk of overdose in using: no suicide or self-harm in it."""
    reasons = set(screening.reasons)
    if screening.level != Level.CRISIS or not reasons & _RISKS:
        return False
    return not any(reason.startswith(("suicide:", "self-harm:")) for reason in reasons)


def opening(voice: Voice, state: State) -> list[str]:
    state.mode = USE_RISK
    return [voice.say("use_risk.open"), voice.say("use_risk.safer"), voice.say("use_risk.peer")]


def answer(said: str, state: State, voice: Voice) -> list[str]:
    asked = _asked_or_refused(said, state, voice)
    if asked:
        return asked
    told = [reply for phrases, reply in _TOLD if says(said, phrases)]
    if told:
        return [_once_or_check_in(told[0], state, voice)]
    if says(said, "safe") or says(said, "better"):
        return [_once_or_check_in("use_risk.fine", state, voice)]
    if says(said, "no_one"):  # after "is anyone with you": "nah", "just me"
        return [_once_or_check_in("use_risk.no_one", state, voice)]
    if says(said, "thanks"):
        return [voice.say("thanks.reply")]
    return [voice.say("use_risk.check_in")]


def _asked_or_refused(said: str, state: State, voice: Voice) -> list[str]:
    """Help on its way, a refusal, a request for a person or a resource: [] when none."""
    if says(said, "called_911") or says(said, "arrived") or says(said, "getting_help_now"):
        return [voice.say("help.underway")]
    if refuses(said):
        return [voice.say("refusal.accept")]
    if asks_for_person(said):
        return person_reply(voice, state)
    if asks_for_resources(said):
        return resources_reply(said, voice)
    return []


def _once_or_check_in(key: str, state: State, voice: Voice) -> str:
    """Each step is said once; told the same again, they get a check-in, not the step twice."""
    if key in state.told:
        return voice.say("use_risk.check_in")
    state.told.append(key)
    return voice.say(key)
