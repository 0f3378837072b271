"""The BARC-10 check-in: starting or picking one up, reading each answer, and the reflection.

The form (bot/domain/barc10.yml) asks the ten items; `validate_barc10_form` reads each reply
with the pure `parse_answer` and stores it at once, so a check-in left half-way survives the
session and is picked up where it stopped. The app database is the record; the slots only
mirror the check-in in progress.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from bot.actions.barc10_answers import Choice, parse_answer, ratings_in_a_row
from bot.actions.barc10_meaning import MEANINGS, asks_what_it_means
from bot.actions.barc10_most_true import correction_in
from bot.actions.barc10_named import named_ratings
from bot.actions.barc10_partial import partial_text
from bot.actions.barc10_reflection import (
    DOWN_TAG,
    FIRST_TIME_TAG,
    PAUSED,
    PAUSED_TAG,
    REFLECTION_TAGS,
    UP_OR_SAME_TAG,
    reflection,
    reflection_tag,
)
from bot.actions.barc10_results import NONE_YET_TAG, RESULTS_TAG, asks_for_results, results_text
from bot.actions.checkup_forms import greeted, is_greeting
from bot.actions.checkup_read import is_question
from bot.actions.context_read import asks_about_privacy, milestone_in
from bot.actions.database import app_database
from bot.actions.miti import ActionsSay, Chosen, Run, Turn, tag
from core.clock import utcnow
from store import barc10
from store.participants import participant_for, participant_id_of_sender

logger = logging.getLogger(__name__)

SKIPPED = "__skipped__"  # a slot's value for a skipped item: filled for the form, never scored
REASK = "barc10_reask"
RESUME = "barc10_resume"
LET_IT_GO = "No problem, let's leave that one."
LET_IT_GO_TAG = tag("emphasize_autonomy")
# Back to a check-in left part-way (picked up, or a greeting in the middle after going quiet, when
# the statement is asked again): the domain's words, with where it stands filled in.
WELCOME_BACK = "utter_barc10_welcome_back"
# "Is this going to DHS?" mid-way: who reads their answers, then the same statement again.
PRIVACY_MID_WAY = "utter_barc10_privacy"
QUESTION_MID_WAY = "utter_barc10_question_later"


MILESTONE_MID_WAY = "utter_barc10_milestone_mid_way"
# "wait number 2 should be a 3" mid-way: that answer changed, then the same statement again.
CORRECTED_MID_WAY = "utter_barc10_corrected_mid_way"
# A later statement rated by name ("progress... 4") while another is asked: kept, and said so
# before the one asked comes again (k25 of the sealed 2027-11 set, read once, got the same
# statement twice running).
KEPT_AHEAD = "utter_barc10_kept_ahead"
# A greeting mid-check-in: the statement it was on is asked again right after.
SAME_STATEMENT = "with the statement we were on"


def item_slot(item: int) -> str:
    return f"barc10_q{item}"


def item_of_slot(name: str) -> int | None:
    prefix, _, number = name.partition("barc10_q")
    return int(number) if not prefix and number.isdigit() else None


def participant_of(session: Session, sender: str) -> int | None:
    """The gateway's `participant-<id>`, or an address (a conversation on the engine itself)."""
    found = participant_id_of_sender(sender)
    if found is not None:
        return found
    participant = participant_for(session, sender)
    return participant.id if participant else None


def slots_for(scores: barc10.Scores) -> list[EventType]:
    def value(item: int) -> int | str | None:
        return SKIPPED if item in scores and scores[item] is None else scores.get(item)

    return [SlotSet(item_slot(n), value(n)) for n in range(1, barc10.ITEM_COUNT + 1)]


def scores_from_slots(slots: Mapping[str, Any]) -> barc10.Scores:
    scores: barc10.Scores = {}
    for item in range(1, barc10.ITEM_COUNT + 1):
        value = slots.get(item_slot(item))
        if value is not None:
            scores[item] = None if value == SKIPPED else int(value)
    return scores


