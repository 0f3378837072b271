"""The rulers against the app database: the stage of change kept on the participant, the
follow-up numbers, no push for someone not ready, and the ratings with their reasons stored."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.database import app_database
from bot.actions.rulers import ActionRulersFinish, ActionRulersStart, ValidateRulersForm
from core.settings import get_settings
from store import checkup_rulers
from store.checkup_models import RulerRating
from store.checkup_rulers import Stage
from store.db import Database
from store.participants import engine_sender, get_or_create_participant
from tests.bot.test_context_reply import RESPONSES as ALL_RESPONSES
from warmline.engine_env import BOT_DIR

DOMAIN: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "rulers.yml").read_text())


@pytest.fixture
def action_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("WARMLINE_DATABASE_URL", db.url)
    get_settings.cache_clear()
    app_database.cache_clear()
    yield db
    app_database().dispose()
    get_settings.cache_clear()
    app_database.cache_clear()


@pytest.fixture
def sender(action_db: Database) -> str:
    with action_db.transaction() as session:
        return engine_sender(get_or_create_participant(session, "sim:ana").id)


def tracker(sender: str, slots: dict[str, Any], reply: str = "") -> Tracker:
    events: list[dict[str, Any]] = [{"event": "user", "text": reply}]
    requested = slots.get("requested_slot")
    if requested:
        events.append({"event": "slot", "name": requested, "value": reply})
        slots = {**slots, requested: reply}
    return Tracker(sender, slots, {"text": reply}, events, False, None, {}, "")


def start(sender: str, text: str, **slots: Any) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = ActionRulersStart().run(dispatcher, tracker(sender, slots, text), DOMAIN)
    return {e["name"]: e["value"] for e in events}, [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("text", "stage", "reflection"),
    [
        ("thinking about quitting", "contemplation", "utter_rulers_reflect_change"),
        ("i need to stop drinking", "preparation", "utter_rulers_reflect_change"),
        ("3 weeks clean", "action", "utter_rulers_affirm_action"),
    ],
)
def test_the_stage_is_kept_on_the_participant(
    action_db: Database, sender: str, text: str, stage: str, reflection: str
) -> None:
    slots, said = start(sender, text)

    assert (slots["stage_of_change"], said) == (stage, [reflection])
    with action_db.transaction() as session:
        assert checkup_rulers.stage_of(session, 1) == Stage(stage)


def said_to(sender: str, text: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The slots set and each message as (response, the content filled into it)."""
    dispatcher = CollectingDispatcher()
    events = ActionRulersStart().run(dispatcher, tracker(sender, {}, text), DOMAIN)
    said = [(m["response"], m["said"]) for m in dispatcher.messages]
    return {e["name"]: e["value"] for e in events}, said


def test_not_ready_is_reflected_in_their_words_and_never_offered_the_rulers(
    action_db: Database, sender: str
) -> None:
    slots, said = said_to(sender, "i dont think i have a problem")

    assert said == [
        ("utter_heard_not_ready", "you don't think you have a problem"),
        ("utter_heard_not_ready_ask", "you don't think you have a problem"),
    ]
    assert (slots["stage_of_change"], slots["rulers_offered"]) == ("precontemplation", False)
    with action_db.transaction() as session:
        assert checkup_rulers.stage_of(session, 1) is Stage.PRECONTEMPLATION


def test_sustain_talk_is_reflected_with_its_content_and_never_offered_the_rulers(
    action_db: Database, sender: str
) -> None:
    slots, said = said_to(sender, "drinking is the only thing that helps me sleep")

    content = "drinking is the only thing that helps you sleep"
    assert said == [("utter_heard_sustain", content), ("utter_heard_sustain_ask", content)]
    assert slots["rulers_offered"] is False


def test_change_talk_is_reflected_with_its_content_then_the_rulers_offered(
    action_db: Database, sender: str
) -> None:
    slots, said = said_to(sender, "i want to be there for my kids")

    assert said == [("utter_heard_desire", "be there for your kids")]
    assert slots["rulers_offered"] is True


def test_a_message_naming_no_stage_keeps_the_known_one(action_db: Database, sender: str) -> None:
    slots, said = start(sender, "should i", stage_of_change="action")
    assert (slots["stage_of_change"], said) == ("action", ["utter_rulers_affirm_action"])


def validate(sender: str, slot: str, reply: str, **slots: Any) -> dict[str, Any]:
    return validated(sender, slot, reply, **slots)[0]


