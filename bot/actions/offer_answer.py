"""`action_offer_question`: "what is this even for" or "who sees it tho" in answer to the offer
of a form, answered in the form's own terms (not with what the line is in general), before the
rule leaves the offer open. The words are the domain's (bot/actions/offer_questions.py says
which); what the intent alone says ("ask_help") is read as what the form is for."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.context import last_said, offer_open, said_in
from bot.actions.context_start import OFFERS
from bot.actions.miti import ActionsSay
from bot.actions.offer_questions import ANSWERS, answer_to, offer_questions


class ActionOfferQuestion(Action):
    def name(self) -> str:
        return "action_offer_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        offer = offer_open(said_in(last_said(tracker), domain))
        # The rules call this only after an offer; the check-up's is the one a program sends.
        form = OFFERS[offer] if offer is not None else "checkup_form"
        for kind in offer_questions(text) or ("purpose",):
            dispatcher.utter_message(response=answer_to(form, kind))
        return []


MITI: ActionsSay = {"action_offer_question": tuple((name,) for name in ANSWERS)}