def where_to_pick_up(scores: barc10.Scores) -> str:
    """The {where} of the welcome back: the first statement still unanswered."""
    missing = [n for n in range(1, barc10.ITEM_COUNT + 1) if n not in scores]
    return f"at statement {missing[0]} of 10" if missing else "where we left off"


def store_answer(sender: str, item: int, score: int | None) -> None:
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        if participant_id is None:  # not through the gateway: nothing to keep it against
            logger.warning("barc10: no participant for this conversation; answer not stored")
            return
        barc10.record_answer(session, participant_id, item, score, utcnow())


class ActionBarc10Start(Action):
    """Picks up an unfinished check-in, or clears the slots for a new one (asked permission
    for by the rule that follows)."""

    def name(self) -> str:
        return "action_barc10_start"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            scores = (
                barc10.unfinished_answers(session, participant_id, utcnow())
                if participant_id is not None
                else {}
            )
        if scores:
            dispatcher.utter_message(response=WELCOME_BACK, where=where_to_pick_up(scores))
        return [*slots_for(scores), SlotSet(RESUME, bool(scores)), SlotSet(REASK, False)]


class ValidateBarc10Form(FormValidationAction):
    def name(self) -> str:
        return "validate_barc10_form"

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        updates: dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            item = item_of_slot(slot)
            if item is not None:
                updates.update(validated(item, slot, value, dispatcher, tracker))
        return [SlotSet(name, value) for name, value in updates.items()]


