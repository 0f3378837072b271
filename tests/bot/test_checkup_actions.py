"""The check-up actions against the app database: each reply read and stored as it comes,
reflections, skip and pause, picking up where it stopped, "not now", the summary, the need rule
and the offer of a peer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.checkup import (
    ActionCheckupConnectPeer,
    ActionCheckupFinish,
    ActionCheckupFirstAnswer,
    ActionCheckupReschedule,
    ActionCheckupStart,
    ValidateCheckupForm,
    resumed_value,
)
from bot.actions.checkup_answers import SKIPPED, question_of
from bot.actions.database import app_database
from core.clock import utcnow
from core.settings import get_settings
from store import checkup_rulers
from store.checkup_models import Checkup, CheckupAnswer
from store.checkup_rulers import Stage
from store.db import Database
from store.enrollment_models import DueEvent, Enrollment
from store.linkage_models import LinkageStatus, LinkageTask
from store.models import Participant
from store.participants import (
    engine_sender,
    get_or_create_participant,
    participant_id_of_sender,
    set_language,
)
from warmline.engine_env import BOT_DIR

DOMAIN: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "checkup.yml").read_text())
QUESTIONS = ["how", "cravings", "use", "use_often", "supports", "went_well", "next_step"]


@pytest.fixture
def action_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The action server opens the app database from settings, as in production."""
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


def tracker(sender: str, slots: dict[str, Any], reply: str | None = None) -> Tracker:
    """A tracker as the form hands it over: the reply, then the slot it filled."""
    events: list[dict[str, Any]] = [{"event": "user", "text": reply or ""}]
    requested = slots.get("requested_slot")
    if reply is not None and requested:
        events.append({"event": "slot", "name": requested, "value": reply})
        slots = {**slots, requested: reply}
    return Tracker(sender, slots, {"text": reply}, events, False, None, {}, "")


def said(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def greeted(sender: str, question: str, **slots: Any) -> tuple[dict[str, Any], list[str]]:
    """ "hey" while the form waits for an answer, as the engine hands it over."""
    slots = {"requested_slot": f"checkup_{question}", "checkup_reask": False, **slots}
    tracked = tracker(sender, slots, "hey")
    tracked.latest_message["intent"] = {"name": "greet", "confidence": 0.98}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateCheckupForm().run(dispatcher, tracked, DOMAIN))
    return {e["name"]: e["value"] for e in events}, said(dispatcher)


def validate(
    sender: str, question: str, reply: str, **slots: Any
) -> tuple[dict[str, Any], list[str]]:
    slots = {"requested_slot": f"checkup_{question}", "checkup_reask": False, **slots}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateCheckupForm().run(dispatcher, tracker(sender, slots, reply), DOMAIN)
    )
    return {e["name"]: e["value"] for e in events}, said(dispatcher)


def stored(db: Database) -> dict[str, tuple[str | None, Any]]:
    with db.transaction() as session:
        rows = session.scalars(select(CheckupAnswer)).all()
        return {row.question: (row.text, row.value) for row in rows}


def test_slot_names_map_to_questions() -> None:
    assert [question_of(s) for s in ("checkup_how", "checkup_use_often", "checkup_x", "x")] == [
        "how", "use_often", None, None,
    ]  # fmt: skip


def test_answers_are_read_stored_and_reflected(action_db: Database, sender: str) -> None:
    slots, reflections = validate(sender, "how", "rough week tbh")
    assert slots["checkup_how"] == "rough week tbh"
    assert reflections == ["utter_checkup_reflect_how_hard"]

    slots, reflections = validate(sender, "cravings", "😣")
    assert (slots["checkup_cravings"], reflections) == (8, ["utter_checkup_reflect_cravings_high"])
    assert validate(sender, "use", "nope")[1] == ["utter_checkup_reflect_no_use"]
    assert validate(sender, "supports", "aa and my sponsor")[1] == [
        "utter_checkup_reflect_supports"
    ]
    assert validate(sender, "went_well", "got my chip")[1] == ["utter_checkup_reflect_went_well"]

    assert stored(action_db) == {
        "how": ("rough week tbh", None),
        "cravings": ("😣", 8),
        "use": ("nope", "none"),
        "supports": ("aa and my sponsor", ["meetings", "sponsor"]),
        "went_well": ("got my chip", None),
    }


