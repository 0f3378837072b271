"""The Stanley-Brown safety plan, one step at a time: ask, reflect the answer in the person's own
words, ask the next. Source: Stanley B, Brown GK (2012), Cognitive and Behavioral Practice
19(2):256-264. A plan from an earlier crisis is recalled, and its sections are not asked again.
"""

from __future__ import annotations

from collections.abc import Sequence

from escalation.companion.compose import LONGEST_TEXT, Voice
from escalation.companion.state import RECALL, State
from escalation.companion.turn import SECTIONS, PlanLine

# Recalled first when an earlier plan has them: the people and things that got them through.
_RECALL_ORDER = (
    "people-to-ask",
    "coping",
    "reasons-for-living",
    "distractions",
    "professionals",
    "warning-signs",
    "safer-surroundings",
)
# At an emergency (means at hand, an attempt) distance from the means cannot wait its turn.
_EMERGENCY_FIRST = "safer-surroundings"


def walk(plan: Sequence[PlanLine], emergency: bool) -> list[str]:
    """The sections still to ask: those the stored plan lacks, in Stanley-Brown order."""
    known = {line.section for line in plan}
    sections = [section for section in SECTIONS if section not in known]
    if emergency and _EMERGENCY_FIRST in sections:
        sections.remove(_EMERGENCY_FIRST)
        sections.insert(0, _EMERGENCY_FIRST)
    return sections


def recall(plan: Sequence[PlanLine], voice: Voice) -> str | None:
    """ "Last time we made a plan together. Someone to reach out to: your brother Mike. ..." """
    latest = {line.section: line.text for line in plan if line.section in SECTIONS and line.text}
    chosen = [section for section in _RECALL_ORDER if section in latest][:2]
    if not chosen:
        return None
    said = ". ".join(_label(section, latest[section], voice) for section in chosen)
    return voice.say("recall.open", answer=said)


def ask_next(state: State, voice: Voice) -> str | None:
    """The next section's question, remembered as asked; None when the walk is done."""
    if not state.walk:
        state.asked = None
        return None
    state.asked = state.walk.pop(0)
    state.wording = voice.turn
    return question(state.asked, state.wording, voice)


def question(section: str, wording: int, voice: Voice) -> str:
    return voice.say(f"plan.{section}.ask", offset=wording - voice.turn)


def reask(state: State, voice: Voice) -> str:
    """The current question in other words (or the first one, when none is open)."""
    if state.asked is None or state.asked == RECALL:
        return ask_next(state, voice) or ""
    state.wording += 1
    return question(state.asked, state.wording, voice)


def reflect(section: str, answer: str, voice: Voice) -> str:
    return voice.say(f"plan.{section}.reflect", answer=answer)


def summary(answers: dict[str, str], voice: Voice) -> list[str]:
    """What they said, in plan order, in at most two texts; then 988 and 911 in one line."""
    pieces = [
        _label(section, answers[section], voice) for section in SECTIONS if section in answers
    ]
    if not pieces:
        return [voice.say("plan.summary_empty"), voice.say("plan.done_lifeline")]
    texts = _packed([voice.say("plan.summary"), *[f"{piece}." for piece in pieces]])[:2]
    return [*texts, voice.say("plan.done_lifeline")]


def _packed(sentences: list[str]) -> list[str]:
    """Whole sentences, as many to a text as fit: a summary is never cut mid-answer."""
    texts: list[str] = []
    for sentence in sentences:
        if texts and len(f"{texts[-1]} {sentence}") <= LONGEST_TEXT:
            texts[-1] = f"{texts[-1]} {sentence}"
        else:
            texts.append(sentence)
    return texts


def _label(section: str, text: str, voice: Voice) -> str:
    return voice.say(f"plan.{section}.label", answer=text)
