"""Importance and confidence rulers (0-10) when a person talks about a change, with the MI
follow-ups, and the stage of change they express kept on the participant.

"Why a 5 and not a 2?" evokes the reasons for change already there; "what would it take to go
from 5 to 6?" evokes their own next step. Someone not thinking of changing is asked only how
important it feels: no confidence ruler and no step, which would be pushing.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.barc10 import participant_of
from bot.actions.checkup_forms import AnswerDependentForm
from bot.actions.checkup_parse import Choice, choice
from bot.actions.database import app_database
from bot.actions.rulers_parse import higher_than, lower_than, parse_ruler, stage_of
from core.clock import utcnow
from store import checkup_rulers
from store.checkup_rulers import Stage

logger = logging.getLogger(__name__)

STAGE = "stage_of_change"
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


def not_ready(tracker: Tracker) -> bool:
    """Pre-contemplation, or importance 2 or less: asking about confidence would push."""
    importance = tracker.get_slot("ruler_importance")
    low = isinstance(importance, int) and importance <= 2
    return low or tracker.get_slot(STAGE) == Stage.PRECONTEMPLATION


def needed_slots(tracker: Tracker) -> list[str]:
    needed = ["ruler_importance"]
    if isinstance(tracker.get_slot("ruler_importance"), int) and tracker.get_slot(
        "ruler_importance"
    ):
        needed.append("ruler_importance_why")  # a 0 has no lower number to ask about
    if not_ready(tracker):
        return needed
    needed.append("ruler_confidence")
    if tracker.get_slot("ruler_confidence") != 10:
        needed.append("ruler_confidence_step")
    return needed


class ActionRulersStart(Action):
    """Reads and keeps the stage of change the message expresses, and reflects it."""

    def name(self) -> str:
        return "action_rulers_start"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        stage = stage_of(tracker.latest_message.get("text") or "")
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            if participant_id is not None and stage is not None:
                checkup_rulers.set_stage(session, participant_id, stage)
        if stage is None:  # nothing new said about where they are: keep what we knew
            stage = tracker.get_slot(STAGE)
        reflection = STAGE_REFLECTIONS.get(stage) if stage else None
        dispatcher.utter_message(response=reflection or "utter_rulers_reflect_change")
        cleared = [SlotSet(name, None) for name in (*SLOTS, "ruler_lower", "ruler_higher")]
        return [*cleared, SlotSet(REASK, False), SlotSet(STAGE, stage)]


class ValidateRulersForm(AnswerDependentForm):
    def name(self) -> str:
        return "validate_rulers_form"

    def needed(self, tracker: Tracker) -> list[str]:
        return needed_slots(tracker)

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,  # noqa: ARG002 - the action interface
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        updates: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot in SLOTS and isinstance(value, str) and value != SKIPPED:
                updates.update(judge_rating(slot, value, bool(tracker.get_slot(REASK))))
        return [SlotSet(name, value) for name, value in updates.items()]


def judge_rating(slot: str, text: str, reasked: bool) -> dict[str, Any]:
    """The slot events for one reply: a rating, a reason, a skip, a pause, or one more try."""
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
        close = "utter_rulers_close_not_ready" if not_ready(tracker) else "utter_rulers_close"
        dispatcher.utter_message(response=close)
        return [SlotSet(REASK, False)]


def rating(tracker: Tracker, ruler: str) -> tuple[int | None, str | None]:
    score = tracker.get_slot(ruler)
    reason_slot = next(slot for slot, of in REASONS.items() if of == ruler)
    reason = tracker.get_slot(reason_slot)
    return (
        score if isinstance(score, int) else None,
        reason if isinstance(reason, str) and reason != SKIPPED else None,
    )