def validate_messages(sender: str, question: str, reply: str, **slots: Any) -> list[dict[str, Any]]:
    slots = {"requested_slot": f"checkup_{question}", "checkup_reask": False, **slots}
    dispatcher = CollectingDispatcher()
    asyncio.run(ValidateCheckupForm().run(dispatcher, tracker(sender, slots, reply), DOMAIN))
    messages: list[dict[str, Any]] = dispatcher.messages
    return messages


@pytest.mark.parametrize(
    ("question", "reply", "reflection"),
    [
        ("how", "so lonely since i moved", "utter_checkup_reflect_how_lonely"),
        ("how", "stressed out with work", "utter_checkup_reflect_how_stress"),
        ("how", "up and down tbh", "utter_checkup_reflect_how_mixed"),
        ("how", "mid", "utter_checkup_reflect_how_mixed"),
        ("how", "tired. long week", "utter_checkup_reflect_how_hard"),
        ("how", "pretty good actually", "utter_checkup_reflect_how_good"),
        ("how", "honestly i need help", "utter_checkup_reflect_how_need_help"),
        ("how", "the cravings have been loud", "utter_checkup_reflect_how_cravings"),
        ("cravings", "2", "utter_checkup_reflect_cravings_low"),
        ("cravings", "like a 5", "utter_checkup_reflect_cravings_mid"),
        ("use", "slipped once", "utter_checkup_reflect_slip"),
        ("use", "havent used at all", "utter_checkup_reflect_no_use"),
        ("use", "every day", "utter_checkup_reflect_use"),
        ("supports", "nothing really", "utter_checkup_reflect_alone"),
        ("went_well", "nothing really", "utter_checkup_reflect_nothing_went_well"),
        ("next_step", "not sure", "utter_checkup_reflect_no_step"),
    ],
)
def test_each_answer_gets_a_reflection_of_what_it_says(
    action_db: Database, sender: str, question: str, reply: str, reflection: str
) -> None:
    assert validate(sender, question, reply)[1] == [reflection]


def test_reflections_fill_in_their_words_in_the_second_person_unquoted(
    action_db: Database, sender: str
) -> None:
    (supports,) = validate_messages(sender, "supports", "aa and my sponsor")
    (went_well,) = validate_messages(sender, "went_well", "got my 30 day chip")
    (step,) = validate_messages(sender, "next_step", "call my sponsor on sunday")

    assert supports["supports"] == "meetings and your sponsor"
    assert went_well["went_well"] == "got your 30 day chip"
    assert step["next_step"] == "call your sponsor on sunday"


def test_how_often_is_reflected_only_once_it_is_clear(action_db: Database, sender: str) -> None:
    slots = {**EARLIER_ANSWERS, "checkup_use": "unknown"}
    assert validate(sender, "use_often", "most days", **slots)[1] == [
        "utter_checkup_reflect_use_often_weekly"
    ]
    assert validate(sender, "use_often", "twice", **slots)[1] == [
        "utter_checkup_reflect_use_often_less"
    ]
    assert validate(sender, "use_often", "hard to say", **slots)[1] == []  # never pressed


def test_a_greeting_after_going_quiet_is_not_taken_as_the_answer(
    action_db: Database, sender: str
) -> None:
    slots, spoken = greeted(sender, "how")

    assert spoken == ["utter_checkup_welcome_back"]
    assert (slots["checkup_how"], slots["requested_slot"]) == (None, "checkup_how")  # again
    assert stored(action_db) == {}


EARLIER_ANSWERS = {"checkup_how": "ok", "checkup_cravings": 3}
EARLIER = {"checkup_how": "ok", "checkup_cravings": 3}


def test_an_unclear_yes_is_followed_by_how_often(action_db: Database, sender: str) -> None:
    slots, reflections = validate(sender, "use", "yeah", **EARLIER)
    assert (slots["checkup_use"], reflections) == ("unknown", ["utter_checkup_reflect_use"])
    assert slots["requested_slot"] == "checkup_use_often"

    slots, _ = validate(sender, "use_often", "hard to say", checkup_use="unknown", **EARLIER)
    assert slots["checkup_use_often"] == "unknown"  # asked once: never pressed further
    assert slots["requested_slot"] == "checkup_supports"


