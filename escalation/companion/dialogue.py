"""The crisis companion: the gateway's own replies while an emergency or crisis is open and no
peer has taken over. Pure and deterministic: the same message, state and plan always give the
same turn; wordings rotate by a counter kept in the state, never at random.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from escalation.companion import crisis, danger, overdose, safety_plan, use_risk
from escalation.companion.compose import Voice, digest
from escalation.companion.matching import normalise
from escalation.companion.state import DANGER, USE_RISK, State, parse
from escalation.companion.texts import wordings
from escalation.companion.turn import PlanLine, Turn
from escalation.levels import Screening


def opening(
    screening: Screening,
    *,
    language: str,
    plan: Sequence[PlanLine],
    wait: timedelta,
    text: str = "",
) -> Turn:
    """The first reply to a message (`text`) that opens (or raises to) an emergency or crisis."""
    state = State()
    voice = _voice(language, state, wait, ())
    if overdose.is_overdose(screening, ""):
        state.who = "self" if overdose.is_own(screening) else ""
        return _turn(overdose.opening(voice, state), state, voice, None)
    if use_risk.is_use_risk(screening):
        return _turn(use_risk.opening(voice, state), state, voice, None)
    if danger.is_danger(screening):
        return _turn(danger.opening(voice, state), state, voice, None)
    return _turn(crisis.opening(screening, plan, state, voice, normalise(text)), state, voice, None)


def follow_up(
    text: str,
    screening: Screening,
    state: Mapping[str, Any] | None,
    *,
    language: str,
    plan: Sequence[PlanLine],
    previous_reply: str | None,
    wait: timedelta,
) -> Turn:
    """The reply to each later message while the escalation is open and no peer has taken over."""
    said = normalise(text)
    known = parse(state)
    current = known or State(mode="overdose" if overdose.is_overdose(screening, said) else "plan")
    current.turns += 1
    voice = _voice(language, current, wait, [previous_reply] if previous_reply else [])
    if known is None and current.mode == "overdose":
        current.who = "self" if overdose.is_own(screening, said) else ""
    if overdose.is_overdose(screening, said) and current.mode != "overdose":
        # A crisis that turns into "i took all my pills": the overdose steps, once.
        current.who = "self" if overdose.is_own(screening, said) else ""
        return _turn(overdose.opening(voice, current), current, voice, None)
    if current.mode == "overdose":
        # Sticky: "his lips r kinda blue" or "i got a warrant" mid-overdose is about the overdose,
        # and nothing said now is a safety-plan answer.
        return _turn(overdose.answer(said, screening, current, voice), current, voice, None)
    if current.mode in _OWN_DIALOGUES and not _pain_told(screening):
        return _turn(_OWN_DIALOGUES[current.mode](said, current, voice), current, voice, None)
    if (known is None and not current.walk) or current.mode in _OWN_DIALOGUES:
        # A wish to die or self-harm told while using alone: the safety plan from here.
        current.mode, current.walk = "plan", safety_plan.walk(plan, emergency=False)
    texts, line = crisis.answer(text, said, screening, current, voice)
    return _turn(texts, current, voice, line)


# Modes with a dialogue of their own until a wish to die or self-harm is told.
_OWN_DIALOGUES = {USE_RISK: use_risk.answer, DANGER: danger.answer}


def _pain_told(screening: Screening) -> bool:
    return any(reason.startswith(("suicide:", "self-harm:")) for reason in screening.reasons)


def _voice(language: str, state: State, wait: timedelta, previous: Sequence[str]) -> Voice:
    avoid = frozenset(state.sent) | {digest(text) for text in previous}
    return Voice("es" if language == "es" else "en", state.turns, wait, avoid)


def _turn(texts: list[str], state: State, voice: Voice, line: PlanLine | None) -> Turn:
    texts = [text.strip() for text in texts]
    if state.mode == "overdose":
        finished = voice.finish(texts, overdose.lifeline_key(state), ("911",))
    elif state.mode == USE_RISK:  # their own body at risk: 911, not 988, is who comes
        finished = voice.finish(texts, "use_risk.lifeline", ("911",))
    elif state.mode == DANGER:  # danger from someone else: 911, by call or by text
        finished = voice.finish(texts, "danger.lifeline", ("911",))
    elif state.mode == "safe":
        finished = voice.finish(texts, "lifeline.light")
    else:
        finished = voice.finish(texts)
    state.sent = [digest(text) for text in finished]
    return Turn(finished, state.dump(), line, voice.language)


def emergency_with_peer(language: str) -> str:
    """The one line an emergency gets while a peer has the conversation (the peer talks)."""
    return wordings("with_peer.emergency", language)[0]
