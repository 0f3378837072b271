"""Form validation whose questions depend on the answers (shared by the check-up and rulers),
and telling a greeting from an answer (shared by every form).

rasa-sdk asks for the next slot only when the required slots differ from the domain's list,
and after a pause it would ask the paused question again; here the next question is always
named, and a pause (the validation setting `requested_slot` to None) ends the form.
"""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.checkup_parse import Choice, choice, words

REQUESTED = "requested_slot"
GREETING_WORDS = 4  # "hey its me again"; a longer message may well be the answer


def is_greeting(intent: str | None, text: str) -> bool:
    """A bare "hi" while a form waits for an answer: someone back after going quiet, who gets
    a welcome back and the question again, instead of "hi" taken as how their week went."""
    return intent == "greet" and len(words(text)) <= GREETING_WORDS


def greeted(tracker: Tracker) -> bool:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return is_greeting(intent, tracker.latest_message.get("text") or "")


class AnswerDependentForm(FormValidationAction):
    @abstractmethod
    def needed(self, tracker: Tracker) -> list[str]:
        """The slots this form asks for, given the answers so far."""

    async def required_slots(
        self,
        domain_slots: list[str],  # noqa: ARG002 - the questions depend on the answers
        dispatcher: CollectingDispatcher,  # noqa: ARG002
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002
    ) -> list[str]:
        return self.needed(tracker)

    async def next_requested_slot(
        self,
        dispatcher: CollectingDispatcher,  # noqa: ARG002 - the rasa-sdk interface
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002
    ) -> EventType | None:
        paused = choice(tracker.latest_message.get("text") or "") is Choice.PAUSE
        if paused and tracker.get_slot(REQUESTED) is None:
            return None  # the validation ended the form: keep it ended
        missing = [slot for slot in self.needed(tracker) if tracker.get_slot(slot) is None]
        return SlotSet(REQUESTED, missing[0] if missing else None)
