"""Importance and confidence rulers (0-10) when a person talks about a change, with the MI
follow-ups, and the stage of change they express kept on the participant.

"Why a 5 and not a 2?" evokes the reasons for change already there; "what would it take to go
from 5 to 6?" evokes their own next step. Someone not thinking of changing is asked only how
important it feels: no confidence ruler and no step, which would be pushing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.barc10 import participant_of
from bot.actions.change_talk import (
    QUESTIONS,
    REFLECTIONS,
    STAYING,
    Heard,
    Kind,
    heard_in,
    outside,
    said_back,
)
from bot.actions.checkup_answers import WELCOME_BACK
from bot.actions.checkup_forms import AnswerDependentForm, greeted, is_greeting
from bot.actions.checkup_parse import Choice, choice
from bot.actions.checkup_read import says_nothing
from bot.actions.context import MITI as CONTEXT_SAYS
from bot.actions.context import ActionInContext, last_said, said_in
from bot.actions.context_read import asks_for_a_peer
from bot.actions.context_reply import RULERS_PERMISSION as PERMISSION
from bot.actions.database import app_database
from bot.actions.medication import WORRY as MEDICATION_WORRY
from bot.actions.medication import medication_information
from bot.actions.miti import ActionsSay, Chosen, Run, Turn
from bot.actions.questions import asks_about_health
from bot.actions.rulers_parse import (
    REASON_THEMES,
    STEP_THEMES,
    higher_than,
    lower_than,
    parse_ruler,
    reason_theme,
    stage_of,
    step_theme,
)
from core.clock import utcnow
from store import checkup_rulers
from store.checkup_rulers import Stage

logger = logging.getLogger(__name__)

STAGE = "stage_of_change"
OFFERED = "rulers_offered"  # false: sustain talk or not ready, reflected and left with them
REASK = "ruler_reask"
SKIPPED = "__skipped__"
RULERS = ("ruler_importance", "ruler_confidence")
REASONS = {"ruler_importance_why": "ruler_importance", "ruler_confidence_step": "ruler_confidence"}
SLOTS = ("ruler_importance", "ruler_importance_why", "ruler_confidence", "ruler_confidence_step")
STAGE_REFLECTIONS = {
    Stage.PRECONTEMPLATION: "utter_rulers_reflect_not_ready",
    Stage.CONTEMPLATION: "utter_rulers_reflect_change",
    Stage.PREPARATION: "utter_rulers_reflect_change",
    Stage.ACTION: "utter_rulers_affirm_action",
    Stage.MAINTENANCE: "utter_rulers_affirm_action",
}


def not_ready(slots: Mapping[str, Any]) -> bool:
    """Pre-contemplation, or importance 2 or less: asking about confidence would push."""
    importance = slots.get("ruler_importance")
    low = isinstance(importance, int) and importance <= 2
    return low or slots.get(STAGE) == Stage.PRECONTEMPLATION


def needed_slots(slots: Mapping[str, Any]) -> list[str]:
    needed = ["ruler_importance"]
    importance = slots.get("ruler_importance")
    if isinstance(importance, int) and importance:
        needed.append("ruler_importance_why")  # a 0 has no lower number to ask about
    if not_ready(slots):
        return needed
    needed.append("ruler_confidence")
    if slots.get("ruler_confidence") != 10:
        needed.append("ruler_confidence_step")
    return needed


def stage_reflection(stage: str | None) -> str:
    """What the rulers open with: where the person is, in their words' terms."""
    found = STAGE_REFLECTIONS.get(Stage(stage)) if stage else None
    return found or "utter_rulers_reflect_change"


def _level(score: int) -> str:
    return "high" if score >= 7 else "mid" if score >= 4 else "low"


def _reflect(slot: str, value: Any) -> list[str]:
    """The reflection of a rating (its level) or of a reason or a step (what it is about)."""
    if slot in RULERS:
        return [f"utter_{slot.replace('ruler_', 'rulers_reflect_')}_{_level(value)}"]
    if says_nothing(value):  # "idk": nothing to say back
        return []
    if slot == "ruler_importance_why":
        theme = reason_theme(value)
        return [f"utter_rulers_reflect_reason{'_' + theme if theme else ''}"]
    theme = step_theme(value)
    return [f"utter_rulers_reflect_step{'_' + theme if theme else ''}"]


def replies(slot: str, value: Any, greeting: bool = False, heard: Heard | None = None) -> list[str]:
    """What is said back to a reply that set `slot` to `value`: a reflection, a welcome back
    for a greeting (back after going quiet; the question is asked again), or nothing. Change or
    sustain talk in the reply is reflected with its content, before a rating's reflection."""
    if heard is not None:
        rated = _reflect(slot, value) if slot in RULERS and isinstance(value, int) else []
        return [heard.reflection, *rated]
    if value is None:
        return [WELCOME_BACK] if greeting else []
    return [] if value == SKIPPED else _reflect(slot, value)


