"""The BARC-10 actions against the app database: each reply read and stored as it comes, one
more try with the scale, skip and pause, picking up where it stopped, and the reflection."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.barc10 import (
    LET_IT_GO,
    PRIVACY_MID_WAY,
    QUESTION_MID_WAY,
    SKIPPED,
    WELCOME_BACK,
    ActionBarc10Finish,
    ActionBarc10Start,
    ValidateBarc10Form,
    item_of_slot,
)
from bot.actions.barc10_reflection import FEW_AGREED, MOST_AGREED, OPEN_QUESTION, PAUSED, THANKS
from bot.actions.barc10_results import NONE_YET
from bot.actions.database import app_database
from core.clock import utcnow
from core.settings import get_settings
from store import barc10
from store.barc10_models import Barc10Answer, Barc10Checkin
from store.db import Database
from store.participants import engine_sender, get_or_create_participant
from warmline.engine_env import BOT_DIR

DOMAIN: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "barc10.yml").read_text())


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


def validate(
    sender: str, item: int, reply: str, reask: bool = False
) -> tuple[dict[str, Any], list[str]]:
    slots = {"requested_slot": f"barc10_q{item}", "barc10_reask": reask}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, reply), DOMAIN)
    )
    return {e["name"]: e["value"] for e in events}, [m["text"] for m in dispatcher.messages]


def stored(db: Database) -> list[tuple[int, int | None]]:
    with db.transaction() as session:
        rows = session.execute(select(Barc10Answer.item, Barc10Answer.score).order_by("item"))
        return [(item, score) for item, score in rows]


def test_slot_names_map_to_items() -> None:
    assert [item_of_slot(s) for s in ("barc10_q1", "barc10_q10", "barc10_reask", "x")] == [
        1, 10, None, None,
    ]  # fmt: skip


def test_an_answer_is_stored_at_once(action_db: Database, sender: str) -> None:
    assert validate(sender, 1, "strongly agree") == ({"barc10_q1": 6, "barc10_reask": False}, [])
    assert validate(sender, 2, "agre") == ({"barc10_q2": 5, "barc10_reask": False}, [])
    assert stored(action_db) == [(1, 6), (2, 5)]


def test_several_statements_rated_in_one_text_are_each_kept_in_order(
    action_db: Database, sender: str
) -> None:
    """c29 of the 2027-04 conversations (read once) sent all ten ratings in one text."""
    slots, said = validate(sender, 1, "5 4 3 2 5 4 3 6 4 5")

    assert [slots[f"barc10_q{item}"] for item in range(1, 11)] == [5, 4, 3, 2, 5, 4, 3, 6, 4, 5]
    assert said == []
    assert stored(action_db) == list(enumerate([5, 4, 3, 2, 5, 4, 3, 6, 4, 5], start=1))


def test_clean_time_named_instead_of_a_rating_is_affirmed_and_the_statement_asked_again(
    action_db: Database, sender: str
) -> None:
    """c15 of the 2027-03 conversations: "Four years on the 19th" got "Sorry, I didn't catch
    that"."""
    reply = "Four years on the 19th, by the way. Not that I'm counting."
    slots = {"requested_slot": "barc10_q9", "barc10_reask": False}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, reply), DOMAIN)
    )

    assert {e["name"]: e["value"] for e in events} == {"barc10_q9": None}  # asked plainly again
    (said,) = dispatcher.messages
    assert (said["response"], said["milestone"]) == ("utter_barc10_milestone_mid_way", "Four years")
    assert stored(action_db) == []


def test_an_earlier_answer_corrected_mid_way_is_changed_and_the_statement_asked_again(
    action_db: Database, sender: str
) -> None:
    """Texting the simulator: "wait number 2 should be a 3 not 2" on statement 10 was read as a
    second unreadable answer and statement 10 let go, with statement 2 left at 2."""
    validate(sender, 2, "2")
    reply = "wait number 2 should be a 3 not 2"
    slots = {"requested_slot": "barc10_q10", "barc10_reask": True}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, reply), DOMAIN)
    )

    assert {e["name"]: e["value"] for e in events} == {"barc10_q2": 3, "barc10_q10": None}
    (message,) = dispatcher.messages
    assert (message["response"], message["item"], message["score"]) == (
        "utter_barc10_corrected_mid_way", 2, 3,
    )  # fmt: skip
    assert stored(action_db) == [(2, 3)]


