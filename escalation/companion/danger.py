"""Danger from someone else: a partner, a relative, anyone threatening or hurting them now.

"my boyfriend is drunk and threw a chair. hes saying hell kill me if i call anyone", then "im
locked in the bathroom" (n27 of the sealed 2028-01 conversations, read once) got a suicide safety
plan, which filed "hes banging on the door" as a way to keep safer and "i hear sirens" as a
break. Their safety from the other person comes first: 911 by call or by text when they cannot
talk, quiet and a locked door, the National Domestic Violence Hotline, and help that is coming
welcomed. A wish to die or to hurt themselves told meanwhile turns to the safety plan.

Sources: FCC, Text to 911; the National Domestic Violence Hotline. Texts in companion.yml.
"""

from __future__ import annotations

from escalation.companion.compose import Voice
from escalation.companion.matching import says
from escalation.companion.requests import asks_for_person, person_reply
from escalation.companion.state import DANGER, State
from escalation.levels import Level, Screening

# The rules that read danger from someone else, to the texter or in front of them.
_RISKS = frozenset({"harm:being-harmed", "harm:violence-now"})


def is_danger(screening: Screening) -> bool:
    """Danger from someone else, with no wish to die, self-harm or overdose read with it."""
    reasons = set(screening.reasons)
    if screening.level < Level.CRISIS or not reasons & _RISKS:
        return False
    own = ("suicide:", "self-harm:", "overdose:")
    return not any(reason.startswith(own) for reason in reasons)


def opening(voice: Voice, state: State) -> list[str]:
    state.mode = DANGER
    return [voice.say("danger.open"), voice.say("danger.hotline"), voice.say("danger.peer")]


def answer(said: str, state: State, voice: Voice) -> list[str]:
    if says(said, "called_911") or says(said, "arrived") or says(said, "getting_help_now"):
        return [voice.say("danger.help_coming")]
    if asks_for_person(said):
        return person_reply(voice, state)
    if says(said, "means"):  # "he's in the kitchen. the knives are in there"
        return [voice.say("danger.weapon")]
    if says(said, "safe"):
        return [voice.say("danger.safe_now")]
    if says(said, "thanks"):
        return [voice.say("thanks.reply")]
    return [voice.say("danger.check_in")]