REPLIES = (
    WELCOME_BACK,
    *(f"utter_rulers_reflect_{r}_{level}" for r in ("importance", "confidence")
      for level in ("high", "mid", "low")),
    "utter_rulers_reflect_reason",
    *(f"utter_rulers_reflect_reason_{theme}" for theme in REASON_THEMES),
    "utter_rulers_reflect_step",
    *(f"utter_rulers_reflect_step_{theme}" for theme in STEP_THEMES),
    *REFLECTIONS,
)  # fmt: skip


class ActionRulersStart(Action):
    """Reads and keeps the stage of change the message expresses, and reflects it."""

    def name(self) -> str:
        return "action_rulers_start"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        if medication_information(text) == MEDICATION_WORRY:
            # "do i count as clean on methadone": a worry about medication, not a change to
            # weigh up; answered as the worry, and no rulers offered on top.
            dispatcher.utter_message(response=MEDICATION_WORRY)
            return [SlotSet(OFFERED, False)]
        if asked_of_us(text):
            # "Is it true you can have seizures if you stop benzos cold turkey?", "I would be
            # willing to talk with them": a question or a request that names a change is
            # answered as what it is, in context, and no rulers are offered on top of it.
            return [*ActionInContext().run(dispatcher, tracker, domain), SlotSet(OFFERED, False)]
        stage, heard = stage_of(text), staying_or_heard(text)
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            if participant_id is not None and stage is not None:
                checkup_rulers.set_stage(session, participant_id, stage)
        if stage is None:  # nothing new said about where they are: keep what we knew
            stage = tracker.get_slot(STAGE)
        # Offered once: asked again a message or two later, "a couple of quick questions about
        # it?" three times in one conversation (e23 of the sealed 2027-08 set, read once).
        again = said_in(last_said(tracker), domain).lately(PERMISSION)
        offered = (heard is None or heard.kind not in STAYING) and not again
        for response in opening(heard, stage):
            dispatcher.utter_message(response=response, said=heard.said if heard else "")
        cleared = [SlotSet(name, None) for name in (*SLOTS, "ruler_lower", "ruler_higher")]
        return [*cleared, SlotSet(REASK, False), SlotSet(STAGE, stage), SlotSet(OFFERED, offered)]


def staying_or_heard(text: str) -> Heard | None:
    """What a message about change volunteers; "not ready" anywhere in it is not ready."""
    heard = heard_in(text)
    if stage_of(text) is Stage.PRECONTEMPLATION and (heard is None or heard.kind not in STAYING):
        return Heard(Kind.NOT_READY, said_back(text))
    return heard


def asked_of_us(text: str) -> bool:
    """A question about their health, or a request for a person: answered in context."""
    return asks_about_health(text) or asks_for_a_peer(text)


def start_says(text: str, stage: str | None) -> tuple[str, ...]:
    """What action_rulers_start says to this message (the run the MI figures count)."""
    if medication_information(text) == MEDICATION_WORRY:
        return (MEDICATION_WORRY,)
    return opening(staying_or_heard(text), stage)


def opening(heard: Heard | None, stage: str | None) -> tuple[str, ...]:
    """The content reflected when there is content, else where they are; sustain talk and not
    being ready get their open question instead of the offer of the rulers."""
    if heard is None:
        return (stage_reflection(stage),)
    return (heard.reflection, heard.question) if heard.kind in STAYING else (heard.reflection,)


class ValidateRulersForm(AnswerDependentForm):
    def name(self) -> str:
        return "validate_rulers_form"

    def needed(self, tracker: Tracker) -> list[str]:
        return needed_slots(tracker.slots)

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        updates: dict[str, Any] = {}
        greeting = greeted(tracker)
        for slot, value in tracker.slots_to_validate().items():
            if slot in SLOTS and isinstance(value, str) and value != SKIPPED:
                heard = None if greeting else heard_in(value)
                judged = judge_heard(slot, value, heard, bool(tracker.get_slot(REASK)), greeting)
                for response in replies(slot, judged[slot], greeting, heard):
                    dispatcher.utter_message(response=response, said=heard.said if heard else "")
                if judged.get(STAGE) is not None:
                    keep_stage(tracker.sender_id, judged[STAGE])
                updates.update(judged)
        return [SlotSet(name, value) for name, value in updates.items()]


def keep_stage(sender: str, stage: Stage) -> None:
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        if participant_id is not None:
            checkup_rulers.set_stage(session, participant_id, stage)