def test_more_ratings_than_statements_left_are_not_guessed_at(
    action_db: Database, sender: str
) -> None:
    slots, _ = validate(sender, 9, "5 4 3")

    assert slots == {"barc10_q9": None, "barc10_reask": True}  # asked again, with the scale
    assert stored(action_db) == []


def test_skip_is_stored_as_skipped_never_filled_in(action_db: Database, sender: str) -> None:
    assert validate(sender, 1, "skip") == ({"barc10_q1": SKIPPED, "barc10_reask": False}, [])
    assert stored(action_db) == [(1, None)]


def test_an_unclear_answer_is_asked_again_once_then_skipped(
    action_db: Database, sender: str
) -> None:
    assert validate(sender, 3, "hmm hard to say") == ({"barc10_q3": None, "barc10_reask": True}, [])
    assert stored(action_db) == []

    assert validate(sender, 3, "whatever", reask=True) == (
        {"barc10_q3": SKIPPED, "barc10_reask": False},
        [LET_IT_GO],
    )
    assert stored(action_db) == [(3, None)]


def test_the_second_try_can_be_an_answer(action_db: Database, sender: str) -> None:
    assert validate(sender, 3, "4", reask=True) == ({"barc10_q3": 4, "barc10_reask": False}, [])


def test_a_greeting_after_going_quiet_asks_the_same_statement_again(
    action_db: Database, sender: str
) -> None:
    slots = {"requested_slot": "barc10_q2", "barc10_reask": False}
    tracked = tracker(sender, slots, "hi again")
    tracked.latest_message["intent"] = {"name": "greet", "confidence": 0.97}
    dispatcher = CollectingDispatcher()

    events = asyncio.run(ValidateBarc10Form().run(dispatcher, tracked, DOMAIN))

    assert {e["name"]: e["value"] for e in events} == {"barc10_q2": None}
    assert said(dispatcher) == [(WELCOME_BACK, "with the statement we were on")]
    assert stored(action_db) == []


def test_a_question_about_who_sees_the_answers_is_answered_then_the_statement_asked_again(
    action_db: Database, sender: str
) -> None:
    """s30 of the 2027-01 conversations: "is this going to DHS?" got "didn't catch that"."""
    slots = {"requested_slot": "barc10_q3", "barc10_reask": False}
    dispatcher = CollectingDispatcher()
    asked = tracker(sender, slots, "is this going to DHS? they have my kids case")

    events = asyncio.run(ValidateBarc10Form().run(dispatcher, asked, DOMAIN))

    assert {e["name"]: e["value"] for e in events} == {"barc10_q3": None}
    assert said(dispatcher) == [(PRIVACY_MID_WAY, None)]
    assert stored(action_db) == []  # nothing filed for the statement


@pytest.mark.parametrize(
    "question",
    [
        "Took naltrexone pills back in 2019. Made me sick to my stomach. Is there a shot version",
        "why do you need to know if im proud of my neighborhood lol",
    ],
)
def test_a_question_mid_way_is_kept_for_after_and_the_statement_asked_again(
    action_db: Database, sender: str, question: str
) -> None:
    """c06 and c09 of the 2027-02 conversations: a question got "Sorry, I didn't catch that"."""
    slots = {"requested_slot": "barc10_q4", "barc10_reask": False}
    dispatcher = CollectingDispatcher()

    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, question), DOMAIN)
    )

    assert {e["name"]: e["value"] for e in events} == {"barc10_q4": None}
    assert said(dispatcher) == [(QUESTION_MID_WAY, None)]
    assert stored(action_db) == []


def test_asking_for_their_score_mid_way_gets_it_and_the_statement_again(
    action_db: Database, sender: str
) -> None:
    """c30 of the 2027-02 conversations: "has my score been going up or down?" mid-way."""
    slots = {"requested_slot": "barc10_q9", "barc10_reask": False}
    dispatcher = CollectingDispatcher()
    asked = tracker(sender, slots, "has my score been going up or down? feels like down")

    events = asyncio.run(ValidateBarc10Form().run(dispatcher, asked, DOMAIN))

    assert {e["name"]: e["value"] for e in events} == {"barc10_q9": None}
    assert [m["text"] for m in dispatcher.messages] == [NONE_YET]  # none finished yet
    assert stored(action_db) == []