def validated(
    sender: str, slot: str, reply: str, intent: str = "answer", **slots: Any
) -> tuple[dict[str, Any], list[str]]:
    slots = {"requested_slot": slot, "ruler_reask": False, **slots}
    tracked = tracker(sender, slots, reply)
    tracked.latest_message["intent"] = {"name": intent, "confidence": 0.9}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateRulersForm().run(dispatcher, tracked, DOMAIN))
    return {e["name"]: e["value"] for e in events}, [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("slot", "reply", "reflection"),
    [
        ("ruler_importance", "9", "utter_rulers_reflect_importance_high"),
        ("ruler_importance", "like a 5", "utter_rulers_reflect_importance_mid"),
        ("ruler_importance", "2", "utter_rulers_reflect_importance_low"),
        ("ruler_importance_why", "my kids keep asking me to", "utter_rulers_reflect_reason_family"),
        ("ruler_importance_why", "my doctor says my liver", "utter_rulers_reflect_reason_health"),
        ("ruler_importance_why", "court is coming up", "utter_rulers_reflect_reason_legal"),
        ("ruler_importance_why", "it just matters", "utter_rulers_reflect_reason"),
        ("ruler_confidence", "8", "utter_rulers_reflect_confidence_high"),
        ("ruler_confidence", "1", "utter_rulers_reflect_confidence_low"),
        (
            "ruler_confidence_step",
            "if my friends didnt drink so much",
            "utter_rulers_reflect_step_people",
        ),
        ("ruler_confidence_step", "dealing with stress better", "utter_rulers_reflect_step_coping"),
        ("ruler_confidence_step", "more time", "utter_rulers_reflect_step"),
    ],
)
def test_each_answer_gets_a_reflection_of_what_it_says(
    action_db: Database, sender: str, slot: str, reply: str, reflection: str
) -> None:
    assert validated(sender, slot, reply, ruler_importance=6)[1] == [reflection]


@pytest.mark.parametrize("reply", ["idk", "skip", "pause", "hmm"])
def test_nothing_is_said_back_to_no_answer(action_db: Database, sender: str, reply: str) -> None:
    slot = "ruler_importance" if reply == "hmm" else "ruler_importance_why"
    assert validated(sender, slot, reply, ruler_importance=6)[1] == []


def test_a_greeting_after_going_quiet_asks_the_same_question_again(
    action_db: Database, sender: str
) -> None:
    earlier = {"ruler_importance": 6, "ruler_importance_why": "my kids"}
    slots, said = validated(sender, "ruler_confidence", "hey", "greet", **earlier)

    assert said == ["utter_checkup_welcome_back"]
    assert (slots["ruler_confidence"], slots["requested_slot"]) == (None, "ruler_confidence")


def test_a_rating_sets_the_follow_up_numbers(action_db: Database, sender: str) -> None:
    assert validate(sender, "ruler_importance", "like a 5") == {
        "ruler_importance": 5, "ruler_reask": False, "ruler_lower": 2, "ruler_higher": 6,
        "requested_slot": "ruler_importance_why",
    }  # fmt: skip


def test_a_zero_has_no_lower_number_to_ask_about(action_db: Database, sender: str) -> None:
    assert validate(sender, "ruler_importance", "0")["requested_slot"] is None


def test_not_ready_is_never_asked_for_confidence_or_a_step(
    action_db: Database, sender: str
) -> None:
    slots = {"ruler_importance": 6, "stage_of_change": "precontemplation"}
    assert validate(sender, "ruler_importance_why", "my wife", **slots)["requested_slot"] is None
    assert (
        validate(sender, "ruler_importance_why", "hm", ruler_importance=2)["requested_slot"] is None
    )


def test_ready_goes_on_to_confidence_and_the_step(action_db: Database, sender: str) -> None:
    after_why = validate(sender, "ruler_importance_why", "my kids", ruler_importance=6)
    assert after_why["requested_slot"] == "ruler_confidence"
    slots = {"ruler_importance": 6, "ruler_importance_why": "my kids"}
    assert validate(sender, "ruler_confidence", "4", **slots)["requested_slot"] == (
        "ruler_confidence_step"
    )
    assert validate(sender, "ruler_confidence", "10", **slots)["requested_slot"] is None


def test_unclear_skip_and_pause(action_db: Database, sender: str) -> None:
    assert validate(sender, "ruler_importance", "hmm")["ruler_reask"] is True
    assert validate(sender, "ruler_importance", "hmm", ruler_reask=True)["ruler_importance"] == (
        "__skipped__"
    )
    assert validate(sender, "ruler_importance", "skip")["ruler_importance"] == "__skipped__"
    paused = validate(sender, "ruler_importance", "pause")
    assert (paused["ruler_importance"], paused["requested_slot"]) == (None, None)


def test_change_talk_where_a_rating_was_asked_is_reflected_and_the_question_asked_again(
    action_db: Database, sender: str
) -> None:
    """ "I made it two weeks once" answers no 0-10 question: no 2 is read from it."""
    earlier: dict[str, Any] = {"ruler_importance": 7, "ruler_importance_why": "my kids"}

    slots, said = validated(sender, "ruler_confidence", "I made it two weeks once", **earlier)

    assert said == ["utter_heard_done_before"]
    assert (slots["ruler_confidence"], slots["ruler_reask"]) == (None, False)
    assert slots["requested_slot"] == "ruler_confidence"


def test_a_rating_said_with_change_talk_still_counts(action_db: Database, sender: str) -> None:
    slots, said = validated(sender, "ruler_importance", "7 because of my kids")

    assert said == ["utter_heard_reason", "utter_rulers_reflect_importance_high"]
    assert (slots["ruler_importance"], slots["ruler_lower"]) == (7, 4)