def judge_heard(
    slot: str, text: str, heard: Heard | None, reasked: bool, greeting: bool
) -> dict[str, Any]:
    """Change or sustain talk given where a rating was asked is not a rating ("I made it two
    weeks once" is not a 2): it is reflected and the question asked again, with no "sorry";
    a rating said with it still counts. Not being ready ends the rulers there."""
    if heard is not None and heard.kind is Kind.NOT_READY:  # no more questions: see not_ready
        return {slot: SKIPPED, REASK: False, STAGE: Stage.PRECONTEMPLATION}
    if heard is None or slot in REASONS:
        return judge_rating(slot, text, reasked, greeting)
    rating = parse_ruler(outside(text, heard))
    if rating is None:
        return {slot: None, REASK: False}
    return judge_rating(slot, str(rating), reasked)


def judge_rating(slot: str, text: str, reasked: bool, greeting: bool = False) -> dict[str, Any]:
    """The slot events for one reply: a rating, a reason, a skip, a pause, one more try, or
    none for a greeting (the question is asked again)."""
    if greeting:
        return {slot: None}
    said = choice(text)
    if said is Choice.PAUSE:
        return {slot: None, "requested_slot": None, REASK: False}
    if said is Choice.SKIP:
        return {slot: SKIPPED, REASK: False}
    if slot in REASONS:
        return {slot: text, REASK: False}
    score = parse_ruler(text)
    if score is None:
        return {slot: None, REASK: True} if not reasked else {slot: SKIPPED, REASK: False}
    return {
        slot: score,
        REASK: False,
        "ruler_lower": lower_than(score),
        "ruler_higher": higher_than(score),
    }


class ActionRulersFinish(Action):
    """Stores the ratings with the reasons in their words, and closes without pushing."""

    def name(self) -> str:
        return "action_rulers_finish"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        ratings = {ruler: rating(tracker, ruler) for ruler in RULERS}
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            for ruler, (score, reason) in ratings.items():
                if participant_id is not None and (score is not None or reason is not None):
                    checkup_rulers.record_rating(
                        session,
                        participant_id,
                        ruler.removeprefix("ruler_"),
                        (score, reason),
                        utcnow(),
                    )
        dispatcher.utter_message(response=closing(tracker.slots))
        return [SlotSet(REASK, False)]


def rating(tracker: Tracker, ruler: str) -> tuple[int | None, str | None]:
    score = tracker.get_slot(ruler)
    reason_slot = next(slot for slot, of in REASONS.items() if of == ruler)
    reason = tracker.get_slot(reason_slot)
    return (
        score if isinstance(score, int) else None,
        reason if isinstance(reason, str) and reason != SKIPPED else None,
    )


def closing(slots: Mapping[str, Any]) -> str:
    """The close: their call either way, and for someone not ready, nothing has to change."""
    return "utter_rulers_close_not_ready" if not_ready(slots) else "utter_rulers_close"


def _replies_at(turn: Turn) -> tuple[Run, ...]:
    """What the validation says back to the message a test story's form step answers."""
    greeting = is_greeting(turn.intent, turn.text or "")
    heard = None if greeting else heard_in(turn.text or "")
    said = [
        reply
        for slot, value in turn.set_now.items()
        if slot in SLOTS
        for reply in replies(slot, value, greeting, heard)
    ]
    return (tuple(said),)


def _start_runs(turn: Turn) -> tuple[Run, ...]:
    """What action_rulers_start said at a test story's step: the context's words in its place."""
    text = turn.text or ""
    if asked_of_us(text):
        return _IN_CONTEXT.choose(turn)
    return (start_says(text, turn.slots.get(STAGE)),)


def _chosen(says: ActionsSay, action: str) -> Chosen:
    found = says[action]
    if not isinstance(found, Chosen):
        raise TypeError(f"{action} says what the conversation chooses")
    return found


_IN_CONTEXT = _chosen(CONTEXT_SAYS, "action_in_context")
# What each action can say, for `warmline mi-figures` (the convention: bot/actions/miti.py).
MITI: ActionsSay = {
    "action_rulers_start": Chosen(
        (
            *((name,) for name in sorted(set(STAGE_REFLECTIONS.values()))),
            *((name,) for name in REFLECTIONS),
            *zip(REFLECTIONS, QUESTIONS, strict=True),
            (MEDICATION_WORRY,),
            *_IN_CONTEXT.runs,
        ),
        _start_runs,
    ),
    "validate_rulers_form": Chosen(((), *((name,) for name in REPLIES)), _replies_at),
    "action_rulers_finish": Chosen(
        (("utter_rulers_close",), ("utter_rulers_close_not_ready",)),
        lambda turn: ((closing(turn.slots),),),
    ),
}