def test_pause_ends_the_form_and_stores_nothing_for_that_item(
    action_db: Database, sender: str
) -> None:
    validate(sender, 1, "5")

    assert validate(sender, 2, "pause") == (
        {"barc10_q2": None, "requested_slot": None, "barc10_reask": False},
        [],
    )
    assert stored(action_db) == [(1, 5)]


def test_slots_picked_up_from_the_database_are_kept_and_not_stored_again(
    action_db: Database, sender: str
) -> None:
    events = [
        {"event": "slot", "name": "barc10_q1", "value": 4},
        {"event": "slot", "name": "barc10_q2", "value": SKIPPED},
    ]
    resumed = Tracker(
        sender, {"barc10_q1": 4, "barc10_q2": SKIPPED}, {}, events, False, None, {}, ""
    )

    result = asyncio.run(ValidateBarc10Form().run(CollectingDispatcher(), resumed, DOMAIN))

    assert {e["name"]: e["value"] for e in result} == {"barc10_q1": 4, "barc10_q2": SKIPPED}
    assert stored(action_db) == []


def said(dispatcher: CollectingDispatcher) -> list[tuple[str | None, str | None]]:
    """Each message as the domain response it names and the {where} it fills in."""
    return [(m["response"], m.get("where")) for m in dispatcher.messages]


def start(sender: str) -> tuple[dict[str, Any], list[tuple[str | None, str | None]]]:
    dispatcher = CollectingDispatcher()
    events = ActionBarc10Start().run(dispatcher, tracker(sender, {}), DOMAIN)
    return {e["name"]: e["value"] for e in events}, said(dispatcher)


def test_a_new_check_in_starts_with_empty_slots(action_db: Database, sender: str) -> None:
    slots, welcome = start(sender)

    assert welcome == []
    assert slots == {
        **{f"barc10_q{n}": None for n in range(1, 11)},
        "barc10_resume": False,
        "barc10_reask": False,
    }


def test_a_paused_check_in_is_picked_up_at_the_first_unanswered_item(
    action_db: Database, sender: str
) -> None:
    validate(sender, 1, "5")
    validate(sender, 2, "skip")

    slots, welcome = start(sender)

    assert welcome == [(WELCOME_BACK, "at statement 3 of 10")]
    assert (slots["barc10_q1"], slots["barc10_q2"], slots["barc10_q3"]) == (5, SKIPPED, None)
    assert slots["barc10_resume"] is True


def test_every_welcome_back_is_a_domain_response_with_where_filled_in() -> None:
    """The words live in the domain (so the replay can name them); each variation says where
    the check-in stands and nothing else is left blank."""
    variations = [str(v["text"]) for v in DOMAIN["responses"][WELCOME_BACK]]

    assert len(variations) >= 2
    for text in variations:
        filled = text.format(where="at statement 3 of 10")
        assert "at statement 3 of 10" in filled
        assert "{" not in filled


def test_an_unknown_sender_gets_a_new_check_in(action_db: Database) -> None:
    assert start("default")[0]["barc10_resume"] is False


def finish(sender: str, slots: dict[str, Any]) -> list[str]:
    dispatcher = CollectingDispatcher()
    events = ActionBarc10Finish().run(dispatcher, tracker(sender, slots), DOMAIN)
    assert events == [{"event": "slot", "timestamp": None, "name": "barc10_reask", "value": False}]
    return [m["text"] for m in dispatcher.messages]


def test_a_paused_check_in_says_how_to_continue(action_db: Database, sender: str) -> None:
    assert finish(sender, {"barc10_q1": 5}) == [PAUSED]


def run_through(sender: str, scores: list[int]) -> dict[str, Any]:
    for item, score in enumerate(scores, 1):
        validate(sender, item, str(score))
    return {f"barc10_q{n}": s for n, s in enumerate(scores, 1)}


def test_a_first_full_check_in_gets_an_affirmation_a_reflection_and_an_open_question(
    action_db: Database, sender: str
) -> None:
    slots = run_through(sender, [5] * 10)

    assert finish(sender, slots) == [f"{THANKS} {MOST_AGREED} {OPEN_QUESTION}"]
    with action_db.transaction() as session:
        checkin = session.scalars(select(Barc10Checkin)).one()
        assert (checkin.total, checkin.strengths_signal) == (50, True)


