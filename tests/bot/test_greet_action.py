"""The greeting action reads the app database to tell a first contact from a returning one,
and a returning one with a check-up or a BARC-10 left part-way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.actions.database import app_database
from bot.actions.greet import (
    FIRST_GREETING,
    RETURNING_GREETING,
    UNFINISHED_BARC10,
    UNFINISHED_CHECKUP,
    ActionGreetParticipant,
)
from core.clock import utcnow
from core.settings import get_settings
from store import barc10, checkup, messages
from store.db import Database
from store.models import AuditEntry
from store.participants import participant_for


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


def greet(sender: str) -> list[str]:
    tracker = Tracker(sender, {}, {"intent": {"name": "greet"}}, [], False, None, {}, "")
    dispatcher = CollectingDispatcher()
    events = ActionGreetParticipant().run(dispatcher, tracker, {})
    assert events == []
    return [message["text"] for message in dispatcher.messages]


def texted(db: Database, address: str, count: int) -> None:
    with db.transaction() as session:
        for n in range(count):
            messages.store_inbound(
                session,
                address=address,
                channel_message_id=f"{address}-{n}",
                text="hi",
                now=utcnow(),
            )


def test_unknown_sender_gets_the_first_greeting(action_db: Database) -> None:
    assert greet("sim:stranger") == [FIRST_GREETING]


def test_first_message_gets_the_first_greeting_and_is_audited(action_db: Database) -> None:
    texted(action_db, "sim:jo", 1)

    assert greet("sim:jo") == [FIRST_GREETING]
    with action_db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action, entry.detail) == (
            "assistant",
            "greeted",
            {"returning": False},
        )


def test_someone_who_texted_before_is_welcomed_back(action_db: Database) -> None:
    texted(action_db, "tel:+15551239999", 3)

    assert greet("tel:+15551239999") == [RETURNING_GREETING]


def participant_id(db: Database, address: str) -> int:
    with db.transaction() as session:
        found = participant_for(session, address)
        assert found is not None
        return found.id


def test_someone_back_after_going_quiet_in_a_check_up_is_told_how_to_pick_it_up(
    action_db: Database,
) -> None:
    texted(action_db, "sim:kim", 3)
    with action_db.transaction() as session:
        checkup.record_answer(session, participant_id(action_db, "sim:kim"), "how", ("ok", None),
                              utcnow())  # fmt: skip

    assert greet("sim:kim") == [UNFINISHED_CHECKUP]


def test_someone_back_after_going_quiet_in_the_barc10_is_told_how_to_pick_it_up(
    action_db: Database,
) -> None:
    texted(action_db, "sim:lee", 2)
    with action_db.transaction() as session:
        barc10.record_answer(session, participant_id(action_db, "sim:lee"), 1, 5, utcnow())

    assert greet("sim:lee") == [UNFINISHED_BARC10]


def test_a_finished_check_up_is_not_offered_again(action_db: Database) -> None:
    texted(action_db, "sim:max", 2)
    pid = participant_id(action_db, "sim:max")
    with action_db.transaction() as session:
        checkup.record_answer(session, pid, "how", ("ok", None), utcnow())
        checkup.complete(session, pid, False, utcnow())

    assert greet("sim:max") == [RETURNING_GREETING]


def test_a_first_message_that_names_clean_time_gets_it_affirmed_after_the_greeting(
    action_db: Database,
) -> None:
    """e01 of the sealed 2027-06 conversations (read once) got only "How are you doing today?"."""
    text = "hey so today is 90 days. didnt tell anyone yet figured id tell you first lol"
    latest = {"intent": {"name": "greet"}, "text": text}
    tracker = Tracker("sim:dana", {}, latest, [], False, None, {}, "")
    dispatcher = CollectingDispatcher()

    ActionGreetParticipant().run(dispatcher, tracker, {})

    greeting, milestone = dispatcher.messages
    assert greeting["text"] == FIRST_GREETING.removesuffix(" How are you doing today?")
    assert (milestone["response"], milestone["milestone"]) == ("utter_milestone", "90 days")