def test_skip_is_stored_as_skipped_never_filled_in(action_db: Database, sender: str) -> None:
    slots, _ = validate(sender, "cravings", "skip")
    assert slots["checkup_cravings"] == SKIPPED
    assert stored(action_db) == {"cravings": (None, None)}


def test_an_unclear_answer_is_asked_again_once(action_db: Database, sender: str) -> None:
    slots, _ = validate(sender, "cravings", "hmm")
    assert (slots["checkup_cravings"], slots["checkup_reask"]) == (None, True)
    assert stored(action_db) == {}

    slots, reflections = validate(sender, "cravings", "whatever", checkup_reask=True)
    assert (slots["checkup_cravings"], reflections) == (SKIPPED, ["utter_checkup_let_it_go"])
    assert stored(action_db) == {"cravings": ("whatever", None)}


@pytest.mark.parametrize("reply", ["yeah i guess", "sure", "yes", "nah", "mhm"])
def test_a_bare_yes_or_no_to_how_things_have_been_is_not_stored_as_the_answer(
    action_db: Database, sender: str, reply: str
) -> None:
    slots, _ = validate(sender, "how", reply)

    assert (slots["checkup_how"], slots["checkup_reask"]) == (None, True)
    assert stored(action_db) == {}


@pytest.mark.parametrize("reply", ["ok", "fine i guess", "yeah pretty good", "meh"])
def test_a_short_answer_to_how_things_have_been_is_kept(
    action_db: Database, sender: str, reply: str
) -> None:
    slots, _ = validate(sender, "how", reply)

    assert slots["checkup_how"] == reply
    assert stored(action_db) == {"how": (reply, None)}


def test_pause_ends_the_form(action_db: Database, sender: str) -> None:
    slots, _ = validate(sender, "use", "pause")
    assert (slots["checkup_use"], slots["requested_slot"]) == (None, None)
    assert stored(action_db) == {}


def test_no_action_planning_for_pre_contemplation(action_db: Database, sender: str) -> None:
    earlier = {**EARLIER, "checkup_use": "none", "checkup_supports": "none"}
    slots, _ = validate(sender, "went_well", "idk", stage_of_change="precontemplation", **earlier)
    assert slots["requested_slot"] is None  # no "one step for the coming days"


def start(sender: str) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = ActionCheckupStart().run(dispatcher, tracker(sender, {}), DOMAIN)
    return {e["name"]: e["value"] for e in events}, said(dispatcher)


def test_a_new_check_up_starts_with_empty_slots(action_db: Database, sender: str) -> None:
    slots, spoken = start(sender)
    assert spoken == []
    assert slots == {
        **{f"checkup_{q}": None for q in QUESTIONS},
        "checkup_resume": False, "checkup_reask": False, "stage_of_change": None,
        "checkup_language": "en",
    }  # fmt: skip


def test_a_paused_check_up_is_picked_up(action_db: Database, sender: str) -> None:
    validate(sender, "how", "ok")
    validate(sender, "cravings", "skip")
    validate(sender, "use", "once")
    validate(sender, "supports", "my cat")
    validate(sender, "went_well", "whatever", checkup_reask=True)  # not read: kept as said
    with action_db.transaction() as session:
        checkup_rulers.set_stage(session, 1, Stage.ACTION)

    slots, spoken = start(sender)

    assert spoken == ["utter_checkup_welcome_back_recap"]  # "last time you told me "ok""
    assert (slots["checkup_how"], slots["checkup_cravings"]) == ("ok", SKIPPED)
    assert (slots["checkup_use"], slots["checkup_supports"]) == ("less_than_weekly", "my cat")
    assert (slots["checkup_went_well"], slots["checkup_next_step"]) == ("whatever", None)
    assert (slots["checkup_resume"], slots["stage_of_change"]) == (True, "action")


def test_resumed_answers_are_kept_and_not_stored_again(action_db: Database, sender: str) -> None:
    resumed = Tracker(
        sender, {"checkup_how": "ok"}, {"text": "can we finish the checkup"},
        [{"event": "slot", "name": "checkup_how", "value": "ok"}], False, None, {}, "",
    )  # fmt: skip
    events = asyncio.run(ValidateCheckupForm().run(CollectingDispatcher(), resumed, DOMAIN))
    assert {"event": "slot", "timestamp": None, "name": "checkup_how", "value": "ok"} in events
    assert stored(action_db) == {}