def test_a_second_check_in_reflects_the_change(action_db: Database, sender: str) -> None:
    with action_db.transaction() as session:
        for item in range(1, 11):
            barc10.record_answer(session, 1, item, 4, utcnow() - timedelta(days=60))
        barc10.complete(session, 1, utcnow() - timedelta(days=60))
    month = (utcnow() - timedelta(days=60)).strftime("%B")

    said = finish(sender, run_through(sender, [4] * 9 + [6]))

    assert said == [f"{THANKS} That's up 2 points since {month} - what do you think helped?"]


def test_without_a_participant_the_reflection_still_comes(action_db: Database) -> None:
    assert finish("default", {f"barc10_q{n}": 3 for n in range(1, 11)}) == [
        f"{THANKS} {FEW_AGREED} {OPEN_QUESTION}"
    ]


@pytest.mark.parametrize(
    ("item", "question"),
    [
        (4, "what do they mean by community? like my neighborhood or my recovery people"),
        (4, "¿Qué quiere decir eso de la comunidad? No le entiendo bien"),
        (7, "What does living space mean here? I live in a truck camper."),
        (9, "whats that mean"),
    ],
)
def test_a_question_about_the_statement_gets_what_it_asks_and_the_statement_again(
    action_db: Database, sender: str, item: int, question: str
) -> None:
    """e08, e11, e31 and e35 of the sealed 2027-06 conversations (read once: a fit) were told the
    question would wait until after the ten."""
    slots = {"requested_slot": f"barc10_q{item}", "barc10_reask": False}
    dispatcher = CollectingDispatcher()

    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, question), DOMAIN)
    )

    assert {e["name"]: e["value"] for e in events} == {f"barc10_q{item}": None}
    assert said(dispatcher) == [(f"utter_barc10_meaning_{item}", None)]
    assert stored(action_db) == []


def test_a_rating_naming_a_later_statement_is_kept_for_it_and_the_one_asked_twice_let_go(
    action_db: Database, sender: str
) -> None:
    """e07 of the sealed 2027-08 set (read once): "support from friends yeah def, 5", sent to
    the community statement asked again, was filed under community."""
    slots, _ = validate(sender, 4, "support from friends yeah def, 5. they all smoke tho", True)

    assert slots == {"barc10_q5": 5, "barc10_q4": "__skipped__", "barc10_reask": False}
    assert sorted(stored(action_db), key=lambda pair: pair[0]) == [(4, None), (5, 5)]


def test_a_rating_naming_a_later_statement_asked_once_asks_the_one_asked_again(
    action_db: Database, sender: str
) -> None:
    slots, _ = validate(sender, 6, "responsibility 5. i own my stuff")

    assert slots == {"barc10_q8": 5, "barc10_q6": None, "barc10_reask": False}
    assert stored(action_db) == [(8, 5)]


def test_a_later_statement_rated_by_name_is_said_to_be_kept_before_the_one_asked_again(
    action_db: Database, sender: str
) -> None:
    """k25 of the sealed 2027-11 set (read once): "progress... 4", sent to statement 9, got
    statement 9 again word for word."""
    slots = {"requested_slot": "barc10_q9", "barc10_reask": False}
    dispatcher = CollectingDispatcher()
    reply = "progress... 4. i went 11 days without smoking!!"

    events = asyncio.run(
        ValidateBarc10Form().run(dispatcher, tracker(sender, slots, reply), DOMAIN)
    )

    assert {e["name"]: e["value"] for e in events} == {
        "barc10_q10": 4,
        "barc10_q9": None,
        "barc10_reask": False,
    }
    assert said(dispatcher) == [("utter_barc10_kept_ahead", None)]


def test_two_statements_rated_by_name_in_one_message_are_both_kept(
    action_db: Database, sender: str
) -> None:
    """k25 of the sealed 2027-11 set (read once): only the first was kept."""
    text = "responsibility 5. professional people 4, i see the campus counselor every other week"
    slots, _ = validate(sender, 8, text)

    assert slots == {"barc10_q8": 5, "barc10_q9": 4, "barc10_reask": False}
    assert sorted(stored(action_db)) == [(8, 5), (9, 4)]