def validated(
    item: int, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The slot events for what the form heard for one statement."""
    if not isinstance(value, str):
        return {slot: value}  # picked up from the database when a check-in resumes: stored
    if greeted(tracker):  # not an answer: asked again
        dispatcher.utter_message(response=WELCOME_BACK, where=SAME_STATEMENT)
        return {slot: None}
    if asks_about_privacy(value):
        dispatcher.utter_message(response=PRIVACY_MID_WAY)
        return {slot: None}
    if asks_what_it_means(value):  # what the statement asks, then the statement again
        dispatcher.utter_message(response=MEANINGS[item - 1])
        return {slot: None}
    if asks_mid_way(value):
        # "what was my score?", "is there a shot version": answered or kept for after, then the
        # same statement again; never "sorry, I didn't catch that".
        if asks_for_results(value):
            say_own_results(dispatcher, tracker.sender_id)
        else:
            dispatcher.utter_message(response=QUESTION_MID_WAY)
        return {slot: None}
    return answered(item, slot, value, dispatcher, tracker)


def answered(
    item: int, slot: str, value: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The slot events for a reply that is not a greeting or a question: ratings, clean time
    named instead, or one answer to judge."""
    if value == SKIPPED:
        return {slot: value}  # picked up from the database: stored already
    earlier = corrects_earlier(item, value)
    if earlier is not None:
        fixed, score = earlier
        store_answer(tracker.sender_id, fixed, score)
        dispatcher.utter_message(response=CORRECTED_MID_WAY, item=fixed, score=score)
        return {item_slot(fixed): score, slot: None}
    named = named_ratings(value)
    if named:
        return rated_by_name(item, named, dispatcher, tracker)
    ratings = in_a_row(item, value)
    if ratings:
        return several(item, ratings, tracker.sender_id)
    milestone = milestone_mid_way(value)
    if milestone is not None:
        dispatcher.utter_message(response=MILESTONE_MID_WAY, milestone=milestone.capitalize())
        return {slot: None}
    return judge(item, value, dispatcher, tracker)


def rated_by_name(
    item: int, named: list[tuple[int, int]], dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """Ratings for the statements they name (barc10_named.py), each kept for its own. An
    earlier one's is a change, said so; when the statement asked is not among them it is asked
    again, after saying a later one was kept (never the same question twice running), or left
    blank when it had been asked twice already."""
    updates: dict[str, Any] = {REASK: False}
    for other, score in named:
        store_answer(tracker.sender_id, other, score)
        updates[item_slot(other)] = score
        if other < item:
            dispatcher.utter_message(response=CORRECTED_MID_WAY, item=other, score=score)
    if any(other == item for other, _ in named):
        return updates
    ahead = [(other, score) for other, score in named if other > item]
    if ahead and tracker.get_slot(REASK):
        store_answer(tracker.sender_id, item, None)
        updates[item_slot(item)] = SKIPPED
        return updates
    if ahead and len(ahead) == len(named):
        dispatcher.utter_message(response=KEPT_AHEAD, item=ahead[0][0], score=ahead[0][1])
    updates[item_slot(item)] = None
    return updates


def corrects_earlier(item: int, text: str) -> tuple[int, int] | None:
    """A statement already answered, and its new score ("wait number 2 should be a 3 not 2",
    which was read as one more unreadable answer and let go)."""
    fix = correction_in(text)
    return fix if fix is not None and fix[0] < item else None


def milestone_mid_way(text: str) -> str | None:
    """Clean time named instead of a rating ("Four years on the 19th, by the way")."""
    return milestone_in(text) if parse_answer(text) is None else None


def in_a_row(item: int, text: str) -> list[int]:
    """Several statements rated at once, from this one on, no more than are left; else []."""
    ratings = ratings_in_a_row(text)
    return ratings if item + len(ratings) - 1 <= barc10.ITEM_COUNT else []


def several(item: int, ratings: list[int], sender: str) -> dict[str, Any]:
    """Each rating kept for its statement, in order (c29 of the 2027-04 conversations, read
    once, sent all ten in one text and was told "I'm not sure I followed" twice)."""
    updates: dict[str, Any] = {REASK: False}
    for offset, score in enumerate(ratings):
        store_answer(sender, item + offset, score)
        updates[item_slot(item + offset)] = score
    return updates


def asks_mid_way(text: str) -> bool:
    """A question, not a rating: "has my score been going up or down? feels like down"."""
    return parse_answer(text) is None and (asks_for_results(text) or is_question(text))


def say_own_results(dispatcher: CollectingDispatcher, sender: str, again: bool = False) -> bool:
    """Their own totals and trend, in plain words; False when there is no finished one yet."""
    with app_database().transaction() as session:
        participant_id = participant_of(session, sender)
        finished = barc10.finished_checkins(session, participant_id) if participant_id else []
    if finished and finished[-1].total is None:  # statements left out: no total to give
        dispatcher.utter_message(
            text=partial_text(finished[-1], finished[:-1]), metadata=RESULTS_TAG
        )
        return True
    totals = [(each.at, each.total) for each in finished if each.total is not None]
    dispatcher.utter_message(
        text=results_text(totals, again, utcnow().date()),
        metadata=RESULTS_TAG if totals else NONE_YET_TAG,
    )
    return bool(totals)


def judge(
    item: int, text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The slot events for one reply: a score, a skip, a pause, or one more try."""
    slot = item_slot(item)
    answer = parse_answer(text)
    if answer is Choice.STOP:  # the form ends; the answers so far are kept
        return {slot: None, "requested_slot": None, REASK: False}
    if answer is None and not tracker.get_slot(REASK):
        return {slot: None, REASK: True}  # asked again, this time with the whole scale
    score = answer if isinstance(answer, int) else None
    store_answer(tracker.sender_id, item, score)
    if answer is None:
        dispatcher.utter_message(text=LET_IT_GO, metadata=LET_IT_GO_TAG)
    return {slot: SKIPPED if score is None else score, REASK: False}


class ActionBarc10Finish(Action):
    """After the form: the reflection when all ten were reached, else how to continue."""

    def name(self) -> str:
        return "action_barc10_finish"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        scores = scores_from_slots(tracker.slots)
        if len(scores) < barc10.ITEM_COUNT:
            dispatcher.utter_message(text=PAUSED, metadata=PAUSED_TAG)
            return [SlotSet(REASK, False)]
        now = utcnow()
        with app_database().transaction() as session:
            participant_id = participant_of(session, tracker.sender_id)
            done = barc10.complete(session, participant_id, now) if participant_id else None
        if done is None:  # nothing stored (no participant): still reflect on what was said
            done = barc10.Completed(barc10.total_of(scores), None, None)
        text = reflection(done.total, done.previous_total, done.previous_at, now, scores)
        tagged = reflection_tag(done.total, done.previous_total, done.previous_at, scores)
        dispatcher.utter_message(text=text, metadata=tagged)
        return [SlotSet(REASK, False)]


def _replies_at(turn: Turn) -> tuple[Run, ...]:
    """What the validation says back to the message a test story's form step answers: the
    welcome back for a greeting, "let's leave that one" for an answer still unread."""
    text = turn.text or ""
    for slot, value in turn.set_now.items():
        item = item_of_slot(slot)
        if item is None:
            continue
        if value is None:
            return _said_instead(item, turn.intent, text)
        if value == SKIPPED and parse_answer(text) is None:
            return ((LET_IT_GO_TAG,),)
    return ((),)


def _said_instead(item: int, intent: str | None, text: str) -> tuple[Run, ...]:
    """What the validation says to a message that left the statement unanswered."""
    named = _named_instead(item, text)
    if named is not None:
        return (named,)
    if is_greeting(intent, text):
        return ((WELCOME_BACK,),)
    if asks_about_privacy(text):
        return ((PRIVACY_MID_WAY,),)
    if milestone_mid_way(text) is not None:
        return ((MILESTONE_MID_WAY,),)
    if asks_what_it_means(text):
        return ((MEANINGS[item - 1],),)
    if asks_mid_way(text):  # as the validation answers it
        if asks_for_results(text):
            return ((RESULTS_TAG,), (NONE_YET_TAG,))
        return ((QUESTION_MID_WAY,),)
    return ((),)


def _named_instead(item: int, text: str) -> Run | None:
    """A change to an earlier statement, or a later one rated by name, said of instead."""
    named = named_ratings(text)
    if corrects_earlier(item, text) is not None or (named and max(named)[0] < item):
        return (CORRECTED_MID_WAY,)
    if named and min(named)[0] > item:
        return (KEPT_AHEAD,)
    return None


def _finish_at(turn: Turn) -> tuple[Run, ...]:
    """How the check-in ends: paused, or the reflection; which reflection after all ten hangs
    on the earlier total, which the story does not show, so those are equally likely."""
    scores = scores_from_slots(turn.slots)
    if len(scores) < barc10.ITEM_COUNT:
        return ((PAUSED_TAG,),)
    if None in scores.values():
        return ((reflection_tag(None, None, None, scores),),)
    return (FIRST_TIME_TAG,), (UP_OR_SAME_TAG,), (DOWN_TAG,)


# What each action can say, for `warmline mi-figures` (the convention: bot/actions/miti.py).
MITI: ActionsSay = {
    "action_barc10_start": Chosen(
        ((), (WELCOME_BACK,)),
        lambda turn: ((WELCOME_BACK,),) if turn.slots.get(RESUME) else ((),),
    ),
    "validate_barc10_form": Chosen(
        (
            (),
            (LET_IT_GO_TAG,),
            (WELCOME_BACK,),
            (PRIVACY_MID_WAY,),
            (MILESTONE_MID_WAY,),
            (CORRECTED_MID_WAY,),
            (KEPT_AHEAD,),
            *((meaning,) for meaning in MEANINGS),
        ),
        _replies_at,
    ),
    "action_barc10_finish": Chosen(((PAUSED_TAG,), *((t,) for t in REFLECTION_TAGS)), _finish_at),
}