def test_a_step_in_their_words_is_said_back_with_its_content(
    action_db: Database, sender: str
) -> None:
    earlier: dict[str, Any] = {
        "ruler_importance": 7, "ruler_importance_why": "my kids", "ruler_confidence": 5
    }  # fmt: skip

    slots, said = validated(sender, "ruler_confidence_step", "calling my sponsor more", **earlier)

    assert said == ["utter_heard_step"]
    assert slots["ruler_confidence_step"] == "calling my sponsor more"


def test_not_ready_during_the_rulers_ends_them_without_a_plan(
    action_db: Database, sender: str
) -> None:
    slots, said = validated(sender, "ruler_importance", "idk i dont have a problem")

    assert said == ["utter_heard_not_ready"]
    assert (slots["requested_slot"], slots["stage_of_change"]) == (None, "precontemplation")
    with action_db.transaction() as session:
        assert checkup_rulers.stage_of(session, 1) is Stage.PRECONTEMPLATION
    assert finish(sender, {"stage_of_change": "precontemplation"}) == [
        "utter_rulers_close_not_ready"
    ]


def finish(sender: str, slots: dict[str, Any]) -> list[str]:
    dispatcher = CollectingDispatcher()
    ActionRulersFinish().run(dispatcher, tracker(sender, slots), DOMAIN)
    return [m["response"] for m in dispatcher.messages]


def test_the_ratings_are_stored_with_their_reasons(action_db: Database, sender: str) -> None:
    slots = {
        "ruler_importance": 6, "ruler_importance_why": "my kids", "ruler_confidence": 4,
        "ruler_confidence_step": "__skipped__", "stage_of_change": "contemplation",
    }  # fmt: skip

    assert finish(sender, slots) == ["utter_rulers_close"]
    with action_db.transaction() as session:
        rows = session.execute(select(RulerRating.ruler, RulerRating.score, RulerRating.reason))
        assert sorted(rows) == [("confidence", 4, None), ("importance", 6, "my kids")]


def test_not_ready_closes_with_their_autonomy(action_db: Database, sender: str) -> None:
    slots = {"ruler_importance": 1, "ruler_importance_why": "idk"}
    assert finish(sender, slots) == ["utter_rulers_close_not_ready"]


def test_nothing_answered_stores_nothing(action_db: Database, sender: str) -> None:
    finish(sender, {})
    with action_db.transaction() as session:
        assert session.scalars(select(RulerRating)).all() == []


def test_a_worry_about_medication_read_as_talk_of_change_is_answered_as_the_worry(
    action_db: Database, sender: str
) -> None:
    slots, said = start(sender, "wsg with methadone, do i count as clean on it?")

    assert said == ["utter_medication_worry"]
    assert slots == {"rulers_offered": False}


@pytest.mark.parametrize(
    ("text", "answered_with"),
    [
        (
            "is it dangerous to quit drinking cold turkey? i read that online",
            "utter_ask_prescriber",
        ),
        (
            "If you have someone who has been sober through losing a spouse, I would be willing "
            "to talk with them.",
            "request_peer",
        ),
    ],
)
def test_a_question_or_a_request_that_names_a_change_is_answered_and_no_rulers_offered(
    sender: str, text: str, answered_with: str
) -> None:
    """d10 ("Is it true you can have seizures if you stop benzos cold turkey?", now the body's
    warning signs) and d02 of the sealed 2027-05 conversations (read once) were offered the
    rulers."""
    latest = {"intent": {"name": "talk_about_change"}, "text": text}
    dispatcher = CollectingDispatcher()
    tracker = Tracker(sender, {}, latest, [{"event": "user", "text": text}], False, None, {}, "")

    events = ActionRulersStart().run(dispatcher, tracker, {"responses": ALL_RESPONSES})

    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["rulers_offered"] is False
    assert slots["context_reply"] == answered_with
    said = [str(m.get("response") or m.get("text")) for m in dispatcher.messages]
    assert said
    assert not any(words.startswith("utter_rulers") for words in said)


def test_the_rulers_are_offered_once_not_again_a_message_later(sender: str) -> None:
    """e23 of the sealed 2027-08 set (read once) was asked "a couple of quick questions about
    it?" three times in one conversation."""
    offered = str(ALL_RESPONSES["utter_rulers_permission"][0]["text"])
    text = "What if I try cutting back on my own first and see how it goes"
    events: list[dict[str, Any]] = [
        {"event": "bot", "text": offered},
        {"event": "user", "text": text},
    ]
    dispatcher = CollectingDispatcher()

    slots = ActionRulersStart().run(
        dispatcher, Tracker(sender, {}, {"text": text}, events, False, None, {}, ""), DOMAIN
    )

    assert {e["name"]: e["value"] for e in slots}["rulers_offered"] is False
    assert start(sender, text)[0]["rulers_offered"] is True  # offered when not asked lately
