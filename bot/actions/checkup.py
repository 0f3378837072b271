"""The recovery check-up: starting or picking one up, each reply read and stored as it comes,
"not now", the summary in the person's words, the need rule, and the offer of a peer.

The form (bot/domain/checkup.yml) asks the questions; `validate_checkup_form` reads each reply
with the pure `judge` and stores it at once, so a check-up left half-way survives and is picked
up where it stopped within a day. The app database is the record; the slots only mirror the
check-up in progress. Need for linkage is for staff: the person only ever hears an offer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.barc10 import participant_of
from bot.actions.checkup_answers import (
    QUESTIONS,
    REASK,
    REPLIES,
    SKIPPED,
    WELCOME_BACK,
    Say,
    judge,
    question_of,
    replies,
    slot_of,
)
from bot.actions.checkup_forms import AnswerDependentForm, greeted, is_greeting
from bot.actions.checkup_labelled import labelled
from bot.actions.checkup_parse import ask_again_after
from bot.actions.checkup_read import asks_for_spanish, tells_how_at_once, wants_help
from bot.actions.checkup_summary import said_back, summary
from bot.actions.database import app_database
from bot.actions.fallback import GIVE_INFORMATION, NO_HANDOFF, request_peer
from bot.actions.miti import ActionsSay, Chosen, Run, Turn
from bot.actions.offer_questions import KINDS as OFFER_QUESTION_KINDS
from bot.actions.offer_questions import answer_to, offer_questions
from checkins import adaptive
from core.clock import utcnow
from core.settings import get_settings
from escalation.companion.language import clearly_spanish
from escalation.responses import asks_for_person
from store import audit, checkup, linkage
from store.checkup_rulers import Stage, stage_of
from store.participants import language_of

logger = logging.getLogger(__name__)

RESUME = "checkup_resume"
LINKAGE = "checkup_linkage"
STAGE = "stage_of_change"
DEFAULT_DAYS = 30.0  # no earlier check-up: the past month, as Recovery Management Checkups ask
OFFER = "utter_checkup_offer_peer"
RECAP = "utter_checkup_welcome_back_recap"
# The check-up's language ("en", "es"): its responses' Spanish variations go by this slot.
LANGUAGE = "checkup_language"
# "I'll check back {when}" in Spanish (checkup_parse.ask_again_after says it in English).
_WHEN_ES = {
    "tomorrow": "mañana",
    "next week": "la próxima semana",
    "this evening": "esta noche",
    "in a bit": "en un rato",
    "in a few hours": "en unas horas",
}


def needed_questions(slots: Mapping[str, Any]) -> list[str]:
    """The questions this check-up asks: how often only after an unclear "yes", and no
    action-planning question for someone not thinking of changing."""
    asked = list(QUESTIONS)
    if slots.get(slot_of("use")) != checkup.UseFrequency.UNKNOWN:
        asked.remove("use_often")
    if slots.get(STAGE) == Stage.PRECONTEMPLATION:
        asked.remove("next_step")
    return asked


def all_reached(slots: Mapping[str, Any]) -> bool:
    """Every question this check-up asks was answered or skipped: it is done, not paused."""
    return all(slots.get(slot_of(q)) is not None for q in needed_questions(slots))


def closing(slots: Mapping[str, Any]) -> Run:
    """What the check-up ends with: how to pick it up, or the summary and then the offer of a
    peer when need was found (`checkup_linkage`), else thanks."""
    if not all_reached(slots):
        return ("utter_checkup_paused",)
    return ("utter_checkup_summary", OFFER if slots.get(LINKAGE) else "utter_checkup_close")


def resumed_value(question: str, text: str | None, value: Any) -> Any:
    """The slot for a stored answer: a skip, or an answer that could not be read, stays a skip."""
    if question not in ("cravings", "use", "use_often"):
        return SKIPPED if text is None else text
    return SKIPPED if value is None else value


def welcome_back(how: Any, language: str = "en") -> Say:
    """Picking a check-up up: how things had been, in their words, when they said it."""
    if isinstance(how, str) and how != SKIPPED:
        return Say(RECAP, {"said": said_back(how, language)})
    return Say(WELCOME_BACK)


def language_in(tracker: Tracker) -> str:
    return "es" if tracker.get_slot(LANGUAGE) == "es" else "en"


def _days_since_last(participant_id: int | None, now: datetime) -> float:
    if participant_id is None:
        return DEFAULT_DAYS
    with app_database().transaction() as session:
        last = checkup.last_completed_at(session, participant_id)
    return DEFAULT_DAYS if last is None else (now - last).total_seconds() / 86400


class ActionCheckupStart(Action):
    """Picks up an unfinished check-up, or clears the slots for a new one (asked permission for
    by the rule that follows)."""

    def name(self) -> str:
        return "action_checkup_start"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            found = (
                checkup.unfinished_answers(session, participant_id, utcnow())
                if participant_id is not None
                else {}
            )
            stage = stage_of(session, participant_id) if participant_id is not None else None
            language = language_of(session, participant_id) if participant_id else "en"
        if speaks_spanish_now(str(tracker.latest_message.get("text") or "")):
            language = "es"  # "quiero hacer el chequeo": asked for in Spanish, offered in Spanish
        values = {q: resumed_value(q, *found[q]) for q in found}
        if found:  # this action's own words go by the language slot as it was before it ran
            said = welcome_back(values.get("how"), language)
            dispatcher.utter_message(response=said.response, **said.values)
        slots = [SlotSet(slot_of(q), values.get(q)) for q in QUESTIONS]
        started = [SlotSet(RESUME, bool(found)), SlotSet(REASK, False), SlotSet(STAGE, stage)]
        return [*slots, *started, SlotSet(LANGUAGE, language)]


class ActionCheckupFirstAnswer(Action):
    """ "sure, been rough" or "ok tired. this commute is killing me" in answer to "is now a good
    time?": a yes that already says how things have been. Taken as that answer (the form,
    starting next, reads, stores and reflects it as it would after the question), so nobody is
    asked what they just said."""

    def name(self) -> str:
        return "action_checkup_first_answer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        # "sure but who reads these": the question answered before the first one is asked.
        for asked in offer_questions(text):
            dispatcher.utter_message(response=answer_to("checkup_form", asked))
        in_spanish = [SlotSet(LANGUAGE, "es")] if speaks_spanish_now(text) else []
        return [*in_spanish, *how_told_at_once(text)]


def speaks_spanish_now(text: str) -> bool:
    """Written in Spanish, or asking for it: the check-up goes on in Spanish from here (its
    Spanish wording is the domain's, by the language slot)."""
    return asks_for_spanish(text) or clearly_spanish(text)


def how_told_at_once(text: str) -> list[EventType]:
    """The "how" answer a yes to the check-up already gives, for the form to read; else none."""
    told = tells_how_at_once(text)
    return [] if told is None else [SlotSet(slot_of("how"), told)]


class ValidateCheckupForm(AnswerDependentForm):
    def name(self) -> str:
        return "validate_checkup_form"

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        updates: dict[str, Any] = {}
        latest = str(tracker.latest_message.get("text") or "")
        language = language_in(tracker)
        if language != "es" and speaks_spanish_now(latest):
            # The next question is asked in Spanish (the engine reads the slot when it asks);
            # this answer is read as Spanish now.
            language = updates[LANGUAGE] = "es"
        for slot, value in tracker.slots_to_validate().items():
            question = question_of(slot)
            if question is None:
                continue
            # Said now (the whole message, or what follows its yes: "ya sure, been rough"):
            if isinstance(value, str) and value and latest.endswith(value):
                updates.update(self.reply(question, value, language, dispatcher, tracker))
            else:  # picked up from the database when a check-up resumes: stored already
                updates[slot] = value
        return [SlotSet(name, value) for name, value in updates.items()]

    def needed(self, tracker: Tracker) -> list[str]:
        return [slot_of(q) for q in needed_questions(tracker.slots)]

    @staticmethod
    def reply(
        question: str,
        text: str,
        language: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        now = utcnow()
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
        days = _days_since_last(participant_id, now)
        reasked = bool(tracker.get_slot(REASK))
        greeting = greeted(tracker)
        judged = None if greeting else labelled(question, text, reasked, days, language)
        if judged is None:
            judged = judge(question, text, reasked, days, greeting, language)
        for other, told in judged.ahead.items():
            store_answer(participant_id, other, told, now)
        if judged.stored is not None:
            store_answer(participant_id, question, judged.stored, now)
        for said in judged.say:
            dispatcher.utter_message(response=said.response, **said.values)
        return judged.slots


def store_answer(
    participant_id: int | None, question: str, answer: tuple[str | None, Any], now: datetime
) -> None:
    if participant_id is None:  # not through the gateway: nothing to keep it against
        logger.warning("checkup: no participant for this conversation; answer not stored")
        return
    with app_database().transaction() as session:
        checkup.record_answer(session, participant_id, question, answer, now)


def answers_of(tracker: Tracker) -> dict[str, Any]:
    """The answers in the slots, skipped ones left out."""
    values = {q: tracker.get_slot(slot_of(q)) for q in QUESTIONS}
    return {q: v for q, v in values.items() if v is not None and v != SKIPPED}


class ActionCheckupFinish(Action):
    """After the form: the summary and the need rule when every question was reached, else how
    to pick it up again."""

    def name(self) -> str:
        return "action_checkup_finish"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        if not all_reached(tracker.slots):
            dispatcher.utter_message(response="utter_checkup_paused")
            return [SlotSet(REASK, False), SlotSet(LINKAGE, False)]
        answers = answers_of(tracker)
        # The use slots hold a frequency, not words: their own sense of needing help is read
        # from what they wrote.
        texts = [v for q, v in answers.items() if isinstance(v, str) and not q.startswith("use")]
        needed = self.complete(tracker.sender_id, any(wants_help(t) for t in texts))
        said = summary(answers, language_in(tracker))
        dispatcher.utter_message(response="utter_checkup_summary", summary=said)
        dispatcher.utter_message(response=OFFER if needed else "utter_checkup_close")
        return [SlotSet(REASK, False), SlotSet(LINKAGE, needed)]

    @staticmethod
    def complete(sender: str, wanted_help: bool) -> bool:
        """Completes the check-up; need found is recorded as a linkage task offered, not
        accepted: nobody contacts them over it unless they say yes to the offer."""
        now = utcnow()
        with app_database().transaction() as session:
            participant_id = participant_of(session, sender)
            if participant_id is None:
                return checkup.needs_linkage(None, wanted_help)
            done, reasons = checkup.completed(
                session, participant_id, wanted_help, now, linkage_policy().cravings_at
            )
            audit.record(session, "assistant", "checkup_completed", participant_id)
            if reasons:
                linkage.offer(session, participant_id, done.id if done else None, reasons, now)
            adaptive.after_check_up(session, participant_id, now)
            return bool(reasons)


def linkage_policy() -> linkage.LinkagePolicy:
    settings = get_settings()
    return linkage.LinkagePolicy(
        target=timedelta(days=settings.linkage_target_days),
        cravings_at=settings.linkage_cravings_at,
    )


class ActionCheckupConnectPeer(Action):
    """The person said yes to a peer: a peer is asked to text them, as for any request for a
    person (a concern escalation, bot/actions/fallback.py), the check-up notes it, and its
    linkage task opens for the assigned peer with its target."""

    def name(self) -> str:
        return "action_checkup_connect_peer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        wait = request_peer(tracker.sender_id)
        now = utcnow()
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            if participant_id is not None:
                checkup.request_peer(session, participant_id, now)
                linkage.accept(session, participant_id, now, linkage_policy().target)
        text = NO_HANDOFF if wait is None else asks_for_person(wait, language_in(tracker))
        dispatcher.utter_message(text=text, metadata=GIVE_INFORMATION)
        return [SlotSet(LINKAGE, False)]


class ActionCheckupReschedule(Action):
    """ "Not now", "later", "tomorrow": stores when to ask again (the scheduler sends it)."""

    def name(self) -> str:
        return "action_checkup_reschedule"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        after, when = ask_again_after(tracker.latest_message.get("text") or "")
        now = utcnow()
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            if participant_id is not None:
                checkup.ask_again(session, participant_id, now + after, now)
        if language_in(tracker) == "es":
            when = _WHEN_ES[when]
        dispatcher.utter_message(response="utter_checkup_rescheduled", when=when)
        return []


def _replies_at(turn: Turn) -> tuple[Run, ...]:
    """What the validation says back to the message a test story's form step answers."""
    text = turn.text or ""
    said = [
        reply.response
        for slot, value in turn.set_now.items()
        if (question := question_of(slot)) is not None
        for reply in replies(question, value, text, is_greeting(turn.intent, text))
    ]
    return (tuple(said),)


def _start_at(turn: Turn) -> tuple[Run, ...]:
    if not turn.slots.get(RESUME):
        return ((),)
    return ((welcome_back(turn.slots.get(slot_of("how"))).response,),)


# What each action can say, for `warmline mi-figures` (the convention: bot/actions/miti.py).
MITI: ActionsSay = {
    "action_checkup_start": Chosen(((), (WELCOME_BACK,), (RECAP,)), _start_at),
    "action_checkup_first_answer": (
        (),
        *((answer_to("checkup_form", kind),) for kind in OFFER_QUESTION_KINDS),
    ),
    "validate_checkup_form": Chosen(((), *((name,) for name in REPLIES)), _replies_at),
    "action_checkup_finish": Chosen(
        (
            ("utter_checkup_paused",),
            ("utter_checkup_summary", "utter_checkup_close"),
            ("utter_checkup_summary", OFFER),
        ),
        lambda turn: (closing(turn.slots),),
    ),
    "action_checkup_connect_peer": ((GIVE_INFORMATION,),),
    "action_checkup_reschedule": (("utter_checkup_rescheduled",),),
}
