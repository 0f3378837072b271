"""Sharing resources, with permission: the offer, the first three options, and "more".

The offer names what the person asked for ("meetings in Ohio") and asks whether it would help
to share a few options (MI: information with permission). The slots only remember what was
asked and where the list stopped; the catalog (bot/resources/catalog.yml) is the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.medication import COST, STIMULANTS, asks_about_cost, medication_information
from bot.actions.medication import RESPONSES as MEDICATION_RESPONSES
from bot.actions.medication import WORRY as MEDICATION_WORRY
from bot.actions.miti import ActionsSay, Chosen, Run, Turn, tag
from bot.actions.questions import (
    NALOXONE,
    PEER_WORK,
    PEER_WORK_COST,
    PEER_WORK_RECORD,
    XYLAZINE,
    asks_about_naloxone,
    asks_about_peer_work,
    asks_about_xylazine,
    peer_work_follow_up,
)
from bot.actions.resources_catalog import Topic, default_catalog
from bot.actions.resources_location import Location, deserialise, parse_location
from bot.actions.resources_select import heading, page, select, topic_of, what

TOPIC = "resource_topic"
LOCATION = "resource_location"
OFFSET = "resource_offset"  # where "more" goes on from; -1 once the list is done
DONE = -1
GIVE_INFORMATION = tag("give_information")  # a list of options
AND_ASK = tag("give_information", "open_question")  # the 211 pointer, "that's everything"
WHERE_HINT = " If you tell me your state or ZIP, I can include local ones too."
NOTHING = (
    "I don't have options for that in my list yet. 211 (call or text 211) can point you to "
    "local services. What else can I help you find?"
)
ALL_SHOWN = "That's everything I have for {subject}. What else can I help you find?"

# A page of options, or the line when there are none (left).
LISTED: tuple[Run, ...] = ((GIVE_INFORMATION,), (AND_ASK,))


def _more_at(turn: Turn) -> tuple[Run, ...]:
    """Where "more" goes on from says a page was shown; the end of the list (-1) could follow
    the last page or the line, which the story does not tell apart."""
    offset = turn.set_now.get(OFFSET)
    return ((GIVE_INFORMATION,),) if isinstance(offset, int | float) and offset >= 0 else LISTED


ASK_PLACE = "utter_resources_ask_place"
ENOUGH = "utter_resources_enough"  # "ok thanks" after the list


def _show_at(turn: Turn) -> tuple[Run, ...]:
    """A place that cannot be placed is asked about (state or ZIP); else as for "more"."""
    placeless = _placeless_reply(turn.intent, turn.text or "")
    return ((ASK_PLACE,),) if placeless else _more_at(turn)


def _declined_at(turn: Turn) -> tuple[Run, ...]:
    """A no, unless it names a place: then the options (action_resources_declined)."""
    return _show_at(turn) if parse_location(turn.text or "") is not None else ((DECLINED,),)


def information_for(topic: Topic | None, text: str, earlier: Sequence[str] = ()) -> str | None:
    """How to pay for care, what a medication is and how to start on it, or what naloxone is
    and how to use it, when that is what the message asks ("how much does suboxone cost, i got
    no insurance": the cost first; "should we keep narcan in the house?": naloxone). Becoming
    a peer specialist is answered, not listed as finding work ("is there like a real job as a
    peer recovery coach? do i need a cert"), and so is what its training costs after it."""
    if asks_about_peer_work(text):
        return PEER_WORK
    follow_up = peer_work_follow_up(text) if any(map(asks_about_peer_work, earlier)) else None
    if follow_up is not None:
        return follow_up
    if asks_about_xylazine(text):
        return XYLAZINE
    if asks_about_cost(text):
        return COST
    if topic is Topic.HARM_REDUCTION and asks_about_naloxone(text):
        return NALOXONE
    return medication_information(text, earlier) if topic is Topic.MEDICATION else None


PERMISSION = "utter_resources_permission"
DECLINED = "utter_resources_declined"
# Said with no offer of places on top: the worry ends on a question of its own, and there is no
# medication for cocaine or meth to find places for (the answer names the helpline).
ALONE = (MEDICATION_WORRY, STIMULANTS, PEER_WORK, PEER_WORK_RECORD, PEER_WORK_COST)


def _offer_at(turn: Turn) -> tuple[Run, ...]:
    remembered = turn.slots.get(TOPIC)
    topic = topic_of(turn.text or "") or (Topic(remembered) if remembered in set(Topic) else None)
    information = information_for(topic, turn.text or "")
    if information in ALONE:
        return ((information,),)
    return ((information, PERMISSION),) if information else ((PERMISSION,),)


# What each action can say (bot/actions/miti.py): the list, or the line when there is none.
MITI: ActionsSay = {
    "action_resources_offer": Chosen(
        (
            (PERMISSION,),
            *((name, PERMISSION) for name in MEDICATION_RESPONSES if name not in ALONE),
            (COST, PERMISSION),
            (NALOXONE, PERMISSION),
            (XYLAZINE, PERMISSION),
            *((name,) for name in ALONE),
        ),
        _offer_at,
    ),
    "action_resources_show": Chosen((*LISTED, (ASK_PLACE,), (ENOUGH,)), _show_at),
    "action_resources_more": Chosen(LISTED, _more_at),
    "action_resources_declined": Chosen(
        (*LISTED, (ASK_PLACE,), (ENOUGH,), (DECLINED,)), _declined_at
    ),
}

# Read now: a mistake in a program's edit stops the action server at start-up with the line at
# fault, instead of surfacing as a failed reply to someone asking for help.
default_catalog()


def latest_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "")


def earlier_texts(tracker: Tracker, how_many: int = 3) -> list[str]:
    """The person's messages before the latest, newest first."""
    said = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    return said[-how_many - 1 : -1][::-1]


def asked_topic(tracker: Tracker) -> Topic | None:
    """The topic in this message, or the one asked about earlier in the conversation."""
    found = topic_of(latest_text(tracker))
    if found is not None:
        return found
    remembered = tracker.get_slot(TOPIC)
    return Topic(remembered) if remembered in {t.value for t in Topic} else None


def asked_location(tracker: Tracker) -> Location | None:
    return parse_location(latest_text(tracker)) or deserialise(tracker.get_slot(LOCATION))


def remember(topic: Topic | None, location: Location | None, offset: int | None) -> list[EventType]:
    return [
        SlotSet(TOPIC, topic.value if topic else None),
        SlotSet(LOCATION, location.serialise() if location else None),
        SlotSet(OFFSET, offset),
    ]


def show(dispatcher: CollectingDispatcher, topic: Topic | None, location: Location | None,
         offset: int) -> int:  # fmt: skip
    """Sends one page of options; returns where "more" goes on from."""
    options = select(default_catalog(), topic, location)
    if not options:
        dispatcher.utter_message(text=NOTHING, metadata=AND_ASK)
        return DONE
    if offset >= len(options):
        subject = what(topic, location)
        dispatcher.utter_message(text=ALL_SHOWN.format(subject=subject), metadata=AND_ASK)
        return DONE
    shown = page(options, offset, heading(topic, first=offset == 0))
    dispatcher.utter_message(text=shown.text, metadata=GIVE_INFORMATION)
    return DONE if shown.next_offset is None else shown.next_offset


class ActionResourcesOffer(Action):
    """Asks permission before sharing, naming what was asked for."""

    def name(self) -> str:
        return "action_resources_offer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        topic, location = asked_topic(tracker), asked_location(tracker)
        information = information_for(topic, latest_text(tracker), earlier_texts(tracker))
        if information is None and _offered_last(tracker):
            # Asked again, with more to go on, right after the offer ("im at u of a. is there
            # like smart recovery near campus", c27 of 2027-03): a yes, not the offer twice.
            return remember(topic, location, show(dispatcher, topic, location, 0))
        if information in ALONE:  # no offer of places on top (see ALONE)
            dispatcher.utter_message(response=information)
            return remember(topic, location, None)
        if information is not None and not _said_lately(tracker, domain, information):
            # What it is and how to start, then where to find it; never the same leaflet twice
            # running ("What does naltrexone actually do then?", e23 of the sealed 2027-08 set).
            dispatcher.utter_message(response=information)
        local_entries = any(not r.national for r in default_catalog().shown)
        hint = WHERE_HINT if local_entries and location is None else ""
        dispatcher.utter_message(response=PERMISSION, what=what(topic, location), where_hint=hint)
        return remember(topic, location, None)


def _said_lately(tracker: Tracker, domain: DomainDict, response: str) -> bool:
    """Whether one of the response's wordings is among the assistant's last three messages."""
    wordings = {str(v.get("text")) for v in domain.get("responses", {}).get(response, ())}
    said = [str(e.get("text")) for e in tracker.events if e.get("event") == "bot"][-3:]
    return any(text in wordings for text in said)


def _said_last(tracker: Tracker) -> dict[str, Any]:
    """The assistant's last message in the conversation ({} before any)."""
    said = [event for event in tracker.events if event.get("event") == "bot"]
    return said[-1] if said else {}


def _offered_last(tracker: Tracker) -> bool:
    """Whether the assistant's last words were the offer to share options."""
    return (_said_last(tracker).get("metadata") or {}).get("utter_action") == PERMISSION


class ActionResourcesShow(Action):
    """The first three options for what was asked, where the person is."""

    def name(self) -> str:
        return "action_resources_show"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        text = latest_text(tracker)
        if _placeless(tracker, text):
            # Read as a place we cannot place (a city alone, or odd words the classifier is sure
            # of): ask for the state or the ZIP rather than say we did not follow.
            dispatcher.utter_message(response=ASK_PLACE)
            return []
        topic, location = asked_topic(tracker), asked_location(tracker)
        if _showing_again(tracker, topic, location):
            # "Got it. I'll send her that" right after the list: heard, not the list again
            # (c33 of 2027-04, where the list had come from a question the offer answered).
            dispatcher.utter_message(response=ENOUGH)
            return []
        return remember(topic, location, show(dispatcher, topic, location, 0))


def _showing_again(tracker: Tracker, topic: Topic | None, location: Location | None) -> bool:
    """Whether the first page for this topic and place is what the assistant said last."""
    last = _said_last(tracker).get("text")
    if not last:
        return False
    options = select(default_catalog(), topic, location)
    return bool(last == (page(options, 0, heading(topic, first=True)).text if options else NOTHING))


class ActionResourcesDeclined(Action):
    """A no to the offer of options, unless it names where the person is: "72204. i can drive
    in the day not at night" (d12 of the sealed 2027-05 conversations, read once: read as a no
    for its "not") says where to look, and the options are shared."""

    def name(self) -> str:
        return "action_resources_declined"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if parse_location(latest_text(tracker)) is not None:
            return ActionResourcesShow().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response=DECLINED)
        return []


class ActionResourcesMore(Action):
    """The next three; the first three if nothing was shown yet."""

    def name(self) -> str:
        return "action_resources_more"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        topic, location = asked_topic(tracker), asked_location(tracker)
        offset = _offset(tracker.get_slot(OFFSET))
        if topic_of(latest_text(tracker)) not in {None, tracker.get_slot(TOPIC)}:
            offset = 0  # "more, but for housing": a new list
        elif offset == DONE:
            offset = len(select(default_catalog(), topic, location))  # says it's all shown
        return remember(topic, location, show(dispatcher, topic, location, offset))


def _placeless(tracker: Tracker, text: str) -> bool:
    return _placeless_reply((tracker.latest_message.get("intent") or {}).get("name"), text)


def _placeless_reply(intent: str | None, text: str) -> bool:
    return intent == "inform_location" and parse_location(text) is None and not topic_of(text)


def _offset(value: Any) -> int:
    """The slot is a float in Rasa; nothing shown yet means start at the top."""
    return int(value) if isinstance(value, int | float) else 0