def finish(sender: str, slots: dict[str, Any]) -> tuple[dict[str, Any], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = ActionCheckupFinish().run(dispatcher, tracker(sender, slots), DOMAIN)
    return {e["name"]: e["value"] for e in events}, dispatcher


FULL = {
    "checkup_how": "pretty good", "checkup_cravings": 2, "checkup_use": "none",
    "checkup_supports": "meetings", "checkup_went_well": "slept well",
    "checkup_next_step": "call my sponsor",
}  # fmt: skip


def test_a_paused_check_up_says_how_to_continue(action_db: Database, sender: str) -> None:
    slots, dispatcher = finish(sender, {"checkup_how": "ok"})
    assert said(dispatcher) == ["utter_checkup_paused"]
    assert slots["checkup_linkage"] is False


def test_a_full_check_up_is_summarised_in_their_words(action_db: Database, sender: str) -> None:
    validate(sender, "use", "nope")

    slots, dispatcher = finish(sender, FULL)

    assert said(dispatcher) == ["utter_checkup_summary", "utter_checkup_close"]
    assert "Your next step, in your words: call your sponsor." in dispatcher.messages[0]["summary"]
    assert slots["checkup_linkage"] is False
    with action_db.transaction() as session:
        done = session.scalars(select(Checkup)).one()
        assert (done.completed_at is not None, done.needs_linkage) == (True, False)


def test_their_own_sense_of_needing_help_offers_a_peer(action_db: Database, sender: str) -> None:
    validate(sender, "how", "honestly i need help")

    slots, dispatcher = finish(sender, {**FULL, "checkup_how": "honestly i need help"})

    assert said(dispatcher) == ["utter_checkup_summary", "utter_checkup_offer_peer"]
    assert slots["checkup_linkage"] is True
    with action_db.transaction() as session:
        assert session.scalars(select(Checkup)).one().needs_linkage is True


def test_weekly_use_offers_a_peer(action_db: Database, sender: str) -> None:
    validate(sender, "use", "every day")
    assert finish(sender, {**FULL, "checkup_use": "weekly_or_more"})[0]["checkup_linkage"] is True


def test_saying_yes_to_a_peer_is_noted(action_db: Database, sender: str) -> None:
    validate(sender, "how", "i need help")
    finish(sender, {**FULL, "checkup_how": "i need help"})
    dispatcher = CollectingDispatcher()

    ActionCheckupConnectPeer().run(dispatcher, tracker(sender, {}), DOMAIN)

    assert dispatcher.messages[0]["metadata"] == {"miti": "give_information"}
    with action_db.transaction() as session:
        assert session.scalars(select(Checkup)).one().peer_requested_at is not None


def linkage_tasks(db: Database) -> list[tuple[str, list[str]]]:
    with db.transaction() as session:
        return [(t.status, t.reasons) for t in session.scalars(select(LinkageTask)).all()]


def test_counted_weekly_use_records_linkage_offered_not_accepted(
    action_db: Database, sender: str
) -> None:
    validate(sender, "use", "like 4 times this week")

    slots, _ = finish(sender, {**FULL, "checkup_use": "weekly_or_more"})

    assert slots["checkup_linkage"] is True
    assert linkage_tasks(action_db) == [(LinkageStatus.OFFERED, ["weekly_use"])]


def test_no_need_records_no_linkage_task(action_db: Database, sender: str) -> None:
    validate(sender, "use", "nope")
    finish(sender, FULL)
    assert linkage_tasks(action_db) == []


def test_cravings_at_the_programs_level_offer_a_peer(
    action_db: Database, sender: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARMLINE_LINKAGE_CRAVINGS_AT", "8")
    get_settings.cache_clear()
    validate(sender, "use", "nope")
    validate(sender, "cravings", "8")

    _slots, dispatcher = finish(sender, {**FULL, "checkup_cravings": 8})

    assert said(dispatcher) == ["utter_checkup_summary", "utter_checkup_offer_peer"]
    assert linkage_tasks(action_db) == [(LinkageStatus.OFFERED, ["cravings"])]


def test_yes_to_a_peer_opens_the_linkage_task_with_its_target(
    action_db: Database, sender: str
) -> None:
    validate(sender, "how", "i need help")
    finish(sender, {**FULL, "checkup_how": "i need help"})
    before = utcnow()

    ActionCheckupConnectPeer().run(CollectingDispatcher(), tracker(sender, {}), DOMAIN)

    with action_db.transaction() as session:
        task = session.scalars(select(LinkageTask)).one()
        assert task.status == LinkageStatus.OPEN
        assert task.due_by is not None
        assert task.due_by >= before + timedelta(days=2)


def chicago_today() -> date:
    return utcnow().astimezone(ZoneInfo("America/Chicago")).date()


def test_a_completed_check_up_recomputes_an_adaptive_plan(action_db: Database, sender: str) -> None:
    with action_db.transaction() as session:
        pid = session.scalars(select(Participant.id)).one()
        session.add(
            Enrollment(
                participant_id=pid, external_id="P-1", discharge_date=chicago_today(),
                plan="rmc_quarterly", timezone="America/Chicago", window_start=time(9),
                window_end=time(20), enrolled_by="staff",
            )
        )  # fmt: skip
    validate(sender, "use", "every day")

    finish(sender, {**FULL, "checkup_use": "weekly_or_more"})

    with action_db.transaction() as session:
        days = session.scalars(select(DueEvent.day).order_by(DueEvent.day)).all()
    assert days[:2] == [7, 30]  # the linkage follow-up, then a month on


def test_not_now_stores_when_to_ask_again(action_db: Database, sender: str) -> None:
    dispatcher = CollectingDispatcher()
    before = utcnow()

    ActionCheckupReschedule().run(dispatcher, tracker(sender, {}, "ask me tmrw"), DOMAIN)

    assert dispatcher.messages[0]["response"] == "utter_checkup_rescheduled"
    assert dispatcher.messages[0]["when"] == "tomorrow"
    with action_db.transaction() as session:
        ask_again_at = session.scalars(select(Checkup.ask_again_at)).one()
        assert ask_again_at is not None
        assert ask_again_at - before >= timedelta(hours=23)


def test_without_a_participant_nothing_is_stored(action_db: Database) -> None:
    validate("default", "how", "ok")
    _, dispatcher = finish("default", FULL)
    assert said(dispatcher) == ["utter_checkup_summary", "utter_checkup_close"]
    assert stored(action_db) == {}


@pytest.mark.parametrize(
    ("question", "text", "value", "slot"),
    [
        ("how", "ok", None, "ok"),
        ("how", None, None, SKIPPED),
        ("cravings", "😣", 8, 8),
        ("cravings", "whatever", None, SKIPPED),  # asked twice and not read: never asked again
        ("cravings", None, None, SKIPPED),
        ("use", "nope", "none", "none"),
    ],
)
def test_a_stored_answer_as_a_slot(question: str, text: str | None, value: Any, slot: Any) -> None:
    assert resumed_value(question, text, value) == slot


def test_a_participant_enrolled_in_spanish_gets_the_check_up_in_spanish(
    action_db: Database, sender: str
) -> None:
    with action_db.transaction() as session:
        set_language(session, participant_id_of_sender(sender) or 0, "es")
    slots, _ = start(sender)
    assert slots["checkup_language"] == "es"


def test_spanish_answers_are_read_stored_and_said_back_in_spanish(
    action_db: Database, sender: str
) -> None:
    spanish = {"checkup_language": "es"}
    assert validate(sender, "how", "más o menos, cansada", **spanish)[1] == [
        "utter_checkup_reflect_how_mixed"
    ]
    assert validate(sender, "cravings", "como un 6", **spanish)[0]["checkup_cravings"] == 6
    assert validate(sender, "use", "no, sigo limpia", **spanish)[1] == [
        "utter_checkup_reflect_no_use"
    ]
    messages = validate_messages(sender, "supports", "las reuniones y mi madrina", **spanish)
    assert messages[0]["supports"] == "las reuniones y tu padrino o madrina"
    messages = validate_messages(sender, "went_well", "volví a trabajar", **spanish)
    assert messages[0]["went_well"] == "volviste a trabajar"
    assert stored(action_db)["use"] == ("no, sigo limpia", "none")


def test_a_check_up_put_off_in_spanish_says_when_in_spanish(
    action_db: Database, sender: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracked = tracker(sender, {"checkup_language": "es"}, "ahora no, mañana")
    ActionCheckupReschedule().run(dispatcher, tracked, DOMAIN)
    assert dispatcher.messages[0]["when"] == "mañana"


def test_use_told_at_the_cravings_question_is_stored_and_reflected_and_cravings_asked_again(
    action_db: Database, sender: str
) -> None:
    """Replayed (session 18): "Used twice this week. Drinking to come down." after the cravings
    question got "Sorry, I didn't catch that", and the use question came later anyway."""
    text = "Used twice this week. Drinking to come down."
    slots, said_back = validate(sender, "cravings", text, checkup_how="Been rough.")

    assert (slots["checkup_use"], slots["checkup_cravings"]) == ("weekly_or_more", None)
    assert slots["requested_slot"] == "checkup_cravings"  # asked again, plainly
    assert slots["checkup_reask"] is False
    assert said_back == ["utter_checkup_reflect_use"]
    assert stored(action_db) == {"use": (text, "weekly_or_more")}


def test_cravings_told_at_the_use_question_are_kept_and_use_asked_again(
    action_db: Database, sender: str
) -> None:
    slots, said_back = validate(sender, "use", "cravings maybe a 3", checkup_how="meh")

    assert (slots["checkup_cravings"], slots["checkup_use"]) == (3, None)
    assert said_back == ["utter_checkup_reflect_cravings_low"]
    assert slots["requested_slot"] == "checkup_use"


def test_an_unclear_reply_that_answers_nothing_else_is_asked_again_with_examples(
    action_db: Database, sender: str
) -> None:
    slots, said_back = validate(sender, "cravings", "Nearest anything is 90 miles. Billings.")

    assert (slots["checkup_cravings"], slots["checkup_reask"], said_back) == (None, True, [])
    assert stored(action_db) == {}


def test_how_things_have_been_told_with_the_yes_is_reflected_and_stored(
    action_db: Database, sender: str
) -> None:
    """Texted by hand (session 19): the yes is dropped from the answer kept ("ya sure, been
    rough" is kept as "been rough"), and the answer is still reflected as said now."""
    latest = "ya sure, been rough tbh. landlord is on my case"
    slots = {"requested_slot": "checkup_cravings", "checkup_reask": False}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": latest},
        {"event": "slot", "name": "checkup_how", "value": "been rough tbh. landlord is on my case"},
    ]
    told = Tracker(
        sender, {**slots, "checkup_how": "been rough tbh. landlord is on my case"},
        {"text": latest}, events, False, None, {}, "",
    )  # fmt: skip
    dispatcher = CollectingDispatcher()

    asyncio.run(ValidateCheckupForm().run(dispatcher, told, DOMAIN))

    assert said(dispatcher) == ["utter_checkup_reflect_how_hard"]
    assert stored(action_db)["how"][0] == "been rough tbh. landlord is on my case"


def test_a_check_up_written_in_spanish_goes_on_in_spanish(action_db: Database, sender: str) -> None:
    """d23 of the sealed 2027-05 conversations (read once): "Han sido días pesados" and what
    followed got the English questions to the end."""
    slots, _ = validate(
        sender, "cravings", "Antojo como un 6. Más en la noche cuando no puedo dormir"
    )

    assert (slots["checkup_language"], slots["checkup_cravings"]) == ("es", 6)
    assert (
        "checkup_language" not in validate(sender, "use", "no he usado", checkup_language="es")[0]
    )


def test_a_yes_that_asks_for_spanish_starts_the_check_up_in_spanish_and_is_no_answer() -> None:
    text = "Sí, ahorita puedo. Pero mejor en español si se puede"
    dispatcher = CollectingDispatcher()
    events = ActionCheckupFirstAnswer().run(dispatcher, tracker("sim", {}, text), DOMAIN)

    assert events == [SlotSet("checkup_language", "es")]  # nothing taken as how things have been


def test_a_check_up_asked_for_in_spanish_is_offered_in_spanish(
    action_db: Database, sender: str
) -> None:
    """Texting the simulator: "quiero hacer el chequeo" got the English offer."""
    events = ActionCheckupStart().run(
        CollectingDispatcher(), tracker(sender, {}, "quiero hacer el chequeo"), DOMAIN
    )

    assert {e["name"]: e["value"] for e in events}["checkup_language"] == "es"
