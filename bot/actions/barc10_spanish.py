"""`action_ask_barc10_q1`: the BARC-10's first statement, said after the honest word, in Spanish,
that the BARC-10 is in English only here, when the yes to it came in Spanish or asked for
Spanish ("Sí, está bien. ¿Me lo puede hacer en español?", e14 of the sealed 2027-08
conversations, read once, got the ten statements in English without a word about it).

No published Spanish wording of the BARC-10 is in this repository, and the statements must be
read verbatim from a published translation (issue 18), so none is made up: the person may go on
in English, rating by number, or pause and ask for the check-up, which is in Spanish.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.checkup_read import asks_for_spanish
from bot.actions.miti import ActionsSay, Chosen, Turn
from escalation.companion.language import clearly_spanish

FIRST_STATEMENT = "utter_ask_barc10_q1"
ENGLISH_ONLY = "utter_barc10_english_only"
_LOOK_BACK = 40  # events: the note is said once in a check-in, not at each asking again


class ActionAskBarc10Q1(Action):
    def name(self) -> str:
        return "action_ask_barc10_q1"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        if speaks_spanish(text) and not _said_lately(tracker, ENGLISH_ONLY):
            dispatcher.utter_message(response=ENGLISH_ONLY)
        dispatcher.utter_message(response=FIRST_STATEMENT)
        return []


def speaks_spanish(text: str) -> bool:
    return clearly_spanish(text) or asks_for_spanish(text)


def _said_lately(tracker: Tracker, response: str) -> bool:
    recent = tracker.events[-_LOOK_BACK:]
    return any(
        event.get("event") == "bot"
        and (event.get("metadata") or {}).get("utter_action") == response
        for event in recent
    )


def _runs_at(turn: Turn) -> tuple[tuple[str, ...], ...]:
    if speaks_spanish(turn.text or ""):
        return ((ENGLISH_ONLY, FIRST_STATEMENT),)
    return ((FIRST_STATEMENT,),)


MITI: ActionsSay = {
    "action_ask_barc10_q1": Chosen(((FIRST_STATEMENT,), (ENGLISH_ONLY, FIRST_STATEMENT)), _runs_at),
}
