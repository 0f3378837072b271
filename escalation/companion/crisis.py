"""The crisis dialogue: 988 and a peer on the way, then the safety plan one step at a time, with
room for what the person actually says: "i'm safe", a question, a feeling, a request.

MI spirit (Miller & Rollnick 2023): reflect before asking, accept a skip, believe "i'm safe"
for this conversation, never argue.
"""

from __future__ import annotations

from collections.abc import Sequence

from escalation.companion import safety_plan
from escalation.companion.compose import Voice
from escalation.companion.matching import residue, says
from escalation.companion.paraphrase import second_person
from escalation.companion.requests import (
    asks_for_person,
    asks_for_resources,
    person_reply,
    resources_reply,
)
from escalation.companion.state import RECALL, State
from escalation.companion.turn import PlanLine
from escalation.levels import Level, Screening

_LONGEST_SAFE = 5  # "im safe now it was a joke" is a reassurance; a longer message is more


def opening(
    screening: Screening, plan: Sequence[PlanLine], state: State, voice: Voice
) -> list[str]:
    emergency = screening.level >= Level.EMERGENCY
    state.mode, state.walk = "plan", safety_plan.walk(plan, emergency)
    first = voice.say("emergency.open" if emergency else "crisis.open.ack")
    poison = "suicide:poisoning" in screening.reasons
    peer = voice.say("poison.line") if poison else voice.say("crisis.open.peer")
    remembered = safety_plan.recall(plan, voice)
    if remembered:
        state.asked = RECALL
        return [first, peer, remembered]
    return [first, peer, safety_plan.ask_next(state, voice) or voice.say("done.check_in")]


def answer(
    text: str, said: str, screening: Screening, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    if asks_for_person(said):
        return [*person_reply(voice), _current(state, voice)], None
    if asks_for_resources(said):
        return resources_reply(said, voice), None
    if _reassures(said, screening):
        state.mode = "safe"
        return [voice.say("safe.believe")], None
    if screening.level >= Level.EMERGENCY:
        return _emergency(state, voice), None
    if state.mode in ("safe", "done"):
        return _between_plans(said, screening, state, voice), None
    return _plan_step(text, said, screening, state, voice)


def _reassures(said: str, screening: Screening) -> bool:
    """ "I'm safe", "it was a joke": believed, unless this very message still shows risk."""
    if screening.level >= Level.CRISIS or not says(said, "safe"):
        return False
    return len(residue(said, "safe", "thanks", "fillers").split()) <= _LONGEST_SAFE


def _emergency(state: State, voice: Voice) -> list[str]:
    """Danger now: 911 first, then distance from the means, whatever step the plan was on."""
    if state.asked not in (None, RECALL, "safer-surroundings"):
        state.walk.insert(0, state.asked)
    if "safer-surroundings" in state.walk:
        state.walk.remove("safer-surroundings")
    state.mode, state.asked, state.wording = "plan", "safer-surroundings", voice.turn
    return [voice.say("emergency.now"), safety_plan.question(state.asked, state.wording, voice)]


def _between_plans(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """After "i'm safe" or a finished plan: light replies, the plan again only if risk is back."""
    if screening.level >= Level.CRISIS:
        state.mode = "plan"
        return [voice.say("reflect.risk"), _current(state, voice)]
    if says(said, "thanks"):
        return [voice.say("thanks.reply")]
    return [voice.say("safe.later" if state.mode == "safe" else "done.check_in")]


def _current(state: State, voice: Voice) -> str:
    if state.mode != "plan":
        return ""
    if state.asked is None:
        return voice.say("crisis.bridge") + " " + (safety_plan.ask_next(state, voice) or "")
    return safety_plan.reask(state, voice)


def _plan_step(
    text: str, said: str, screening: Screening, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    if screening.level >= Level.CRISIS:
        return [voice.say("reflect.risk"), _current(state, voice)], None
    if state.asked is None:
        return [voice.say("reflect.feeling"), _current(state, voice)], None
    if _skips(said):
        return _moved_on(voice.say("plan.skip"), state, voice), None
    if _acknowledges(said) or "?" in said:
        opener = voice.say("thanks.reply" if says(said, "thanks") else "plan.reask")
        return [f"{opener} {safety_plan.reask(state, voice)}"], None
    if _only_a_feeling(said, state):
        return [f"{voice.say('reflect.feeling')} {safety_plan.reask(state, voice)}"], None
    if state.asked == RECALL:
        return _moved_on(voice.say("recall.yes"), state, voice), None
    return _answered(text, state, voice)


def _skips(said: str) -> bool:
    return says(said, "skip") and not residue(said, "skip", "fillers", "acknowledge")


def _only_a_feeling(said: str, state: State) -> bool:
    """A feeling to reflect before asking again; on the warning-signs step a feeling is the
    answer ("i feel trapped"), and "i feel better when i walk" answers any step."""
    return says(said, "feeling") and state.asked != "warning-signs" and not says(said, "helps")


def _acknowledges(said: str) -> bool:
    return not said or not residue(said, "acknowledge", "thanks", "fillers")


def _answered(text: str, state: State, voice: Voice) -> tuple[list[str], PlanLine | None]:
    section = state.asked or ""
    words = second_person(text, voice.language)
    if not words:
        return [f"{voice.say('plan.reask')} {safety_plan.reask(state, voice)}"], None
    state.answers[section] = words
    return _moved_on(safety_plan.reflect(section, words, voice), state, voice), PlanLine(
        section, words
    )


def _moved_on(opener: str, state: State, voice: Voice) -> list[str]:
    following = safety_plan.ask_next(state, voice)
    if following:
        return [f"{opener} {following}"]
    state.mode = "done"
    # The summary repeats their answers, so the last reflection would only say one twice.
    done = safety_plan.summary(state.answers, voice)
    return done if state.answers else [opener, *done]
