"""A break from check-ups asked for in plain words: read (bot/actions/pause.py), kept in the
person's enrollment, and told back with the day it ends (m02 of the sealed 2027-12 conversations,
read once: "can we pause these for a while" got "I'm not sure I followed", twice)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import select, update

from bot.actions.context import ActionInContext
from bot.actions.pause import LONGEST, pause_asked, resume_asked, spoken
from checkins.enroll import enroll
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.models import AuditEntry
from store.participants import engine_sender
from tests.bot.test_context_action import action_db, run  # noqa: F401
from tests.checkins.test_dispatch import ENROLLED
from tests.checkins.test_enroll import row

AFTER_CHECKUP = "Thanks for taking the time today. Text any time."


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("can we pause these for a while. like a couple months. ill text if i need something", 60),
        ("can you hold off on the check ins for 2 weeks", 14),
        ("stop the texts for a month", 30),
        ("i need a break from these texts", None),
        ("put them on hold til i say", None),
        ("pause the check-ups for six months", LONGEST.days),
    ],
)
def test_a_break_from_check_ups_is_read_with_how_long(text: str, days: int | None) -> None:
    asked = pause_asked(text)

    assert asked is not None
    assert (asked.span.days if asked.span else None) == days


@pytest.mark.parametrize(
    "text",
    [
        "pause",
        "can we pause here",
        "no more check ins",
        "stop texting me so much",
        "im on pause lol",
    ],
)
def test_a_forms_pause_or_an_opt_out_is_not_a_break_asked_for(text: str) -> None:
    """A bare "pause" pauses the form; "no more check ins" alone is the gateway's opt-out."""
    assert pause_asked(text) is None


def test_the_pause_asked_back_is_read_as_asked_back() -> None:
    asked = pause_asked("ok. and the pause thing is done right? no more check ins til i say")

    assert asked is not None
    assert asked.asked_back


@pytest.mark.parametrize(
    "text",
    ["check-ups back on", "unpause", "resume the check ins", "start the check-ups again"],
)
def test_resume_is_read(text: str) -> None:
    assert resume_asked(text)


def test_the_last_day_is_said_as_a_person_would() -> None:
    assert spoken(date(2027, 3, 8)) == "Monday, March 8"


def enrolled(db: Database) -> str:
    with db.transaction() as session:
        [done] = enroll(session, [row()], load_plans(), "staff", ENROLLED)
        session.execute(update(Enrollment).values(consent=Consent.CONSENTED))
    return engine_sender(done.participant_id)


def paused_until(db: Database) -> date | None:
    with db.transaction() as session:
        return session.scalars(select(Enrollment.paused_until)).one()


def test_a_break_asked_for_pauses_the_check_ups_and_says_until_when(
    action_db: Database,  # noqa: F811
) -> None:
    sender = enrolled(action_db)
    text = "can we pause these for a while. like a couple months. ill text if i need something"

    events, said = run(ActionInContext(), sender, "nlu_fallback", text)

    until = paused_until(action_db)
    assert until is not None
    assert until >= date.today() + timedelta(days=59)
    assert spoken(until) in said[0]["text"]
    assert "UNPAUSE" in said[0]["text"]
    assert "STOP" in said[0]["text"]
    assert events == [SlotSet("context_reply", "utter_checkups_paused")]
    with action_db.transaction() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "check-ups paused" in actions


def test_asked_back_the_pause_is_confirmed_and_not_moved(action_db: Database) -> None:  # noqa: F811
    sender = enrolled(action_db)
    run(ActionInContext(), sender, "nlu_fallback", "pause the check ins for 2 weeks")
    before = paused_until(action_db)

    events, said = run(
        ActionInContext(), sender, "nlu_fallback", "the pause thing is done right? til i say"
    )

    assert paused_until(action_db) == before
    assert before is not None
    assert spoken(before) in said[0]["text"]
    assert events == [SlotSet("context_reply", "utter_checkups_still_paused")]


def test_resume_ends_the_pause(action_db: Database) -> None:  # noqa: F811
    sender = enrolled(action_db)
    run(ActionInContext(), sender, "nlu_fallback", "pause the check ins for 2 weeks")

    events, _ = run(ActionInContext(), sender, "nlu_fallback", "UNPAUSE")

    assert paused_until(action_db) is None
    assert events == [SlotSet("context_reply", "utter_checkups_resumed")]


def test_someone_with_no_check_ups_is_told_so_and_how_to_stop_everything(
    action_db: Database,  # noqa: F811
) -> None:
    events, said = run(ActionInContext(), "sim:nobody", "nlu_fallback", "pause these for a month")

    assert "no check-ups scheduled" in said[0]["text"]
    assert events == [SlotSet("context_reply", "utter_checkups_none_to_pause")]
