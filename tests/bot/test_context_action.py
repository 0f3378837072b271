"""The in-context action reads what was said last from the app database, so a yes to the
gateway's own offer of a peer (never in the engine's tracker) asks a peer to text; the words it
says are the domain's, never the ones said last, with their MITI codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.barc10_reflection import MOST_AGREED, OPEN_QUESTION, THANKS
from bot.actions.barc10_results import NONE_YET, RESULTS_TAG
from bot.actions.context import ActionInContext, ActionInContextFallback
from bot.actions.database import app_database
from core.clock import utcnow
from core.settings import get_settings
from escalation.levels import Level
from escalation.responses import already_asked, asks_for_person, peer_offer
from escalation.service import EscalationPolicy
from store import barc10, messages
from store.db import Database
from store.escalation_models import Escalation
from store.participants import engine_sender, participant_for
from tests.bot.test_context_reply import RESPONSES

ROSTER = json.dumps([{"name": "Ana", "token": "ana-token-0123456789", "phone": "+15551230001"}])


@pytest.fixture
def action_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("WARMLINE_DATABASE_URL", db.url)
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", ROSTER)
    get_settings.cache_clear()
    app_database.cache_clear()
    yield db
    app_database().dispose()
    get_settings.cache_clear()
    app_database.cache_clear()


def conversation(db: Database, address: str, offered: str | list[str], answer: str) -> str:
    """An earlier message answered with `offered` (one text or several), then the person's
    `answer`, as stored."""
    with db.transaction() as session:
        now = utcnow()
        first = messages.store_inbound(
            session, address=address, channel_message_id="1", text="hi", now=now
        ).message
        said = [offered] if isinstance(offered, str) else offered
        messages.finish_inbound(session, first, said, "none", now, send_now=False)
        messages.store_inbound(
            session, address=address, channel_message_id="2", text=answer, now=now
        )
        participant = participant_for(session, address)
        assert participant is not None
        return engine_sender(participant.id)


def run(
    action: ActionInContext, sender: str, intent: str, text: str
) -> tuple[list[Any], list[Any]]:
    latest = {"intent": {"name": intent}, "text": text}
    tracker = Tracker(sender, {}, latest, [], False, None, {}, "")
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {"responses": RESPONSES})
    return events, dispatcher.messages


def test_a_yes_to_the_gateways_offer_of_a_peer_asks_one_and_says_when(action_db: Database) -> None:
    sender = conversation(action_db, "sim:jo", peer_offer(timedelta(hours=24)), "yes pls")

    events, said = run(ActionInContext(), sender, "affirm", "yes pls")

    wait = EscalationPolicy.from_settings(get_settings()).targets.within(Level.CONCERN)
    assert [m["text"] for m in said] == [asks_for_person(wait)]
    assert events == [SlotSet("context_reply", "request_peer")]
    with action_db.transaction() as session:
        escalation = session.scalars(select(Escalation)).one()
        assert escalation.level == "concern"


def test_a_milestone_after_the_greeting_is_affirmed_in_the_domains_words(
    action_db: Database,
) -> None:
    greeting = "Good to hear from you again. How are things going today?"
    sender = conversation(action_db, "sim:al", greeting, "90 days clean today")

    events, said = run(ActionInContext(), sender, "answer", "90 days clean today")

    assert said[0]["text"].startswith("90 days - that's a big deal")
    assert said[0]["metadata"] == {"miti": ["affirm", "complex_reflection", "open_question"]}
    assert events == [SlotSet("context_reply", "utter_milestone")]


def test_a_second_miss_never_repeats_the_first_and_offers_a_person(action_db: Database) -> None:
    clarify = str(RESPONSES["utter_fallback_clarify"][0]["text"])
    sender = conversation(action_db, "sim:cy", clarify, "zzz")

    _, said = run(ActionInContext(), sender, "nlu_fallback", "zzz")

    assert said[0]["text"] in [v["text"] for v in RESPONSES["utter_fallback_offer_peer"]]


def test_the_core_fallback_takes_the_message_back_out_of_the_conversation(
    action_db: Database,
) -> None:
    events, said = run(ActionInContextFallback(), "nobody", "resources_more", "more")

    assert said[0]["text"] == RESPONSES["utter_fallback_clarify"][0]["text"]
    assert events[-1] == UserUtteranceReverted()


def test_what_helps_them_is_said_back_without_quoting_them(action_db: Database) -> None:
    asked = "Congratulations on 1 year. That kind of time comes from a lot of hard days you got " \
        "through. How are you marking it?"  # fmt: skip
    sender = conversation(action_db, "sim:hu", asked, "dinner w my sponsor")

    _, said = run(ActionInContext(), sender, "answer", "dinner w my sponsor")

    assert said[0]["text"].startswith(
        "Sounds like you've been getting something real from your sponsor"
    )
    assert '"' not in said[0]["text"]


@pytest.mark.parametrize(
    ("intent", "text", "content", "reflection"),
    [
        ("nlu_fallback", "because of my kids", "because of your kids", "utter_heard_reason"),
        ("answer", "I made it two weeks once", "you made it two weeks once",
         "utter_heard_done_before"),
        ("out_of_scope", "calling my sponsor more", "calling your sponsor more",
         "utter_heard_step"),
        ("deny", "i dont have a problem", "you don't have a problem", "utter_heard_not_ready"),
        ("nlu_fallback", "drinking is the only thing that helps me sleep",
         "drinking is the only thing that helps you sleep", "utter_heard_sustain"),
    ],
)  # fmt: skip
def test_change_and_sustain_talk_off_the_script_are_said_back_with_their_content(
    action_db: Database, intent: str, text: str, content: str, reflection: str
) -> None:
    sender = conversation(action_db, "sim:cy", "How are you doing today?", text)

    events, (reflected, asked) = run(ActionInContext(), sender, intent, text)

    assert content in reflected["text"]
    assert reflected["text"][:1].isupper()
    assert reflected["text"].endswith(".")
    assert '"' not in reflected["text"]
    assert asked["text"].endswith("?")
    assert events == [SlotSet("context_reply", reflection)]


def test_a_yes_or_no_to_the_offer_of_a_peer_is_still_that(action_db: Database) -> None:
    """ "no i dont have a problem" after the offer of a peer is a no thanks first."""
    offered = peer_offer(timedelta(minutes=15))
    sender = conversation(action_db, "sim:cy", offered, "no i dont have a problem")

    events, _ = run(ActionInContext(), sender, "deny", "no i dont have a problem")

    assert events == [SlotSet("context_reply", "utter_fallback_peer_declined")]


@pytest.mark.parametrize("intent", ["nlu_fallback", "out_of_scope", "answer"])
def test_a_question_about_a_medication_is_handed_to_the_resources_offer(
    action_db: Database, intent: str
) -> None:
    sender = conversation(action_db, "sim:mo", "How are you doing today?", "whats suboxone")

    events, messages = run(ActionInContext(), sender, intent, "whats suboxone and how do i start")

    assert messages == []  # the offer says what it is, then asks about places
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_resources_offer"]


@pytest.mark.parametrize(
    "text",
    [
        "Are there online meetings like at 5am?",
        "Should we be keeping narcan in the house?",
        # h30 of the sealed 2027-10 set (read once): "I'm not sure I followed".
        "also do you know anything about housing. sleeping on my boys couch and he still uses",
    ],
)
def test_a_question_naming_what_the_catalog_has_is_handed_to_the_resources_offer(
    action_db: Database, text: str
) -> None:
    """c31 and c15 of the 2027-04 conversations (read once) got "I'm not sure I followed"."""
    sender = conversation(action_db, "sim:ro", "How are you doing today?", text)

    events, messages = run(ActionInContext(), sender, "nlu_fallback", text)

    assert messages == []
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_resources_offer"]


@pytest.mark.parametrize("text", ["should i tell my mom about it?", "does this work on weekends?"])
def test_a_question_about_their_life_is_not_taken_for_a_request_for_places(
    action_db: Database, text: str
) -> None:
    sender = conversation(action_db, "sim:ty", "How are you doing today?", text)

    events, _ = run(ActionInContext(), sender, "nlu_fallback", text)

    assert [e for e in events if e.get("event") == "followup"] == []


def test_a_health_question_about_a_medication_is_not_answered_with_its_leaflet(
    action_db: Database,
) -> None:
    text = "im on naltrexone. can it hurt my liver?"
    sender = conversation(action_db, "sim:lu", "How are you doing today?", text)

    events, messages = run(ActionInContext(), sender, "nlu_fallback", text)

    assert [e for e in events if e.get("event") == "followup"] == []
    assert events == [SlotSet("context_reply", "utter_ask_prescriber")]
    assert "prescriber" in messages[0]["text"]


def test_the_core_fallback_does_not_hand_a_medication_question_on(action_db: Database) -> None:
    sender = conversation(action_db, "sim:mo", "How are you doing today?", "whats suboxone")

    events, messages = run(ActionInContextFallback(), sender, "nlu_fallback", "whats suboxone")

    assert [e for e in events if e.get("event") == "followup"] == []
    assert len(messages) == 1


def finished_barc10(db: Database, address: str, scores: list[int | None], days_ago: int) -> None:
    with db.transaction() as session:
        participant = participant_for(session, address)
        assert participant is not None
        when = utcnow() - timedelta(days=days_ago)
        for item, score in enumerate(scores, start=1):
            barc10.record_answer(session, participant.id, item, score, when)
        barc10.complete(session, participant.id, when)


def test_asking_for_their_score_gets_their_own_totals_and_the_change(action_db: Database) -> None:
    sender = conversation(action_db, "sim:lu", "How are you doing today?", "what was my score")
    finished_barc10(action_db, "sim:lu", [4] * 10, days_ago=40)
    finished_barc10(action_db, "sim:lu", [5] * 10, days_ago=2)

    events, (message,) = run(ActionInContext(), sender, "nlu_fallback", "what was my score?")

    assert "added up to 50 out of 60, up 10 points from the time before" in message["text"]
    assert "Your totals over time: 40, 50." in message["text"]
    assert SlotSet("context_reply", "barc10_results") in events


def test_asking_for_a_score_with_no_finished_check_in_says_how_to_do_one(
    action_db: Database,
) -> None:
    sender = conversation(action_db, "sim:lu", "How are you doing today?", "my results?")

    events, (message,) = run(ActionInContext(), sender, "out_of_scope", "my results?")

    assert message["text"] == NONE_YET
    assert SlotSet("context_reply", "barc10_no_results") in events


def test_a_score_after_statements_left_out_names_what_they_answered_and_their_trend(
    action_db: Database,
) -> None:
    """Once "you haven't finished all ten": now what is true, with nothing filled in."""
    sender = conversation(action_db, "sim:lu", "How are you doing today?", "what was my score")
    finished_barc10(action_db, "sim:lu", [4] * 10, days_ago=40)
    finished_barc10(action_db, "sim:lu", [5, 4, None, 3, 4, 4, 4, None, 4, 4], days_ago=2)

    events, (message,) = run(ActionInContext(), sender, "nlu_fallback", "what was my score?")

    text = message["text"]
    assert "you answered 8 of the ten statements, all but the ones about having the energy" in text
    assert "A total needs all ten" in text
    assert "you agreed more with the one about what matters to you more than using" in text
    assert "less with the one about feeling part of your community" in text
    assert "about the same with the other 6" in text
    assert "Your last full total, on" in text
    assert "was 40 out of 60." in text
    assert "haven't finished" not in text
    assert message["metadata"] == RESULTS_TAG
    assert events == [SlotSet("context_reply", "barc10_results")]


def test_a_message_in_spanish_gets_what_there_is_in_spanish_and_never_fails(
    action_db: Database,
) -> None:
    sender = conversation(action_db, "sim:ana", "How are you doing today?", "hola")

    events, (message,) = run(ActionInContext(), sender, "nlu_fallback", "no se si puedo seguir asi")

    spanish_texts = [v["text"] for v in RESPONSES["utter_spanish_available"]]
    assert message["text"] in spanish_texts
    assert "988" in message["text"]
    assert SlotSet("context_reply", "utter_spanish_available") in events


def test_a_missed_yes_to_the_check_up_that_says_how_things_are_is_taken_as_that_answer(
    action_db: Database,
) -> None:
    offer = str(RESPONSES["utter_checkup_permission"][0]["text"])
    told = "ok tired. this commute is killing me"
    sender = conversation(action_db, "sim:dee", offer, told)

    events, said = run(ActionInContext(), sender, "mood_low", told)

    assert said == []  # the form reads, stores and reflects it
    assert events == [
        SlotSet("context_reply", "form_started"),
        SlotSet("checkup_how", "tired. this commute is killing me"),  # the yes dropped
        FollowupAction("checkup_form"),
    ]


def test_a_missed_plain_yes_to_the_check_up_starts_it_at_the_first_question(
    action_db: Database,
) -> None:
    offer = str(RESPONSES["utter_checkup_permission"][0]["text"])
    sender = conversation(action_db, "sim:eli", offer, "nows fine i guess")

    events, _ = run(ActionInContext(), sender, "mood_ok", "nows fine i guess")

    assert events == [SlotSet("context_reply", "form_started"), FollowupAction("checkup_form")]


def test_a_yes_with_a_question_about_the_offer_is_answered_and_the_form_starts(
    action_db: Database,
) -> None:
    """e21 and e34 of the sealed 2027-07 conversations (read once): "Yes, I would be glad to.
    Before we begin, may I ask where my answers are stored?" got "I'm not sure I followed", and
    the statements never started."""
    offer = str(RESPONSES["utter_barc10_permission"][0]["text"])
    asked = "Yes, I would be glad to. Before we begin, may I ask where my answers are stored?"
    sender = conversation(action_db, "sim:ruth", offer, asked)

    events, said = run(ActionInContext(), sender, "nlu_fallback", asked)

    assert [m["response"] for m in said] == ["utter_barc10_offer_privacy"]
    assert events == [SlotSet("context_reply", "form_started"), FollowupAction("barc10_form")]


def test_a_question_about_the_offer_alone_is_answered_and_the_offer_left_open(
    action_db: Database,
) -> None:
    offer = str(RESPONSES["utter_checkup_permission"][0]["text"])
    sender = conversation(action_db, "sim:tess", offer, "how long does this take")

    events, said = run(ActionInContext(), sender, "ask_medication", "how long does this take")

    responses = [m["response"] for m in said]
    assert responses == ["utter_checkup_offer_how_long", "utter_checkup_permission_again"]
    assert events == [SlotSet("context_reply", "utter_checkup_offer_how_long")]


def test_a_yes_after_only_an_answer_about_the_offer_still_starts_the_form(
    action_db: Database,
) -> None:
    """e17 of the sealed 2027-07 conversations: "fine. go", after "who sees it tho" was
    answered, got "Okay. I'm here whenever you want to text", and nine ratings went unread."""
    offer = str(RESPONSES["utter_barc10_permission"][0]["text"])
    answered = str(RESPONSES["utter_help"][0]["text"])
    sender = conversation(action_db, "sim:kai", [offer, answered], "fine. go")

    events, said = run(ActionInContext(), sender, "nlu_fallback", "fine. go")

    assert said == []
    assert events == [SlotSet("context_reply", "form_started"), FollowupAction("barc10_form")]


def test_a_yes_after_a_miss_still_starts_the_form(action_db: Database) -> None:
    """n38 of the sealed 2028-01 set (read once): "do i have to" got "I'm not sure I followed",
    and "my PO said i do. fine" was heard as legal trouble; the BARC-10 never started and his
    ten ratings went unread."""
    offer = str(RESPONSES["utter_barc10_permission"][0]["text"])
    missed = str(RESPONSES["utter_fallback_clarify"][0]["text"])
    sender = conversation(action_db, "sim:nash", [offer, missed], "my PO said i do. fine")

    events, said = run(ActionInContext(), sender, "nlu_fallback", "my PO said i do. fine")

    assert said == []
    assert events == [SlotSet("context_reply", "form_started"), FollowupAction("barc10_form")]


def test_a_yes_long_after_the_offer_was_declined_starts_nothing(action_db: Database) -> None:
    offer = str(RESPONSES["utter_barc10_permission"][0]["text"])
    declined = str(RESPONSES["utter_barc10_declined"][0]["text"])
    sender = conversation(action_db, "sim:lou", [offer, declined], "ok")

    events, _ = run(ActionInContext(), sender, "nlu_fallback", "ok")

    assert FollowupAction("barc10_form") not in events


def test_an_answer_corrected_after_the_barc10_is_changed_and_said_so(action_db: Database) -> None:
    """c29 of the 2027-04 conversations: "and the living space one should be 2 not 3" got
    "I'm still not getting it", and the answer stayed a 3."""
    closing = f"{THANKS} {MOST_AGREED} {OPEN_QUESTION}"
    text = "and the living space one should be 2 not 3, landlord is trying to evict us"
    sender = conversation(action_db, "sim:dee", closing, text)
    finished_barc10(action_db, "sim:dee", [3] * 10, days_ago=0)

    events, (message,) = run(ActionInContext(), sender, "nlu_fallback", text)

    assert events == [SlotSet("context_reply", "utter_barc10_corrected")]
    assert "statement 7 " in message["text"]
    assert "a 2" in message["text"]
    with action_db.transaction() as session:
        participant = participant_for(session, "sim:dee")
        assert participant is not None
        (finished,) = barc10.finished_checkins(session, participant.id)
        assert (finished.scores[7], finished.total) == (2, 29)


def test_a_person_asked_for_twice_running_is_told_they_are_on_the_list(
    action_db: Database,
) -> None:
    """c24 of the 2027-02 conversations (read): "am I talking to a real person?" then "Then I'd
    like to talk to a real person" got the same words twice."""
    wait = EscalationPolicy.from_settings(get_settings()).targets.within(Level.CONCERN)
    text = "Then I'd like to talk to a real person. No offense."
    sender = conversation(action_db, "sim:walt", asks_for_person(wait), text)

    _, said = run(ActionInContext(), sender, "nlu_fallback", text)

    assert [m["text"] for m in said] == [already_asked(wait)]


def test_a_long_question_for_meetings_read_as_a_yes_is_still_handed_to_the_resources_offer(
    action_db: Database,
) -> None:
    """m01 of the sealed 2027-12 set (read once): taken for a yes, it got "Okay"."""
    text = "is there a meeting late at night near 45402? like after 11. my shift ends at 10:30"
    sender = conversation(action_db, "sim:ml", "How are you doing today?", text)

    events, messages = run(ActionInContext(), sender, "affirm", text)

    assert messages == []
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_resources_offer"]
