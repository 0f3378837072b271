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
        ("i dont think i have a problem", "precontemplation", "utter_rulers_reflect_not_ready"),
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
