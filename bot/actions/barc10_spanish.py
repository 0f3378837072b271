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

from bot.actions.checkup import speaks_spanish_now
from bot.actions.context import last_said, said_in
from bot.actions.miti import ActionsSay, Chosen, Turn

FIRST_STATEMENT = "utter_ask_barc10_q1"
ENGLISH_ONLY = "utter_barc10_english_only"


class ActionAskBarc10Q1(Action):
    def name(self) -> str:
        return "action_ask_barc10_q1"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        # Said once in a check-in, not at each asking again.
        if speaks_spanish_now(text) and not said_in(last_said(tracker), domain).lately(
            ENGLISH_ONLY
        ):
            dispatcher.utter_message(response=ENGLISH_ONLY)
        dispatcher.utter_message(response=FIRST_STATEMENT)
        return []


def _runs_at(turn: Turn) -> tuple[tuple[str, ...], ...]:
    if speaks_spanish_now(turn.text or ""):
        return ((ENGLISH_ONLY, FIRST_STATEMENT),)
    return ((FIRST_STATEMENT,),)


MITI: ActionsSay = {
    "action_ask_barc10_q1": Chosen(((FIRST_STATEMENT,), (ENGLISH_ONLY, FIRST_STATEMENT)), _runs_at),
}
